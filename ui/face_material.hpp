#pragma once
// The viewport's one material: a small GLSL program that draws a face (or any mesh) in each
// viewport mode from the same vertex data (position, normal, UV, per-vertex colour):
//   Shaded     grey clay under a head light (the geometry alone)
//   Albedo     the albedo texture, unlit
//   Textured   albedo × per-vertex colour (full reconstruction: the colour holds the SH shading)
//   VertexColour  per-vertex colour alone (lighting only: SH shading on a white face)
//   ColourMap  per-vertex colour under a soft head light (inspector heat maps)
// In overlay mode the face is mixed with the video frame behind it with an opacity.
#include <QColor>
#include <Qt3DRender/QMaterial>

namespace Qt3DRender {
class QParameter;
}

namespace likeness::ui {

class ImageTexture;

class FaceMaterial : public Qt3DRender::QMaterial {
    Q_OBJECT
  public:
    enum class Shading { Shaded = 0, Albedo = 1, Textured = 2, VertexColour = 3, ColourMap = 4 };

    explicit FaceMaterial(Qt3DCore::QNode* parent = nullptr);

    void setShading(Shading shading);
    Shading shading() const { return shading_; }
    void setBaseColour(const QColor& colour);
    /// The albedo texture (owned by the caller's scene); the material samples it at (u, 1 − v).
    void setAlbedoTexture(ImageTexture* texture);
    /// Mix with `frame` (drawn behind the face, covering ndc_extent: the half extents, in
    /// normalised device coordinates, of the frame's rectangle) at `opacity`; nullptr: opaque.
    void setBackdrop(ImageTexture* frame, const QVector2D& ndc_extent, float opacity);

  private:
    Shading shading_ = Shading::Shaded;
    Qt3DRender::QParameter* mode_ = nullptr;
    Qt3DRender::QParameter* base_colour_ = nullptr;
    Qt3DRender::QParameter* albedo_ = nullptr;
    Qt3DRender::QParameter* frame_ = nullptr;
    Qt3DRender::QParameter* frame_extent_ = nullptr;
    Qt3DRender::QParameter* opacity_ = nullptr;
    ImageTexture* blank_ = nullptr;
};

}  // namespace likeness::ui
