#pragma once
// Shows one video frame scaled to fit, keeping its aspect ratio.
#include <QImage>
#include <QWidget>

#include "ui/face_overlay.hpp"

namespace likeness::ui {

class FrameView : public QWidget {
    Q_OBJECT
  public:
    explicit FrameView(QWidget* parent = nullptr);

    void setImage(const QImage& image);
    const QImage& image() const { return image_; }
    /// Text shown when there is no image (e.g. "Drop a video here").
    void setPlaceholder(const QString& text);
    /// Where the image is drawn inside the widget, in widget pixels.
    QRectF imageRect() const;

    /// Landmarks drawn over the image (image pixel coordinates).
    void setOverlay(const FaceOverlay& overlay);
    void clearOverlay();
    const FaceOverlay& overlay() const { return overlay_; }

    QSize sizeHint() const override { return {640, 480}; }

  protected:
    void paintEvent(QPaintEvent* event) override;

  private:
    void paintOverlay(QPainter& p) const;

    QImage image_;
    QString placeholder_;
    FaceOverlay overlay_;
};

}  // namespace likeness::ui
