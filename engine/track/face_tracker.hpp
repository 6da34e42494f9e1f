#pragma once
// Follows one face through a video as the paper's supplement (and MediaPipe) do: detect on the
// first frame, then crop each frame around the previous frame's landmarks; detect again when
// the face flag drops or the box leaves the frame. Frames without a face are reported, never
// invented.
#include <cstdint>
#include <opencv2/core/mat.hpp>
#include <optional>

#include "engine/nn/face_landmarker.hpp"
#include "engine/nn/frame_landmarks.hpp"
#include "engine/track/one_euro_filter.hpp"

namespace likeness::track {

struct FaceTrackerOptions {
    /// Below this FaceMesh face flag the box is considered lost and the frame is re-detected;
    /// a detection whose mesh scores below it counts as "no face".
    float min_face_flag = 0.5f;
    /// Re-detect when less than this share of the crop box lies inside the frame.
    double min_box_inside = 0.6;
    /// Which face to follow when a frame is (re-)detected: < 0 the largest, else the index by
    /// detector score.
    int face_index = -1;
    /// Smooth landmarks over time with a One-Euro filter (for display; fitting wants raw).
    bool smooth = false;
    OneEuroOptions smoothing{1.0, 0.5, 1.0};

    bool is_valid(std::string* error) const;
};

/// One frame's result.
struct TrackedFrame {
    int64_t index = -1;
    double time_s = 0.0;
    std::optional<nn::FrameLandmarks> face;  ///< nullopt: no face in this frame
    bool detected = false;  ///< the detector ran on this frame (first frame or re-detection)
};

struct TrackerStats {
    int64_t frames = 0;
    int64_t frames_with_face = 0;
    int64_t detections = 0;    ///< frames on which the detector ran
    int64_t redetections = 0;  ///< detections after a face was lost or left the box
};

class FaceTracker {
  public:
    /// The landmarker must outlive the tracker; the tracker is not thread-safe.
    FaceTracker(nn::FaceLandmarker& landmarker, const FaceTrackerOptions& options = {});

    /// Landmarks for the next frame of a sequence (RGB, any size). Frames may be skipped or
    /// sought: a box that no longer holds the face triggers a detection.
    TrackedFrame track(const cv::Mat& rgb, int64_t index, double time_s);

    /// Forget the face (e.g. after a seek far away): the next frame is detected.
    void reset();

    const TrackerStats& stats() const { return stats_; }
    const FaceTrackerOptions& options() const { return options_; }

  private:
    std::optional<nn::FrameLandmarks> detect(const cv::Mat& rgb);
    void smooth(nn::FrameLandmarks& landmarks, double time_s, bool restart);

    nn::FaceLandmarker& landmarker_;
    FaceTrackerOptions options_;
    std::optional<nn::FrameLandmarks> previous_;  ///< raw (unsmoothed) landmarks of the last frame
    OneEuroFilter filter_;
    TrackerStats stats_;
};

/// Share of `box`'s area inside a width × height image, 0..1.
double box_inside_fraction(const nn::Box& box, int width, int height);

}  // namespace likeness::track
