#pragma once
// The albedo inspector (issue 8 §5): the static albedo, the dynamic map A_i Δ_i^R of a selected
// shape (signed: blue darker, red brighter), and the albedo at the current frame (eq. 2).
#include <Eigen/Core>
#include <QWidget>
#include <memory>

class QComboBox;
class QLabel;

namespace likeness::ui {

class FrameView;
struct FaceModel;

class AlbedoInspector : public QWidget {
    Q_OBJECT
  public:
    explicit AlbedoInspector(QWidget* parent = nullptr);

    void setModel(std::shared_ptr<const FaceModel> model);
    /// The current frame's weights: the "at this frame" albedo follows them.
    void setWeights(const Eigen::VectorXf& w);
    int selectedShape() const;
    QImage staticImage() const;
    QImage dynamicImage() const;
    QImage currentImage() const;

  public slots:
    void selectShape(int shape);

  signals:
    void shapeSelected(int shape);

  private:
    void updateDynamic();
    void updateCurrent();

    std::shared_ptr<const FaceModel> model_;
    Eigen::VectorXf w_;
    QComboBox* shapes_ = nullptr;
    FrameView* static_view_ = nullptr;
    FrameView* dynamic_view_ = nullptr;
    FrameView* current_view_ = nullptr;
    QLabel* caption_ = nullptr;
};

}  // namespace likeness::ui
