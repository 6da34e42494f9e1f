#include "ui/timeline_panel.hpp"

#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QStyle>
#include <QToolButton>
#include <algorithm>
#include <cmath>

#include "ui/frame_clock.hpp"

namespace likeness::ui {
namespace {
constexpr double kMargin = 10.0;

QString time_text(double seconds) {
    const int minutes = static_cast<int>(seconds / 60.0);
    return QString("%1:%2").arg(minutes).arg(seconds - 60.0 * minutes, 5, 'f', 2, QChar('0'));
}

}  // namespace

TimelineRuler::TimelineRuler(FrameClock* clock, QWidget* parent) : QWidget(parent), clock_(clock) {
    setObjectName("TimelineRuler");
    setMouseTracking(false);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setToolTip(tr("Click or drag to scrub"));
    connect(clock_, &FrameClock::frameChanged, this, [this] { update(); });
    connect(clock_, &FrameClock::rangeChanged, this, [this] { update(); });
}

void TimelineRuler::setFaceFlags(std::vector<bool> flags) {
    face_flags_ = std::move(flags);
    update();
}

double TimelineRuler::xOf(qint64 frame) const {
    const qint64 n = std::max<qint64>(1, clock_->frameCount() - 1);
    return kMargin + (width() - 2.0 * kMargin) * static_cast<double>(frame) / n;
}

qint64 TimelineRuler::frameAt(double x) const {
    const qint64 n = std::max<qint64>(1, clock_->frameCount() - 1);
    const double t = (x - kMargin) / std::max(1.0, width() - 2.0 * kMargin);
    return std::clamp<qint64>(std::llround(t * n), 0,
                              std::max<qint64>(0, clock_->frameCount() - 1));
}

void TimelineRuler::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), QColor(34, 35, 40));
    const qint64 count = clock_->frameCount();
    if (count <= 0) {
        p.setPen(QColor(140, 140, 150));
        p.drawText(rect(), Qt::AlignCenter, tr("no frames"));
        return;
    }
    // Tick spacing: about one labelled tick per 80 px, at a round frame step.
    const double px_per_frame = (width() - 2.0 * kMargin) / std::max<qint64>(1, count - 1);
    qint64 step = 1;
    for (const qint64 s : {1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000})
        if (s * px_per_frame >= 80.0 || s == 10000) {
            step = s;
            break;
        }
    p.setPen(QColor(110, 112, 120));
    QFont font = p.font();
    font.setPointSizeF(font.pointSizeF() * 0.85);
    p.setFont(font);
    for (qint64 f = 0; f < count; f += step) {
        const double x = xOf(f);
        p.drawLine(QPointF(x, 0), QPointF(x, 10));
        p.drawText(QPointF(x + 3, 11), QString::number(f));
    }
    // Face strip: green where the take saw a face, red where it did not.
    const QRectF strip(kMargin, 20, width() - 2 * kMargin, 8);
    p.fillRect(strip, QColor(60, 62, 70));
    if (count == 1 && !face_flags_.empty()) {  // one frame: the strip is that frame
        p.fillRect(strip, face_flags_.front() ? QColor(70, 170, 100) : QColor(200, 70, 70));
    } else if (!face_flags_.empty()) {
        for (qint64 f = 0; f < std::min<qint64>(count, static_cast<qint64>(face_flags_.size()));
             ++f) {
            const double x0 = xOf(f) - 0.5 * px_per_frame, x1 = xOf(f) + 0.5 * px_per_frame;
            p.fillRect(
                QRectF(std::max(x0, strip.left()), strip.top(),
                       std::max(1.0, std::min(x1, strip.right()) - std::max(x0, strip.left())),
                       strip.height()),
                face_flags_[static_cast<size_t>(f)] ? QColor(70, 170, 100) : QColor(200, 70, 70));
        }
    }
    const double x = xOf(clock_->current());
    p.setPen(QPen(QColor(255, 200, 40), 2));
    p.drawLine(QPointF(x, 0), QPointF(x, height()));
}

void TimelineRuler::mousePressEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton) clock_->seek(frameAt(event->localPos().x()));
}

void TimelineRuler::mouseMoveEvent(QMouseEvent* event) {
    if (event->buttons() & Qt::LeftButton) clock_->seek(frameAt(event->localPos().x()));
}

TimelinePanel::TimelinePanel(FrameClock* clock, QWidget* parent) : QWidget(parent), clock_(clock) {
    const auto button = [this](QStyle::StandardPixmap icon, const QString& tip, auto slot) {
        auto* b = new QToolButton(this);
        b->setIcon(style()->standardIcon(icon));
        b->setToolTip(tip);
        b->setAutoRaise(true);
        connect(b, &QToolButton::clicked, clock_, slot);
        return b;
    };
    auto* first =
        button(QStyle::SP_MediaSkipBackward, tr("First frame (Home)"), &FrameClock::first);
    auto* back = button(QStyle::SP_MediaSeekBackward, tr("Previous frame (Left)"),
                        &FrameClock::stepBackward);
    play_ = button(QStyle::SP_MediaPlay, tr("Play / pause (Space)"), &FrameClock::togglePlay);
    play_->setObjectName("TimelinePlay");
    auto* next =
        button(QStyle::SP_MediaSeekForward, tr("Next frame (Right)"), &FrameClock::stepForward);
    auto* last = button(QStyle::SP_MediaSkipForward, tr("Last frame (End)"), &FrameClock::last);
    ruler_ = new TimelineRuler(clock_, this);
    readout_ = new QLabel(this);
    readout_->setObjectName("TimelineReadout");
    readout_->setMinimumWidth(190);
    readout_->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    for (QWidget* w : std::initializer_list<QWidget*>{first, back, play_, next, last})
        layout->addWidget(w);
    layout->addWidget(ruler_, 1);
    layout->addWidget(readout_);

    connect(clock_, &FrameClock::frameChanged, this, &TimelinePanel::updateReadout);
    connect(clock_, &FrameClock::rangeChanged, this, &TimelinePanel::updateReadout);
    connect(clock_, &FrameClock::playingChanged, this, [this](bool playing) {
        play_->setIcon(
            style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    });
    updateReadout();
}

void TimelinePanel::setFaceFlags(std::vector<bool> flags) {
    ruler_->setFaceFlags(std::move(flags));
}

void TimelinePanel::updateReadout() {
    if (clock_->frameCount() <= 0) {
        readout_->setText(tr("no frames"));
        return;
    }
    const qint64 i = clock_->current();
    readout_->setText(tr("%1 / %2   %3   %4 fps")
                          .arg(i + 1)
                          .arg(clock_->frameCount())
                          .arg(time_text(i / clock_->fps()))
                          .arg(clock_->fps(), 0, 'f', 2));
}

}  // namespace likeness::ui
