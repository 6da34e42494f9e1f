#pragma once
// Shows one video frame scaled to fit, keeping its aspect ratio, with what the studio draws over
// it: the rendered reconstruction (with an opacity), the mesh wireframe and the landmarks.
#include <QImage>
#include <QLineF>
#include <QVector>
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

    /// The rendered face (ARGB, the frame's size, transparent where it does not cover), drawn
    /// at `opacity`; a null image removes it.
    void setReconstruction(const QImage& image, qint64 frame);
    void setReconstructionOpacity(double opacity);
    const QImage& reconstruction() const { return reconstruction_; }
    qint64 reconstructionFrame() const { return reconstruction_frame_; }
    /// Mesh edges in image pixel coordinates; empty removes them.
    void setWireframe(const QVector<QLineF>& lines);
    const QVector<QLineF>& wireframe() const { return wireframe_; }

    QSize sizeHint() const override { return {640, 480}; }

  protected:
    void paintEvent(QPaintEvent* event) override;

  private:
    void paintOverlay(QPainter& p) const;

    QImage image_;
    QString placeholder_;
    FaceOverlay overlay_;
    QImage reconstruction_;
    qint64 reconstruction_frame_ = -1;
    double reconstruction_opacity_ = 0.6;
    QVector<QLineF> wireframe_;
};

}  // namespace likeness::ui
