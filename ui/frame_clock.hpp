#pragma once
// The studio's one transport: which frame is current, and playback at the video's fps on the
// wall clock (slow consumers drop frames instead of drifting). The video panel, timeline,
// curves and viewport all follow it.
#include <QElapsedTimer>
#include <QObject>

class QTimer;

namespace likeness::ui {

class FrameClock : public QObject {
    Q_OBJECT
  public:
    explicit FrameClock(QObject* parent = nullptr);

    /// Frames [0, count) at `fps` (> 0). The current frame is clamped into the new range.
    void setRange(qint64 count, double fps);
    qint64 frameCount() const { return count_; }
    double fps() const { return fps_; }
    /// The frame asked for most recently.
    qint64 current() const { return current_; }
    bool isPlaying() const;

  public slots:
    void play();
    void pause();
    void togglePlay();
    void seek(qint64 index);
    void stepForward();
    void stepBackward();
    void first();
    void last();

  signals:
    void frameChanged(qint64 index);
    void playingChanged(bool playing);
    void rangeChanged(qint64 count, double fps);

  private:
    void onTick();
    void setCurrent(qint64 index);

    QTimer* timer_ = nullptr;
    QElapsedTimer clock_;
    qint64 count_ = 0;
    double fps_ = 25.0;
    qint64 current_ = 0;
    qint64 start_index_ = 0;  ///< playback runs on the wall clock from here
};

}  // namespace likeness::ui
