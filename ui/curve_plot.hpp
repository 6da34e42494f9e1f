#pragma once
// Curves of a take's channels over time (52 blend-shape weights, head yaw/pitch/roll in degrees
// and translation in cm): zoom with the wheel (Ctrl: values), pan by dragging with the right or
// middle button, double-click to fit, click or drag with the left button to seek.
#include <QWidget>
#include <memory>
#include <vector>

#include "engine/core/take.hpp"

namespace likeness::ui {

class FrameClock;

/// A take's channels as per-frame series: 0..51 the ARKit weights, then yaw, pitch, roll (deg),
/// then translation x, y, z (cm).
struct TakeChannels {
    static constexpr int kCount = core::kTakeWeightCount + 6;
    std::vector<QString> names;              ///< kCount names
    std::vector<std::vector<float>> values;  ///< kCount series of frame_count values
    std::vector<bool> has_face;              ///< frame_count flags
    int frame_count() const { return static_cast<int>(has_face.size()); }
};

/// Splits a take into channels; `weight_names` are the 52 ARKit names.
TakeChannels take_channels(const core::Take& take, const std::vector<std::string>& weight_names);

class CurvePlot : public QWidget {
    Q_OBJECT
  public:
    explicit CurvePlot(FrameClock* clock, QWidget* parent = nullptr);

    void setChannels(std::shared_ptr<const TakeChannels> channels);
    void setSelection(const std::vector<int>& channels);
    const std::vector<int>& selection() const { return selection_; }
    /// Visible frame range [first, last] (fractional while zooming).
    void setFrameRange(double first, double last);
    double firstFrame() const { return x0_; }
    double lastFrame() const { return x1_; }
    /// Fits both axes to the data.
    void fit();
    static QColor channelColour(int channel);

    QSize sizeHint() const override { return {600, 200}; }

  protected:
    void paintEvent(QPaintEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;

  private:
    void fitValues();
    QRectF plotRect() const;
    double toX(double frame) const;
    double toY(double value) const;
    double frameAt(double x) const;

    FrameClock* clock_;
    std::shared_ptr<const TakeChannels> channels_;
    std::vector<int> selection_;
    double x0_ = 0.0, x1_ = 1.0;  ///< visible frames
    double y0_ = 0.0, y1_ = 1.0;  ///< visible values
    QPointF drag_start_;
    double drag_x0_ = 0.0, drag_x1_ = 1.0;
};

}  // namespace likeness::ui
