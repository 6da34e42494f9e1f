#include "ui/video_panel.hpp"

#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <cmath>

#include "ui/frame_view.hpp"
#include "ui/landmark_worker.hpp"

namespace likeness::ui {

VideoPanel::VideoPanel(QWidget* parent) : QWidget(parent) {
    qRegisterMetaType<likeness::ui::VideoMeta>();
    view_ = new FrameView(this);
    view_->setPlaceholder(tr("Open a video (Ctrl+O) or drop one here"));

    play_button_ = new QToolButton(this);
    play_button_->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    play_button_->setToolTip(tr("Play / pause (Space)"));
    play_button_->setEnabled(false);
    slider_ = new QSlider(Qt::Horizontal, this);
    slider_->setEnabled(false);
    slider_->setToolTip(tr("Frame (Left/Right step, Home/End)"));
    counter_ = new QLabel(this);
    counter_->setMinimumWidth(120);
    counter_->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

    auto* controls = new QHBoxLayout;
    controls->addWidget(play_button_);
    controls->addWidget(slider_, 1);
    controls->addWidget(counter_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(view_, 1);
    layout->addLayout(controls);

    timer_ = new QTimer(this);
    timer_->setTimerType(Qt::PreciseTimer);
    connect(timer_, &QTimer::timeout, this, &VideoPanel::onTick);
    connect(play_button_, &QToolButton::clicked, this, &VideoPanel::togglePlay);
    connect(slider_, &QSlider::valueChanged, this, [this](int v) { seekTo(v); });

    decoder_ = new VideoDecoder;
    decoder_->moveToThread(&worker_);
    connect(&worker_, &QThread::finished, decoder_, &QObject::deleteLater);
    connect(decoder_, &VideoDecoder::opened, this, &VideoPanel::onOpened);
    connect(decoder_, &VideoDecoder::frameReady, this, &VideoPanel::onFrame);
    connect(decoder_, &VideoDecoder::failed, this, &VideoPanel::onFailed);
    connect(decoder_, &VideoDecoder::frameCountChanged, this, &VideoPanel::onFrameCount);
    worker_.setObjectName("video-decoder");
    worker_.start();

    landmarks_ = new LandmarkWorker;
    landmarks_->moveToThread(&landmark_thread_);
    connect(&landmark_thread_, &QThread::finished, landmarks_, &QObject::deleteLater);
    connect(landmarks_, &LandmarkWorker::ready, this, &VideoPanel::onOverlay);
    connect(landmarks_, &LandmarkWorker::failed, this, [this](const QString& message) {
        landmarks_in_flight_ = false;
        setOverlayEnabled(false);
        emit overlayFailed(message);
    });
    landmark_thread_.setObjectName("landmarks");
    landmark_thread_.start();
    updateCounter();
}

VideoPanel::~VideoPanel() {
    worker_.quit();
    landmark_thread_.quit();
    worker_.wait();
    landmark_thread_.wait();
}

void VideoPanel::openSource(const QString& path) {
    pause();
    QMetaObject::invokeMethod(decoder_, "open", Qt::QueuedConnection, Q_ARG(QString, path));
}

bool VideoPanel::isPlaying() const {
    return timer_->isActive();
}

void VideoPanel::onOpened(const VideoMeta& meta) {
    meta_ = meta;
    view_->clearOverlay();
    pending_landmarks_index_ = -1;
    QMetaObject::invokeMethod(landmarks_, "reset", Qt::QueuedConnection);
    shown_index_ = -1;
    wanted_index_ = -1;
    in_flight_ = false;
    {
        const QSignalBlocker block(slider_);
        slider_->setRange(0, static_cast<int>(std::max<qint64>(0, meta.frame_count - 1)));
        slider_->setValue(0);
    }
    slider_->setEnabled(meta.frame_count > 1);
    play_button_->setEnabled(meta.frame_count > 1);
    request(0);
    updateCounter();
    emit opened(meta);
}

void VideoPanel::onFailed(const QString& message, bool fatal) {
    in_flight_ = false;
    pause();
    if (fatal)
        emit openFailed(message);
    else
        emit problem(message);
}

void VideoPanel::onFrameCount(qint64 frames) {
    meta_.frame_count = frames;
    meta_.count_exact = true;
    const QSignalBlocker block(slider_);
    slider_->setMaximum(static_cast<int>(std::max<qint64>(0, frames - 1)));
    if (wanted_index_ >= frames) pause();
    in_flight_ = false;
    updateCounter();
}

void VideoPanel::request(qint64 index) {
    wanted_index_ = index;
    if (in_flight_) return;  // onFrame() asks for the newest wanted frame
    in_flight_ = true;
    QMetaObject::invokeMethod(decoder_, "decode", Qt::QueuedConnection, Q_ARG(qint64, index));
}

void VideoPanel::onFrame(qint64 index, const QImage& image) {
    in_flight_ = false;
    shown_index_ = index;
    view_->setImage(image);
    {
        const QSignalBlocker block(slider_);
        slider_->setValue(static_cast<int>(index));
    }
    updateCounter();
    if (overlay_enabled_) {
        if (std::abs(view_->overlay().frame - index) > 2) view_->clearOverlay();  // stale
        submitLandmarks(index, image);
    }
    emit frameShown(index);
    if (wanted_index_ != index && wanted_index_ >= 0) request(wanted_index_);
}

void VideoPanel::setOverlayEnabled(bool enabled) {
    if (enabled == overlay_enabled_) return;
    overlay_enabled_ = enabled;
    if (!enabled) {
        pending_landmarks_index_ = -1;
        view_->clearOverlay();
        return;
    }
    if (shown_index_ >= 0) submitLandmarks(shown_index_, view_->image());
}

void VideoPanel::submitLandmarks(qint64 index, const QImage& image) {
    if (landmarks_in_flight_) {  // only the newest frame waits; older ones are dropped
        pending_landmarks_index_ = index;
        pending_landmarks_image_ = image;
        return;
    }
    landmarks_in_flight_ = true;
    QMetaObject::invokeMethod(landmarks_, "process", Qt::QueuedConnection, Q_ARG(qint64, index),
                              Q_ARG(double, index / meta_.fps), Q_ARG(QImage, image));
}

void VideoPanel::onOverlay(const FaceOverlay& overlay) {
    landmarks_in_flight_ = false;
    if (overlay_enabled_ && std::abs(overlay.frame - shown_index_) <= 2) {
        view_->setOverlay(overlay);
        emit overlayShown(overlay.frame, overlay.face);
    }
    if (overlay_enabled_ && pending_landmarks_index_ >= 0) {
        const qint64 index = pending_landmarks_index_;
        pending_landmarks_index_ = -1;
        submitLandmarks(index, pending_landmarks_image_);
    }
}

void VideoPanel::seekTo(qint64 index) {
    if (!hasSource()) return;
    index = std::clamp<qint64>(index, 0, meta_.frame_count - 1);
    if (isPlaying()) {  // keep playing from the new place
        play_start_index_ = index;
        play_clock_.restart();
    }
    request(index);
}

void VideoPanel::stepForward() {
    seekTo(std::max<qint64>(shown_index_, 0) + 1);
}
void VideoPanel::stepBackward() {
    seekTo(std::max<qint64>(shown_index_, 0) - 1);
}

void VideoPanel::play() {
    if (!hasSource() || meta_.frame_count < 2) return;
    if (shown_index_ >= meta_.frame_count - 1) request(0);  // replay from the start
    play_start_index_ = std::max<qint64>(wanted_index_, 0);
    if (play_start_index_ >= meta_.frame_count - 1) play_start_index_ = 0;
    play_clock_.start();
    timer_->start(std::max(4, static_cast<int>(1000.0 / meta_.fps / 2.0)));
    play_button_->setIcon(style()->standardIcon(QStyle::SP_MediaPause));
}

void VideoPanel::pause() {
    timer_->stop();
    play_button_->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
}

void VideoPanel::togglePlay() {
    isPlaying() ? pause() : play();
}

void VideoPanel::onTick() {
    // The wall clock decides the frame, so slow decoding drops frames instead of drifting.
    const qint64 due = play_start_index_ +
                       static_cast<qint64>(std::floor(play_clock_.elapsed() * meta_.fps / 1000.0));
    if (due >= meta_.frame_count) {
        request(meta_.frame_count - 1);
        pause();
        return;
    }
    if (due != wanted_index_) request(due);
}

void VideoPanel::updateCounter() {
    if (!hasSource()) {
        counter_->setText(tr("no video"));
        return;
    }
    counter_->setText(tr("%1 / %2").arg(shown_index_ + 1).arg(meta_.frame_count));
}

}  // namespace likeness::ui
