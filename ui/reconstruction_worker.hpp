#pragma once
// Renders the face model at a frame's expression, pose and lighting through the tracked camera
// with the engine's CPU renderer (paper §3.3, Î = R(S̃, n, R, γ)), for the video panel's
// reconstruction overlay. Lives on a worker thread; the video panel keeps one request in flight.
#include <QImage>
#include <QObject>
#include <memory>

#include "ui/frame_state.hpp"

namespace likeness::render {
struct Rendering;
}

namespace likeness::ui {

struct FaceModel;

struct ReconstructionRequest {
    std::shared_ptr<const FaceModel> model;
    FrameState state;
    TrackedCamera camera;
    int width = 0;  ///< of the video frame
    int height = 0;
};

class ReconstructionWorker : public QObject {
    Q_OBJECT
  public:
    explicit ReconstructionWorker(QObject* parent = nullptr);
    ~ReconstructionWorker() override;

  public slots:
    /// Emits ready() with an ARGB32 image of the frame's size: the rendered face where it covers
    /// the frame, transparent elsewhere.
    void render(const likeness::ui::ReconstructionRequest& request);

  signals:
    void ready(qint64 index, const QImage& image);

  private:
    std::unique_ptr<render::Rendering> rendering_;  ///< buffers reused from frame to frame
};

}  // namespace likeness::ui

Q_DECLARE_METATYPE(likeness::ui::ReconstructionRequest)
