#pragma once
// The attention-mask inspector (issue 8 §4): A_i of the selected shape as a UV image beside the
// correction it restricts, |F(A_i Δ_i^S)| drawn into the same UV square, with buttons to show
// either as a colour map on the mesh.
#include <Eigen/Core>
#include <QWidget>
#include <map>
#include <memory>

class QComboBox;
class QLabel;

namespace likeness::ui {

class FrameView;
struct FaceModel;

class AttentionInspector : public QWidget {
    Q_OBJECT
  public:
    explicit AttentionInspector(QWidget* parent = nullptr);

    void setModel(std::shared_ptr<const FaceModel> model);
    int selectedShape() const;
    /// The two UV images on show (for tests).
    QImage maskImage() const;
    QImage correctionImage() const;

  public slots:
    void selectShape(int shape);

  signals:
    void shapeSelected(int shape);
    void colourMapRequested(const Eigen::VectorXf& values, float max_value, const QString& label);

  private:
    void updateImages();

    std::shared_ptr<const FaceModel> model_;
    QComboBox* shapes_ = nullptr;
    FrameView* mask_view_ = nullptr;
    FrameView* correction_view_ = nullptr;
    QLabel* caption_ = nullptr;
};

}  // namespace likeness::ui
