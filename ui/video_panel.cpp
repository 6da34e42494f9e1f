#include "ui/video_panel.hpp"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QSettings>
#include <QSlider>
#include <QToolButton>
#include <QVBoxLayout>
#include <cmath>

#include "ui/face_model.hpp"
#include "ui/frame_clock.hpp"
#include "ui/frame_view.hpp"
#include "ui/landmark_worker.hpp"

namespace likeness::ui {

VideoPanel::VideoPanel(FrameClock* clock, QWidget* parent) : QWidget(parent), clock_(clock) {
    qRegisterMetaType<likeness::ui::VideoMeta>();
    qRegisterMetaType<likeness::ui::ReconstructionRequest>();
    view_ = new FrameView(this);
    view_->setPlaceholder(tr("Open a video (Ctrl+O) or drop one here"));
    createActions();

    auto* controls = new QHBoxLayout;
    controls->setContentsMargins(0, 0, 0, 0);
    for (QAction* action : {landmarks_action_, wireframe_action_, reconstruction_action_}) {
        auto* button = new QToolButton(this);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        controls->addWidget(button);
    }
    opacity_ = new QSlider(Qt::Horizontal, this);
    opacity_->setRange(0, 100);
    opacity_->setValue(60);
    opacity_->setMinimumWidth(60);
    opacity_->setMaximumWidth(120);
    opacity_->setToolTip(tr("Opacity of the rendered reconstruction"));
    connect(opacity_, &QSlider::valueChanged, this,
            [this](int v) { setReconstructionOpacity(v / 100.0); });
    controls->addWidget(new QLabel(tr("Opacity"), this));
    controls->addWidget(opacity_);
    controls->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(controls);
    layout->addWidget(view_, 1);

    connect(clock_, &FrameClock::frameChanged, this, &VideoPanel::onClockFrame);

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

    renderer_ = new ReconstructionWorker;
    renderer_->moveToThread(&render_thread_);
    connect(&render_thread_, &QThread::finished, renderer_, &QObject::deleteLater);
    connect(renderer_, &ReconstructionWorker::ready, this, &VideoPanel::onReconstruction);
    render_thread_.setObjectName("reconstruction");
    render_thread_.start();
}

VideoPanel::~VideoPanel() {
    worker_.quit();
    landmark_thread_.quit();
    render_thread_.quit();
    worker_.wait();
    landmark_thread_.wait();
    render_thread_.wait();
}

void VideoPanel::createActions() {
    landmarks_action_ = new QAction(tr("&Landmarks"), this);
    landmarks_action_->setObjectName("LandmarksAction");
    landmarks_action_->setCheckable(true);
    landmarks_action_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    landmarks_action_->setToolTip(tr("468 FaceMesh landmarks, iris and the 68-point subset"));
    connect(landmarks_action_, &QAction::toggled, this, &VideoPanel::setOverlayEnabled);
    wireframe_action_ = new QAction(tr("&Wireframe"), this);
    wireframe_action_->setObjectName("WireframeAction");
    wireframe_action_->setCheckable(true);
    wireframe_action_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_W));
    wireframe_action_->setToolTip(tr("The face model's mesh seen by the tracked camera"));
    connect(wireframe_action_, &QAction::toggled, this, &VideoPanel::setWireframeEnabled);
    reconstruction_action_ = new QAction(tr("&Reconstruction"), this);
    reconstruction_action_->setObjectName("ReconstructionAction");
    reconstruction_action_->setCheckable(true);
    reconstruction_action_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    reconstruction_action_->setToolTip(
        tr("The face rendered with its albedo and the frame's lighting (CPU renderer)"));
    connect(reconstruction_action_, &QAction::toggled, this, &VideoPanel::setReconstructionEnabled);
}

void VideoPanel::openSource(const QString& path) {
    clock_->pause();
    QMetaObject::invokeMethod(decoder_, "open", Qt::QueuedConnection, Q_ARG(QString, path));
}

void VideoPanel::closeSource() {
    clock_->pause();
    QMetaObject::invokeMethod(decoder_, "close", Qt::QueuedConnection);
    meta_ = VideoMeta{};
    shown_index_ = -1;
    wanted_index_ = -1;
    view_->setImage({});
    view_->clearOverlay();
    view_->setReconstruction({}, -1);
    view_->setWireframe({});
}

bool VideoPanel::isPlaying() const {
    return clock_->isPlaying();
}

void VideoPanel::play() {
    clock_->play();
}
void VideoPanel::pause() {
    clock_->pause();
}
void VideoPanel::togglePlay() {
    clock_->togglePlay();
}
void VideoPanel::seekTo(qint64 index) {
    clock_->seek(index);
}
void VideoPanel::stepForward() {
    clock_->stepForward();
}
void VideoPanel::stepBackward() {
    clock_->stepBackward();
}

void VideoPanel::onClockFrame(qint64 index) {
    // A take may run longer than the video (or the source is one photo): hold the last frame.
    if (hasSource()) request(std::min(index, meta_.frame_count - 1));
}

void VideoPanel::onOpened(const VideoMeta& meta) {
    meta_ = meta;
    view_->clearOverlay();
    view_->setReconstruction({}, -1);
    view_->setWireframe({});
    pending_landmarks_index_ = -1;
    QMetaObject::invokeMethod(landmarks_, "reset", Qt::QueuedConnection);
    shown_index_ = -1;
    wanted_index_ = -1;
    in_flight_ = false;
    emit opened(meta);  // the owner sets the clock's range
    request(std::clamp<qint64>(clock_->current(), 0, std::max<qint64>(0, meta.frame_count - 1)));
}

void VideoPanel::onFailed(const QString& message, bool fatal) {
    in_flight_ = false;
    clock_->pause();
    if (fatal)
        emit openFailed(message);
    else
        emit problem(message);
}

void VideoPanel::onFrameCount(qint64 frames) {
    meta_.frame_count = frames;
    meta_.count_exact = true;
    in_flight_ = false;
    emit frameCountChanged(frames);
    if (wanted_index_ >= frames && frames > 0) request(frames - 1);
}

void VideoPanel::request(qint64 index) {
    if (index < 0) return;
    wanted_index_ = index;
    if (in_flight_ || index == shown_index_) return;  // onFrame() asks for the newest wanted
    in_flight_ = true;
    QMetaObject::invokeMethod(decoder_, "decode", Qt::QueuedConnection, Q_ARG(qint64, index));
}

void VideoPanel::onFrame(qint64 index, const QImage& image) {
    in_flight_ = false;
    if (!hasSource()) return;  // closed while the frame was decoding
    shown_index_ = index;
    view_->setImage(image);
    if (overlay_enabled_) {
        if (std::abs(view_->overlay().frame - index) > 2) view_->clearOverlay();  // stale
        submitLandmarks(index, image);
    }
    emit frameShown(index);
    if (wanted_index_ != index && wanted_index_ >= 0) request(wanted_index_);
}

void VideoPanel::setOverlayEnabled(bool enabled) {
    if (landmarks_action_->isChecked() != enabled) {
        landmarks_action_->setChecked(enabled);  // re-enters through toggled()
        return;
    }
    if (enabled == overlay_enabled_) return;
    overlay_enabled_ = enabled;
    QSettings().setValue("view/landmarks", enabled);
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

void VideoPanel::setFaceModel(std::shared_ptr<const FaceModel> model) {
    model_ = std::move(model);
    if (model_)
        wireframe_.setTopology(model_->neutral.F);
    else
        wireframe_ = MeshWireframe{};
    updateModelOverlays();
}

void VideoPanel::setFrameState(const FrameState& state, const TrackedCamera& camera) {
    state_ = state;
    camera_ = camera;
    updateModelOverlays();
}

void VideoPanel::setWireframeEnabled(bool enabled) {
    if (wireframe_action_->isChecked() != enabled) {
        wireframe_action_->setChecked(enabled);
        return;
    }
    wireframe_enabled_ = enabled;
    updateModelOverlays();
}

void VideoPanel::setReconstructionEnabled(bool enabled) {
    if (reconstruction_action_->isChecked() != enabled) {
        reconstruction_action_->setChecked(enabled);
        return;
    }
    reconstruction_enabled_ = enabled;
    if (!enabled) view_->setReconstruction({}, -1);
    updateModelOverlays();
}

void VideoPanel::setReconstructionOpacity(double opacity) {
    view_->setReconstructionOpacity(opacity);
    const int v = static_cast<int>(std::lround(opacity * 100.0));
    if (opacity_->value() != v) opacity_->setValue(v);
}

void VideoPanel::updateModelOverlays() {
    const QImage& frame = view_->image();
    const bool drawable = model_ && !frame.isNull() && state_.has_face;
    if (wireframe_enabled_ && drawable) {
        const core::Camera camera = frame_camera(camera_, frame.width(), frame.height());
        view_->setWireframe(wireframe_.lines(model_->shape(state_.w), state_.pose, camera));
    } else {
        view_->setWireframe({});
    }
    if (reconstruction_enabled_ && drawable)
        submitReconstruction();
    else if (!drawable)
        view_->setReconstruction({}, -1);
}

void VideoPanel::submitReconstruction() {
    if (render_in_flight_) {  // the newest state is sent when the renderer is free
        render_pending_ = true;
        return;
    }
    render_in_flight_ = true;
    render_pending_ = false;
    ReconstructionRequest request;
    request.model = model_;
    request.state = state_;
    request.camera = camera_;
    request.width = view_->image().width();
    request.height = view_->image().height();
    QMetaObject::invokeMethod(renderer_, "render", Qt::QueuedConnection,
                              Q_ARG(likeness::ui::ReconstructionRequest, request));
}

void VideoPanel::onReconstruction(qint64 index, const QImage& image) {
    render_in_flight_ = false;
    if (reconstruction_enabled_ && model_) {
        view_->setReconstruction(image, index);
        emit reconstructionShown(index);
    }
    if (render_pending_ && reconstruction_enabled_) submitReconstruction();
}

}  // namespace likeness::ui
