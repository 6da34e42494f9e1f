#pragma once
// A Qt3D 2D texture showing a QImage (albedo maps, the video frame behind an overlay). Row 0 of
// the image lands at texture coordinate t = 0: shaders sample (u, 1 − v) for images whose row 0
// is the top (v = 1), the convention of every UV map in the engine.
#include <QImage>
#include <Qt3DRender/QTexture>

namespace likeness::ui {

class ImageTexture : public Qt3DRender::QTexture2D {
    Q_OBJECT
  public:
    explicit ImageTexture(Qt3DCore::QNode* parent = nullptr);

    /// Replaces the texture's pixels (any size; uploaded on the next frame).
    void setImage(const QImage& image);
    const QImage& image() const;

  private:
    class Painter;
    Painter* painter_ = nullptr;
};

}  // namespace likeness::ui
