#pragma once
// Runs the face front end (BlazeFace + FaceMesh + Iris, followed frame to frame) on a worker
// thread for the video panel's landmark overlay. Models load on the first frame.
#include <QImage>
#include <QObject>
#include <memory>

#include "ui/face_overlay.hpp"

namespace likeness::nn {
class FaceLandmarker;
}
namespace likeness::track {
class FaceTracker;
}

namespace likeness::ui {

class LandmarkWorker : public QObject {
    Q_OBJECT
  public:
    explicit LandmarkWorker(QObject* parent = nullptr);
    ~LandmarkWorker() override;

  public slots:
    /// Finds the face in `frame` (RGB888) and emits ready() or failed().
    void process(qint64 index, double time_s, const QImage& frame);
    /// Forget the followed face (a new video was opened).
    void reset();

  signals:
    void ready(const likeness::ui::FaceOverlay& overlay);
    /// Models missing or damaged; the overlay cannot run.
    void failed(const QString& message);

  private:
    bool ensureLoaded();

    std::unique_ptr<nn::FaceLandmarker> landmarker_;
    std::unique_ptr<track::FaceTracker> tracker_;
    bool load_failed_ = false;
};

}  // namespace likeness::ui
