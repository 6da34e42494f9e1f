#pragma once
// The 3D viewport: a Qt3D window embedded in a widget showing the face model at the current
// frame in one of the ViewportModes — orbit camera (orbit/pan/zoom, reset view) or, in overlay
// mode, the tracked camera looking at the video frame; neutral or current expression; the
// template and the personal model side by side; an imported character (the retarget puppet)
// beside the face, posed by the same frame. Renders with whatever OpenGL the machine has (Mesa
// llvmpipe headless).
#include <QImage>
#include <QWidget>
#include <memory>

#include "engine/core/mesh.hpp"
#include "ui/frame_state.hpp"
#include "ui/viewport_mode.hpp"

class QCheckBox;
class QComboBox;
class QLabel;
class QSlider;

namespace Qt3DCore {
class QEntity;
}
namespace Qt3DExtras {
class Qt3DWindow;
class QOrbitCameraController;
}  // namespace Qt3DExtras
namespace Qt3DRender {
class QRenderCapture;
class QRenderCaptureReply;
}  // namespace Qt3DRender

namespace likeness::retarget {
class Puppet;
}

namespace likeness::ui {

class FaceEntity;
class ImageTexture;
struct FaceModel;

class ViewportPanel : public QWidget {
    Q_OBJECT
  public:
    explicit ViewportPanel(QWidget* parent = nullptr);
    ~ViewportPanel() override;

    /// The face model to show (nullptr: none). The viewport keeps it alive.
    void setFaceModel(std::shared_ptr<const FaceModel> model);
    const FaceModel* faceModel() const { return model_.get(); }
    /// The frame's expression, pose and lighting.
    void setFrameState(const FrameState& state);
    const FrameState& frameState() const { return state_; }
    /// The video frame behind the overlay and the camera that saw it.
    void setVideoFrame(const QImage& frame, const TrackedCamera& camera);
    /// Shows these weights instead of the frame's (an inspector dialling a shape); empty: the
    /// frame's again.
    void setExpressionOverride(const Eigen::VectorXf& w);
    /// Per-vertex values for ColourMap mode, drawn as a heat map up to `max_value` (<= 0: their
    /// maximum); `label` names them in the caption. Switches to ColourMap mode.
    void setColourMap(const Eigen::VectorXf& values, float max_value, const QString& label);

    /// The character a take drives, shown beside the face and posed every frame (nullptr:
    /// none). A rig without shapes shows as a still mesh.
    void setPuppet(std::shared_ptr<const retarget::Puppet> puppet);
    bool hasMesh() const { return puppet_ != nullptr; }
    /// The character's neutral mesh (nullptr: none).
    const core::Mesh* mesh() const;
    /// The character's vertices as drawn (#V by 3, its model space).
    const core::MatrixX3fR& puppetPositions() const;

    ViewportMode mode() const { return mode_; }
    bool showsNeutral() const { return neutral_; }
    bool sideBySide() const { return side_by_side_; }
    bool showsPersonal() const { return personal_; }
    float overlayOpacity() const { return opacity_; }
    /// The positions of the (personal) face as drawn (#V by 3, model space).
    const core::MatrixX3fR& facePositions() const;

    /// Asks the renderer for the next frame as an image; the reply emits completed().
    /// The caller owns the reply.
    Qt3DRender::QRenderCaptureReply* requestCapture();

  public slots:
    void setMode(likeness::ui::ViewportMode mode);
    void setShowNeutral(bool neutral);
    void setSideBySide(bool on);
    /// true: the personal model's corrected shapes; false: the template's.
    void setShowPersonal(bool personal);
    void setOverlayOpacity(float opacity);
    /// Puts everything shown in view, seen from the front (+z), in orbit modes.
    void fitToView();
    /// Front view, fitted (orbit modes); the tracked camera (overlay).
    void resetView();

  signals:
    void meshShown(int vertices, int faces);
    void modeChanged(likeness::ui::ViewportMode mode);

  protected:
    void resizeEvent(QResizeEvent* event) override;

  private:
    void buildToolbar();
    void refreshGeometry();
    void refreshPuppet();
    void refreshColours();
    void refreshAlbedo();
    void applyMode();
    void layoutEntities();
    void setUpTrackedCamera();
    void updateCaption();
    Eigen::VectorXf shownWeights() const;

    Qt3DExtras::Qt3DWindow* window_ = nullptr;  // owned by its container widget
    Qt3DCore::QEntity* root_ = nullptr;
    Qt3DExtras::QOrbitCameraController* controller_ = nullptr;
    Qt3DRender::QRenderCapture* capture_ = nullptr;
    FaceEntity* personal_entity_ = nullptr;  ///< the face (personal model, or template)
    FaceEntity* template_entity_ = nullptr;  ///< the template beside it (side by side)
    FaceEntity* backdrop_ = nullptr;         ///< the video frame behind the overlay
    FaceEntity* puppet_entity_ = nullptr;    ///< the character beside the face
    ImageTexture* personal_albedo_ = nullptr;
    ImageTexture* template_albedo_ = nullptr;
    ImageTexture* frame_texture_ = nullptr;
    ImageTexture* puppet_albedo_ = nullptr;

    QComboBox* mode_box_ = nullptr;
    QCheckBox* neutral_box_ = nullptr;
    QCheckBox* side_box_ = nullptr;
    QSlider* opacity_slider_ = nullptr;
    QLabel* caption_ = nullptr;

    std::shared_ptr<const FaceModel> model_;
    std::shared_ptr<const retarget::Puppet> puppet_;
    FrameState state_;
    Eigen::VectorXf override_;
    QImage frame_;
    TrackedCamera camera_;
    Eigen::VectorXf colour_values_;
    float colour_max_ = 0.f;
    QString colour_label_;
    Eigen::VectorXf albedo_weights_;  ///< w of the albedo texture on the GPU
    ViewportMode mode_ = ViewportMode::Shape;
    bool neutral_ = false;
    bool side_by_side_ = false;
    bool personal_ = true;
    float opacity_ = 0.7f;
    float side_offset_cm_ = 0.f;
};

}  // namespace likeness::ui
