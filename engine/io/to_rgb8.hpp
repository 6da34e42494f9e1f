#pragma once
#include <opencv2/core/mat.hpp>

namespace likeness::io {

/// Converts what OpenCV decoders return (BGR, BGRA, grey; 8, 16 or 32-bit) to 8-bit RGB.
/// 16-bit data is scaled by 1/257, float data is taken as 0..1. Returns a new continuous
/// H by W CV_8UC3 matrix.
cv::Mat to_rgb8(const cv::Mat& decoded);

}  // namespace likeness::io
