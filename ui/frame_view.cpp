#include "ui/frame_view.hpp"

#include <QPainter>

namespace likeness::ui {

FrameView::FrameView(QWidget* parent) : QWidget(parent) {
    setMinimumSize(160, 120);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void FrameView::setImage(const QImage& image) {
    image_ = image;
    update();
}

void FrameView::setPlaceholder(const QString& text) {
    placeholder_ = text;
    update();
}

QRectF FrameView::imageRect() const {
    if (image_.isNull()) return {};
    const QSizeF fitted = QSizeF(image_.size()).scaled(size(), Qt::KeepAspectRatio);
    return QRectF(QPointF((width() - fitted.width()) / 2.0, (height() - fitted.height()) / 2.0),
                  fitted);
}

void FrameView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), QColor(24, 25, 28));
    if (image_.isNull()) {
        p.setPen(QColor(150, 150, 160));
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, placeholder_);
        return;
    }
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    p.drawImage(imageRect(), image_);
}

}  // namespace likeness::ui
