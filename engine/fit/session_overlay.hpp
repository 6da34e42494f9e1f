#pragma once
// The evidence view of a fit: the personal model (eq. 1 and 2 at the frame's w, shaded with the
// frame's γ) drawn over the video frame through the session's camera and the frame's head pose,
// with the model's lip and face-oval landmark lines on top, so that one look tells whether the
// jaw and the lips follow the person.
#include <cstdint>
#include <opencv2/core.hpp>

#include "engine/fit/session.hpp"

namespace likeness::fit {

struct OverlayOptions {
    float opacity = 0.5f;  ///< of the rendered face over the frame
    bool lines = true;     ///< the model's outer/inner lip and face-oval lines
};

/// Frame `frame` of `session` over `rgb8` (that frame of the input: CV_8UC3 RGB, the session's
/// width × height). Returns CV_8UC3 RGB; a frame without a face comes back unchanged.
cv::Mat session_overlay(const Session& session, int64_t frame, const cv::Mat& rgb8,
                        const OverlayOptions& options = {});

}  // namespace likeness::fit
