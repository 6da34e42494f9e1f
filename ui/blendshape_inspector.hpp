#pragma once
// The blend-shape inspector (issue 8 §3): the 52 shapes with the current frame's weight; for the
// selected shape, template S_i vs corrected S_i + A_i Δ_i^S (toggle), a slider that dials it in
// on its own, and colour maps of the per-vertex correction magnitude and of the deformation-
// gradient deviation eq. 7 penalises.
#include <Eigen/Core>
#include <QWidget>
#include <memory>

class QButtonGroup;
class QCheckBox;
class QLabel;
class QRadioButton;
class QSlider;
class QTreeWidget;

namespace likeness::ui {

struct FaceModel;

class BlendshapeInspector : public QWidget {
    Q_OBJECT
  public:
    enum class Map { None, Correction, GradientDeviation, Attention };

    explicit BlendshapeInspector(QWidget* parent = nullptr);

    void setModel(std::shared_ptr<const FaceModel> model);
    /// The current frame's weights (52).
    void setWeights(const Eigen::VectorXf& w);
    int selectedShape() const { return shape_; }
    Map map() const { return map_; }
    bool soloing() const;
    bool showsCorrected() const;

  public slots:
    void selectShape(int shape);
    void setMap(likeness::ui::BlendshapeInspector::Map map);
    /// Shows the selected shape alone at `weight` in [0,1] (the dial), or the frame again.
    void setSolo(bool solo);
    void setDial(double weight);
    void setShowCorrected(bool corrected);

  signals:
    void shapeSelected(int shape);
    /// Weights the viewport should show instead of the frame's (empty: the frame's).
    void expressionOverride(const Eigen::VectorXf& w);
    /// true: corrected shapes, false: template shapes.
    void showCorrectedChanged(bool corrected);
    /// Per-vertex values to draw as a heat map (max_value <= 0: their maximum).
    void colourMapRequested(const Eigen::VectorXf& values, float max_value, const QString& label);
    /// The colour map was switched off.
    void colourMapCleared();

  private:
    void updateDetails();
    void emitOverride();
    void emitMap();

    std::shared_ptr<const FaceModel> model_;
    int shape_ = -1;
    Map map_ = Map::None;
    QTreeWidget* list_ = nullptr;
    QLabel* title_ = nullptr;
    QLabel* meaning_ = nullptr;
    QLabel* stats_ = nullptr;
    QRadioButton* template_button_ = nullptr;
    QRadioButton* corrected_button_ = nullptr;
    QCheckBox* solo_ = nullptr;
    QSlider* dial_ = nullptr;
    QLabel* dial_value_ = nullptr;
    QButtonGroup* maps_ = nullptr;
};

}  // namespace likeness::ui

Q_DECLARE_METATYPE(likeness::ui::BlendshapeInspector::Map)
