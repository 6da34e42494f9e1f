#include "ui/frame_clock.hpp"

#include <QTimer>
#include <algorithm>
#include <cmath>

namespace likeness::ui {

FrameClock::FrameClock(QObject* parent) : QObject(parent) {
    timer_ = new QTimer(this);
    timer_->setTimerType(Qt::PreciseTimer);
    connect(timer_, &QTimer::timeout, this, &FrameClock::onTick);
}

void FrameClock::setRange(qint64 count, double fps) {
    const bool changed = count != count_ || fps != fps_;
    count_ = std::max<qint64>(0, count);
    fps_ = fps > 0.0 && std::isfinite(fps) ? fps : 25.0;
    if (count_ < 2) pause();
    if (isPlaying()) {  // keep the playhead, new speed
        start_index_ = current_;
        clock_.restart();
        timer_->setInterval(std::max(4, static_cast<int>(1000.0 / fps_ / 2.0)));
    }
    if (changed) emit rangeChanged(count_, fps_);
    if (current_ >= count_ && count_ > 0) setCurrent(count_ - 1);
}

bool FrameClock::isPlaying() const {
    return timer_->isActive();
}

void FrameClock::play() {
    if (count_ < 2 || isPlaying()) return;
    if (current_ >= count_ - 1) setCurrent(0);  // replay from the start
    start_index_ = current_;
    clock_.start();
    timer_->start(std::max(4, static_cast<int>(1000.0 / fps_ / 2.0)));
    emit playingChanged(true);
}

void FrameClock::pause() {
    if (!isPlaying()) return;
    timer_->stop();
    emit playingChanged(false);
}

void FrameClock::togglePlay() {
    isPlaying() ? pause() : play();
}

void FrameClock::seek(qint64 index) {
    if (count_ <= 0) return;
    index = std::clamp<qint64>(index, 0, count_ - 1);
    if (isPlaying()) {  // keep playing from the new place
        start_index_ = index;
        clock_.restart();
    }
    setCurrent(index);
}

void FrameClock::stepForward() {
    pause();
    seek(current_ + 1);
}

void FrameClock::stepBackward() {
    pause();
    seek(current_ - 1);
}

void FrameClock::first() {
    seek(0);
}

void FrameClock::last() {
    seek(count_ - 1);
}

void FrameClock::onTick() {
    const qint64 due =
        start_index_ + static_cast<qint64>(std::floor(clock_.elapsed() * fps_ / 1000.0));
    if (due >= count_) {  // the last frame has had its time on screen
        if (current_ != count_ - 1) setCurrent(count_ - 1);
        pause();
        return;
    }
    if (due != current_) setCurrent(due);
}

void FrameClock::setCurrent(qint64 index) {
    current_ = index;
    emit frameChanged(index);
}

}  // namespace likeness::ui
