#pragma once
// The 3D viewport: a Qt3D window embedded in a widget, with an orbit camera, a head light and
// fit-to-view. Renders with whatever OpenGL the machine has (Mesa llvmpipe headless).
#include <QWidget>
#include <memory>

#include "engine/core/mesh.hpp"

namespace Qt3DCore {
class QEntity;
class QTransform;
}  // namespace Qt3DCore
namespace Qt3DExtras {
class Qt3DWindow;
class QOrbitCameraController;
}  // namespace Qt3DExtras
namespace Qt3DRender {
class QRenderCapture;
class QRenderCaptureReply;
}  // namespace Qt3DRender

namespace likeness::ui {

class ViewportPanel : public QWidget {
    Q_OBJECT
  public:
    explicit ViewportPanel(QWidget* parent = nullptr);
    ~ViewportPanel() override;

    /// Replaces the displayed mesh and frames it.
    void showMesh(const core::Mesh& mesh);
    bool hasMesh() const { return mesh_entity_ != nullptr; }
    const core::Mesh* mesh() const { return mesh_.get(); }

    /// Asks the renderer for the next frame as an image; the reply emits completed().
    /// The caller owns the reply.
    Qt3DRender::QRenderCaptureReply* requestCapture();

  public slots:
    /// Puts the whole mesh in view, seen from the front (+z).
    void fitToView();

  signals:
    void meshShown(int vertices, int faces);

  private:
    Qt3DExtras::Qt3DWindow* window_ = nullptr;  // owned by its container widget
    Qt3DCore::QEntity* root_ = nullptr;
    Qt3DCore::QEntity* mesh_entity_ = nullptr;
    Qt3DExtras::QOrbitCameraController* controller_ = nullptr;
    Qt3DRender::QRenderCapture* capture_ = nullptr;
    std::unique_ptr<core::Mesh> mesh_;
};

}  // namespace likeness::ui
