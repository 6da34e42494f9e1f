#include "ui/frame_view.hpp"

#include <QPainter>
#include <algorithm>

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

void FrameView::setOverlay(const FaceOverlay& overlay) {
    overlay_ = overlay;
    update();
}

void FrameView::clearOverlay() {
    overlay_ = FaceOverlay{};
    update();
}

void FrameView::setReconstruction(const QImage& image, qint64 frame) {
    reconstruction_ = image;
    reconstruction_frame_ = image.isNull() ? -1 : frame;
    update();
}

void FrameView::setReconstructionOpacity(double opacity) {
    reconstruction_opacity_ = std::clamp(opacity, 0.0, 1.0);
    update();
}

void FrameView::setWireframe(const QVector<QLineF>& lines) {
    wireframe_ = lines;
    update();
}

void FrameView::paintOverlay(QPainter& p) const {
    const QRectF target = imageRect();
    const double s = target.width() / image_.width();
    const auto map = [&](const QPointF& q) { return target.topLeft() + q * s; };
    if (!overlay_.face) {
        p.setPen(QColor(255, 90, 90));
        p.drawText(target.adjusted(8, 8, -8, -8), Qt::AlignTop | Qt::AlignLeft, tr("no face"));
        return;
    }
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(QColor(255, 200, 0), 1.0));
    p.setBrush(Qt::NoBrush);
    p.drawRect(QRectF(map(overlay_.box.topLeft()), map(overlay_.box.bottomRight())));
    const double dot = std::clamp(overlay_.box.width() * s / 220.0, 0.8, 3.0);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(70, 230, 100));
    for (const QPointF& q : overlay_.mesh)
        p.drawEllipse(map(q), dot, dot);
    p.setBrush(QColor(255, 80, 80));
    for (const QPointF& q : overlay_.ibug68)
        p.drawEllipse(map(q), dot * 1.4, dot * 1.4);
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(QColor(90, 170, 255), 1.5));
    for (int i = 0; i < overlay_.iris_centres.size(); ++i)
        p.drawEllipse(map(overlay_.iris_centres[i]), overlay_.iris_radii[i] * s,
                      overlay_.iris_radii[i] * s);
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
    const QRectF target = imageRect();
    p.drawImage(target, image_);
    if (!reconstruction_.isNull() && reconstruction_.size() == image_.size()) {
        p.setOpacity(reconstruction_opacity_);
        p.drawImage(target, reconstruction_);
        p.setOpacity(1.0);
    }
    if (!wireframe_.isEmpty()) {
        // Thin and unantialiased: ~10k edges must draw in a few milliseconds.
        p.save();
        p.translate(target.topLeft());
        p.scale(target.width() / image_.width(), target.height() / image_.height());
        p.setRenderHint(QPainter::Antialiasing, false);
        p.setPen(QPen(QColor(120, 220, 255, 110), 0));
        p.drawLines(wireframe_);
        p.restore();
    }
    if (overlay_.frame >= 0) paintOverlay(p);
}

}  // namespace likeness::ui
