#pragma once
// The video panel: the current frame, play/pause, a frame slider and a frame counter. Frames
// are decoded on a worker thread; requests coalesce so scrubbing never queues up work.
#include <QElapsedTimer>
#include <QThread>
#include <QWidget>

#include "ui/face_overlay.hpp"
#include "ui/video_decoder.hpp"

class QLabel;
class QSlider;
class QTimer;
class QToolButton;

namespace likeness::ui {

class FrameView;
class LandmarkWorker;

class VideoPanel : public QWidget {
    Q_OBJECT
  public:
    explicit VideoPanel(QWidget* parent = nullptr);
    ~VideoPanel() override;

    /// Opens a video, image, image folder or camera:N; emits opened() or openFailed().
    void openSource(const QString& path);
    bool hasSource() const { return meta_.frame_count > 0; }
    const VideoMeta& meta() const { return meta_; }
    qint64 currentFrame() const { return shown_index_; }
    bool isPlaying() const;
    FrameView* frameView() const { return view_; }
    bool overlayEnabled() const { return overlay_enabled_; }

  public slots:
    void play();
    void pause();
    void togglePlay();
    void seekTo(qint64 index);
    void stepForward();
    void stepBackward();
    /// Landmark overlay, computed in the background; frames keep playing meanwhile.
    void setOverlayEnabled(bool enabled);

  signals:
    void opened(const likeness::ui::VideoMeta& meta);
    void openFailed(const QString& message);
    /// A frame is on screen.
    void frameShown(qint64 index);
    /// A problem while decoding (the frames shown so far stay valid).
    void problem(const QString& message);
    /// Landmarks for a shown frame arrived (the overlay is drawn).
    void overlayShown(qint64 index, bool face);
    /// The landmark overlay cannot run (models missing or damaged); it is switched off.
    void overlayFailed(const QString& message);

  private:
    void request(qint64 index);
    void onOpened(const VideoMeta& meta);
    void onFrame(qint64 index, const QImage& image);
    void onFailed(const QString& message, bool fatal);
    void onFrameCount(qint64 frames);
    void onTick();
    void updateCounter();
    void submitLandmarks(qint64 index, const QImage& image);
    void onOverlay(const FaceOverlay& overlay);

    QThread worker_;
    VideoDecoder* decoder_ = nullptr;  // owned by worker_ (deleted on finish)
    QThread landmark_thread_;
    LandmarkWorker* landmarks_ = nullptr;  // owned by landmark_thread_
    FrameView* view_ = nullptr;
    QToolButton* play_button_ = nullptr;
    QSlider* slider_ = nullptr;
    QLabel* counter_ = nullptr;
    QTimer* timer_ = nullptr;

    VideoMeta meta_;
    qint64 shown_index_ = -1;
    qint64 wanted_index_ = -1;     ///< the frame the user wants on screen
    bool in_flight_ = false;       ///< a decode request is on the worker
    qint64 play_start_index_ = 0;  ///< playback runs on the wall clock from here
    QElapsedTimer play_clock_;

    bool overlay_enabled_ = false;
    bool landmarks_in_flight_ = false;
    qint64 pending_landmarks_index_ = -1;  ///< newest frame waiting for the landmark worker
    QImage pending_landmarks_image_;
};

}  // namespace likeness::ui
