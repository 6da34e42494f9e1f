#pragma once
// Textures for exports: the engine's float RGB images as 8-bit PNG bytes.
#include <opencv2/core.hpp>
#include <string>

namespace likeness::io {

/// PNG bytes of an RGB image (CV_32FC3 in [0,1], or CV_8UC3 RGB), row 0 at the top; values
/// are clamped and rounded to 8 bits. Throws ExportError when `rgb` is empty or of another type.
std::string encode_png_rgb(const cv::Mat& rgb);

}  // namespace likeness::io
