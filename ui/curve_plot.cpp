#include "ui/curve_plot.hpp"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

#include "ui/frame_clock.hpp"

namespace likeness::ui {
namespace {
constexpr double kLeft = 44.0, kRight = 8.0, kTop = 8.0, kBottom = 18.0;
constexpr double kRadToDeg = 57.29577951308232;
}  // namespace

TakeChannels take_channels(const core::Take& take, const std::vector<std::string>& weight_names) {
    TakeChannels c;
    for (int i = 0; i < core::kTakeWeightCount; ++i)
        c.names.push_back(i < static_cast<int>(weight_names.size())
                              ? QString::fromStdString(weight_names[static_cast<size_t>(i)])
                              : QString("w%1").arg(i));
    for (const char* name : {"head yaw (°)", "head pitch (°)", "head roll (°)", "head x (cm)",
                             "head y (cm)", "head z (cm)"})
        c.names.push_back(QString::fromUtf8(name));
    const size_t n = take.frames.size();
    c.values.assign(TakeChannels::kCount, std::vector<float>(n, 0.f));
    c.has_face.resize(n);
    for (size_t f = 0; f < n; ++f) {
        const core::TakeFrame& frame = take.frames[f];
        for (int i = 0; i < core::kTakeWeightCount; ++i)
            c.values[static_cast<size_t>(i)][f] = frame.weights[static_cast<size_t>(i)];
        const Eigen::Vector3f ypr = core::yaw_pitch_roll(frame.head_rotation);
        for (int k = 0; k < 3; ++k) {
            c.values[static_cast<size_t>(core::kTakeWeightCount + k)][f] =
                static_cast<float>(ypr[k] * kRadToDeg);
            c.values[static_cast<size_t>(core::kTakeWeightCount + 3 + k)][f] =
                frame.head_translation_cm[k];
        }
        c.has_face[f] = frame.has_face;
    }
    return c;
}

CurvePlot::CurvePlot(FrameClock* clock, QWidget* parent) : QWidget(parent), clock_(clock) {
    setObjectName("CurvePlot");
    setMinimumSize(200, 100);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setToolTip(
        tr("Wheel: zoom time (Ctrl: values) · right-drag: pan · double-click: fit · "
           "click: seek"));
    connect(clock_, &FrameClock::frameChanged, this, [this] { update(); });
}

QColor CurvePlot::channelColour(int channel) {
    // Golden-angle hues: neighbouring channels get distinct colours.
    return QColor::fromHsvF(std::fmod(channel * 0.381966, 1.0), 0.65, 0.95);
}

void CurvePlot::setChannels(std::shared_ptr<const TakeChannels> channels) {
    channels_ = std::move(channels);
    fit();
}

void CurvePlot::setSelection(const std::vector<int>& channels) {
    selection_ = channels;
    fitValues();
    update();
}

void CurvePlot::setFrameRange(double first, double last) {
    const double n = channels_ ? std::max(1, channels_->frame_count() - 1) : 1.0;
    const double span = std::clamp(last - first, 4.0, std::max(4.0, n));
    first = std::clamp(first, 0.0, std::max(0.0, n - span));
    x0_ = first;
    x1_ = first + span;
    update();
}

void CurvePlot::fit() {
    x0_ = 0.0;
    x1_ = channels_ ? std::max(1, channels_->frame_count() - 1) : 1.0;
    fitValues();
    update();
}

void CurvePlot::fitValues() {
    y0_ = 0.0;
    y1_ = 1.0;  // weights live in [0,1]; pose channels widen the range
    if (!channels_) return;
    for (int c : selection_) {
        if (c < core::kTakeWeightCount) continue;
        const auto& v = channels_->values[static_cast<size_t>(c)];
        if (v.empty()) continue;
        const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
        y0_ = std::min(y0_, static_cast<double>(*lo));
        y1_ = std::max(y1_, static_cast<double>(*hi));
    }
    const double pad = 0.05 * (y1_ - y0_);
    y0_ -= pad;
    y1_ += pad;
}

QRectF CurvePlot::plotRect() const {
    return QRectF(kLeft, kTop, std::max(1.0, width() - kLeft - kRight),
                  std::max(1.0, height() - kTop - kBottom));
}

double CurvePlot::toX(double frame) const {
    const QRectF r = plotRect();
    return r.left() + (frame - x0_) / std::max(1e-9, x1_ - x0_) * r.width();
}

double CurvePlot::toY(double value) const {
    const QRectF r = plotRect();
    return r.bottom() - (value - y0_) / std::max(1e-9, y1_ - y0_) * r.height();
}

double CurvePlot::frameAt(double x) const {
    const QRectF r = plotRect();
    return x0_ + (x - r.left()) / r.width() * (x1_ - x0_);
}

void CurvePlot::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), QColor(30, 31, 36));
    const QRectF r = plotRect();
    p.fillRect(r, QColor(38, 40, 46));
    if (!channels_ || channels_->frame_count() == 0) {
        p.setPen(QColor(150, 150, 160));
        p.drawText(rect(), Qt::AlignCenter, tr("No take yet: track a video or open a take"));
        return;
    }
    const int n = channels_->frame_count();
    const int f0 = std::max(0, static_cast<int>(std::floor(x0_)));
    const int f1 = std::min(n - 1, static_cast<int>(std::ceil(x1_)));

    // Frames without a face.
    for (int f = f0; f <= f1; ++f)
        if (!channels_->has_face[static_cast<size_t>(f)])
            p.fillRect(QRectF(toX(f - 0.5), r.top(), std::max(1.0, toX(f + 0.5) - toX(f - 0.5)),
                              r.height()),
                       QColor(90, 40, 40));
    // Grid: value lines at 0, 0.5, 1 for weights, a few round values otherwise.
    p.setPen(QColor(60, 62, 70));
    QFont small = p.font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    p.setFont(small);
    const double span = y1_ - y0_;
    const double step = std::pow(10.0, std::floor(std::log10(span / 2.0)));
    const double nice = span / step > 10 ? 5 * step : span / step > 4 ? 2 * step : step;
    for (double v = std::ceil(y0_ / nice) * nice; v <= y1_; v += nice) {
        p.setPen(QColor(60, 62, 70));
        p.drawLine(QPointF(r.left(), toY(v)), QPointF(r.right(), toY(v)));
        p.setPen(QColor(140, 140, 150));
        p.drawText(QRectF(0, toY(v) - 8, kLeft - 4, 16), Qt::AlignRight | Qt::AlignVCenter,
                   QString::number(v, 'g', 3));
    }
    p.setPen(QColor(140, 140, 150));
    p.drawText(QRectF(r.left(), r.bottom() + 2, r.width(), kBottom - 2), Qt::AlignLeft,
               QString::number(f0));
    p.drawText(QRectF(r.left(), r.bottom() + 2, r.width(), kBottom - 2), Qt::AlignRight,
               QString::number(f1));

    // Curves, one path each; long views keep each pixel column's min and max.
    p.setClipRect(r);
    p.setRenderHint(QPainter::Antialiasing);
    const double frames_per_px = (x1_ - x0_) / r.width();
    for (int c : selection_) {
        const auto& v = channels_->values[static_cast<size_t>(c)];
        QPainterPath path;
        if (frames_per_px <= 2.0) {
            path.moveTo(toX(f0), toY(v[static_cast<size_t>(f0)]));
            for (int f = f0 + 1; f <= f1; ++f)
                path.lineTo(toX(f), toY(v[static_cast<size_t>(f)]));
        } else {
            bool first = true;
            for (int px = 0; px < static_cast<int>(r.width()); ++px) {
                const int a = std::max(f0, static_cast<int>(x0_ + px * frames_per_px));
                const int b = std::min(f1, static_cast<int>(x0_ + (px + 1) * frames_per_px));
                if (a > b) continue;
                const auto [lo, hi] = std::minmax_element(v.begin() + a, v.begin() + b + 1);
                const double x = r.left() + px;
                if (first)
                    path.moveTo(x, toY(*lo));
                else
                    path.lineTo(x, toY(*lo));
                path.lineTo(x, toY(*hi));
                first = false;
            }
        }
        p.setPen(QPen(channelColour(c), 1.4));
        p.drawPath(path);
    }
    p.setClipping(false);
    // Legend.
    double y = r.top() + 4;
    for (int c : selection_) {
        if (y > r.bottom() - 12) break;
        p.setPen(channelColour(c));
        p.drawText(QPointF(r.left() + 6, y + 10), channels_->names[static_cast<size_t>(c)]);
        y += 13;
    }
    // Playhead.
    const double x = toX(static_cast<double>(clock_->current()));
    if (x >= r.left() && x <= r.right()) {
        p.setPen(QPen(QColor(255, 200, 40), 1.5));
        p.drawLine(QPointF(x, r.top()), QPointF(x, r.bottom()));
    }
}

void CurvePlot::wheelEvent(QWheelEvent* event) {
    const double factor = std::pow(0.85, event->angleDelta().y() / 120.0);
    if (event->modifiers() & Qt::ControlModifier) {
        const QRectF r = plotRect();
        const double at = y0_ + (r.bottom() - event->position().y()) / r.height() * (y1_ - y0_);
        y0_ = at - (at - y0_) * factor;
        y1_ = at + (y1_ - at) * factor;
        update();
    } else {
        const double at = frameAt(event->position().x());
        setFrameRange(at - (at - x0_) * factor, at + (x1_ - at) * factor);
    }
    event->accept();
}

void CurvePlot::mousePressEvent(QMouseEvent* event) {
    drag_start_ = event->localPos();
    drag_x0_ = x0_;
    drag_x1_ = x1_;
    if (event->button() == Qt::LeftButton)
        clock_->seek(std::llround(frameAt(event->localPos().x())));
}

void CurvePlot::mouseMoveEvent(QMouseEvent* event) {
    if (event->buttons() & (Qt::RightButton | Qt::MiddleButton)) {
        const double frames =
            (event->localPos().x() - drag_start_.x()) / plotRect().width() * (drag_x1_ - drag_x0_);
        setFrameRange(drag_x0_ - frames, drag_x1_ - frames);
    } else if (event->buttons() & Qt::LeftButton) {
        clock_->seek(std::llround(frameAt(event->localPos().x())));
    }
}

void CurvePlot::mouseDoubleClickEvent(QMouseEvent*) {
    fit();
}

}  // namespace likeness::ui
