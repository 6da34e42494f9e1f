#pragma once
// The video panel: the current frame with its overlays (landmarks, mesh wireframe, the rendered
// reconstruction with an opacity). Frames are decoded on a worker thread and requests coalesce
// so scrubbing never queues up work; landmarks and reconstructions run on their own threads and
// only the newest frame waits. The frame shown is the FrameClock's.
#include <QThread>
#include <QWidget>
#include <memory>

#include "ui/face_overlay.hpp"
#include "ui/frame_state.hpp"
#include "ui/mesh_wireframe.hpp"
#include "ui/reconstruction_worker.hpp"
#include "ui/video_decoder.hpp"

class QAction;
class QSlider;

namespace likeness::ui {

class FrameClock;
class FrameView;
class LandmarkWorker;
struct FaceModel;

class VideoPanel : public QWidget {
    Q_OBJECT
  public:
    /// `clock` (not owned) decides which frame is shown.
    explicit VideoPanel(FrameClock* clock, QWidget* parent = nullptr);
    ~VideoPanel() override;

    /// Opens a video, image, image folder or camera:N; emits opened() or openFailed().
    void openSource(const QString& path);
    /// Closes the source: no frames until the next openSource().
    void closeSource();
    bool hasSource() const { return meta_.frame_count > 0; }
    const VideoMeta& meta() const { return meta_; }
    /// The frame on screen (-1: none yet).
    qint64 currentFrame() const { return shown_index_; }
    bool isPlaying() const;
    FrameView* frameView() const { return view_; }
    FrameClock* clock() const { return clock_; }
    bool overlayEnabled() const { return overlay_enabled_; }

    QAction* landmarksAction() const { return landmarks_action_; }
    QAction* wireframeAction() const { return wireframe_action_; }
    QAction* reconstructionAction() const { return reconstruction_action_; }

    /// The face model the wireframe and reconstruction overlays draw (nullptr: none).
    void setFaceModel(std::shared_ptr<const FaceModel> model);
    /// The shown frame's tracking (expression, pose, lighting) and the camera it was tracked by.
    void setFrameState(const FrameState& state, const TrackedCamera& camera);

  public slots:
    void play();
    void pause();
    void togglePlay();
    void seekTo(qint64 index);
    void stepForward();
    void stepBackward();
    /// Landmark overlay, computed in the background; frames keep playing meanwhile.
    void setOverlayEnabled(bool enabled);
    void setWireframeEnabled(bool enabled);
    void setReconstructionEnabled(bool enabled);
    void setReconstructionOpacity(double opacity);

  signals:
    void opened(const likeness::ui::VideoMeta& meta);
    void openFailed(const QString& message);
    /// A frame is on screen.
    void frameShown(qint64 index);
    /// The real number of frames became known (the container's header was wrong).
    void frameCountChanged(qint64 frames);
    /// A problem while decoding (the frames shown so far stay valid).
    void problem(const QString& message);
    /// Landmarks for a shown frame arrived (the overlay is drawn).
    void overlayShown(qint64 index, bool face);
    /// The landmark overlay cannot run (models missing or damaged); it is switched off.
    void overlayFailed(const QString& message);
    /// A rendered reconstruction for a shown frame is drawn.
    void reconstructionShown(qint64 index);

  private:
    void createActions();
    void request(qint64 index);
    void onClockFrame(qint64 index);
    void onOpened(const VideoMeta& meta);
    void onFrame(qint64 index, const QImage& image);
    void onFailed(const QString& message, bool fatal);
    void onFrameCount(qint64 frames);
    void submitLandmarks(qint64 index, const QImage& image);
    void onOverlay(const FaceOverlay& overlay);
    void updateModelOverlays();
    void submitReconstruction();
    void onReconstruction(qint64 index, const QImage& image);

    FrameClock* clock_ = nullptr;
    QThread worker_;
    VideoDecoder* decoder_ = nullptr;  // owned by worker_ (deleted on finish)
    QThread landmark_thread_;
    LandmarkWorker* landmarks_ = nullptr;  // owned by landmark_thread_
    QThread render_thread_;
    ReconstructionWorker* renderer_ = nullptr;  // owned by render_thread_
    FrameView* view_ = nullptr;
    QAction* landmarks_action_ = nullptr;
    QAction* wireframe_action_ = nullptr;
    QAction* reconstruction_action_ = nullptr;
    QSlider* opacity_ = nullptr;

    VideoMeta meta_;
    qint64 shown_index_ = -1;
    qint64 wanted_index_ = -1;  ///< the frame the user wants on screen
    bool in_flight_ = false;    ///< a decode request is on the worker

    bool overlay_enabled_ = false;
    bool landmarks_in_flight_ = false;
    qint64 pending_landmarks_index_ = -1;  ///< newest frame waiting for the landmark worker
    QImage pending_landmarks_image_;

    std::shared_ptr<const FaceModel> model_;
    FrameState state_;
    TrackedCamera camera_;
    MeshWireframe wireframe_;
    bool wireframe_enabled_ = false;
    bool reconstruction_enabled_ = false;
    bool render_in_flight_ = false;
    bool render_pending_ = false;  ///< a newer frame waits for the renderer
};

}  // namespace likeness::ui
