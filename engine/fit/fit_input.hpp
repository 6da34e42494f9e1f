#pragma once
// Where the fitting pipeline's frames and landmarks come from: a video (or image, or folder)
// run through our front end, or frames and landmarks already in memory (the benchmark's
// rendered sequences with ground-truth landmarks). The pipeline reads its input in three
// passes (session_pipeline.hpp): a landmark scan of every frame, random access to the K
// modeling frames, and a stream of every frame for tracking.
//
// Memory stays bounded for long videos: the scan keeps each frame's landmarks only while they
// fit a budget (FitInputOptions::landmark_cache_bytes); past it, the tracking stream runs the
// front end again (twice the front-end time, constant memory).
#include <cstdint>
#include <functional>
#include <memory>
#include <opencv2/core.hpp>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/mesh.hpp"
#include "engine/core/progress.hpp"

namespace likeness::nn {
class FaceLandmarker;
}

namespace likeness::fit {

/// One frame's 468 FaceMesh points (#468 by 2, frame px), or nullopt: no face.
using Landmarks2d = std::optional<core::MatrixX2fR>;

class FitInput {
  public:
    virtual ~FitInput() = default;
    virtual int width() const = 0;
    virtual int height() const = 0;
    virtual double fps() const = 0;
    /// Frames seen by scan() (exact afterwards).
    virtual int64_t frame_count() const = 0;

    /// Pass 1: calls `each(index, landmarks)` for every frame in order. Throws core::Cancelled.
    virtual void scan(const std::function<void(int64_t, const Landmarks2d&)>& each,
                      const core::Progress& progress) = 0;
    /// Random access after scan(): frame `index` (CV_8UC3 RGB) and its landmarks.
    virtual cv::Mat frame(int64_t index) = 0;
    virtual Landmarks2d landmarks(int64_t index) = 0;
    /// Pass 3: every frame in order with its landmarks. Throws core::Cancelled.
    virtual void stream(
        const std::function<void(int64_t, const cv::Mat&, const Landmarks2d&)>& each,
        const core::Progress& progress) = 0;
};

struct FitInputOptions {
    int face_index = -1;      ///< which face to follow (< 0: the largest); see FaceTrackerOptions
    int64_t max_frames = -1;  ///< stop after this many frames (< 0: all)
    size_t landmark_cache_bytes = size_t{256} << 20;
};

/// A video file, image or image folder through the front end (`landmarker` must outlive the
/// input). Throws io::VideoError for unreadable input.
std::unique_ptr<FitInput> open_video_input(const std::string& path, nn::FaceLandmarker& landmarker,
                                           const FitInputOptions& options = {});

/// Frames and landmarks in memory (both one per frame; the vectors must outlive the input).
std::unique_ptr<FitInput> memory_input(const std::vector<cv::Mat>& frames,
                                       const std::vector<Landmarks2d>& landmarks, double fps);

}  // namespace likeness::fit
