#include "ui/image_texture.hpp"

#include <QPainter>
#include <Qt3DRender/QPaintedTextureImage>
#include <Qt3DRender/QTextureWrapMode>

namespace likeness::ui {

class ImageTexture::Painter : public Qt3DRender::QPaintedTextureImage {
  public:
    using QPaintedTextureImage::QPaintedTextureImage;
    QImage image;

  protected:
    void paint(QPainter* painter) override {
        painter->setCompositionMode(QPainter::CompositionMode_Source);
        painter->drawImage(QRect(QPoint(0, 0), size()), image);
    }
};

ImageTexture::ImageTexture(Qt3DCore::QNode* parent) : QTexture2D(parent) {
    setMinificationFilter(Qt3DRender::QAbstractTexture::Linear);
    setMagnificationFilter(Qt3DRender::QAbstractTexture::Linear);
    wrapMode()->setX(Qt3DRender::QTextureWrapMode::ClampToEdge);
    wrapMode()->setY(Qt3DRender::QTextureWrapMode::ClampToEdge);
    painter_ = new Painter(this);
    QImage blank(2, 2, QImage::Format_RGB32);
    blank.fill(Qt::white);
    setImage(blank);
    addTextureImage(painter_);
}

void ImageTexture::setImage(const QImage& image) {
    painter_->image = image.isNull() ? QImage(2, 2, QImage::Format_RGB32) : image;
    painter_->setSize(painter_->image.size());
    painter_->update();
}

const QImage& ImageTexture::image() const {
    return painter_->image;
}

}  // namespace likeness::ui
