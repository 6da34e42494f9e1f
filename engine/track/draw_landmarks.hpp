#pragma once
// Draws a frame's landmarks over the image, for overlays (CLI --overlay, reports).
#include <opencv2/core/mat.hpp>

#include "engine/nn/frame_landmarks.hpp"

namespace likeness::track {

/// Draws the crop box, the 468 mesh points, the 68 iBUG points and the irises onto `rgb`
/// (8-bit RGB, modified in place). Sizes scale with the face.
void draw_landmarks(cv::Mat& rgb, const nn::FrameLandmarks& landmarks);

/// Writes "no face" across a frame that has none, so overlays never look like a silent miss.
void draw_no_face(cv::Mat& rgb);

}  // namespace likeness::track
