#pragma once
// What one video frame tells the solver (paper §3.4's inputs for image I_n): the face crop, the
// 468 landmarks (FaceMesh; the paper uses 68) and a parsing image built from the landmark
// regions (the paper's I_n^pa comes from a face parser [29]; we have none, so the landmark
// polygons of lips, eyes and brows stand in for it — parsing_term.hpp).
#include <cstdint>
#include <opencv2/core.hpp>

#include "engine/core/mesh.hpp"
#include "engine/fit/crop_window.hpp"

namespace likeness::fit {

struct ObservationOptions {
    int crop_size = 224;  ///< the paper's 224×224 face crops
    /// Window side = margin × the landmarks' longer extent (the mesh reaches the landmarks'
    /// bounds, so a little context is enough).
    float margin = 1.25f;
    bool parsing = true;  ///< build the parsing target of eq. 5
    bool is_valid(std::string* error) const;
};

struct FrameObservation {
    int64_t frame_index = -1;
    CropWindow window;
    cv::Mat image;                  ///< I_n: CV_32FC3 RGB in [0,1], crop_size square
    core::MatrixX2fR landmarks_px;  ///< 468 by 2 FaceMesh points, crop px
    cv::Mat parsing;  ///< I_n^pa: CV_32FC3 soft colour code (parsing_term.hpp) or empty
    /// Seed 003 eq. 11: the frame shows a neutral face (its expression should vanish).
    bool neutral = false;
};

/// The observation of frame `index`: `rgb8` is the whole frame (CV_8UC3 RGB) and
/// `landmarks_px` its 468 FaceMesh points (#468 by 2, frame px).
FrameObservation make_observation(const cv::Mat& rgb8, const core::MatrixX2fR& landmarks_px,
                                  int64_t index, const ObservationOptions& options = {});

/// The crop of a frame (CV_8UC3 RGB) as CV_32FC3 in [0,1], low-pass filtered before
/// resampling when the window shrinks the face.
cv::Mat crop_image(const cv::Mat& rgb8, const CropWindow& window);

}  // namespace likeness::fit
