#pragma once
// The albedo a character brings: finding the texture file a model names (paths written on
// another machine, Windows separators) and turning decoded pixels into the rig's albedo form.
#include <opencv2/core.hpp>
#include <string>

namespace likeness::retarget {

/// A texture file named by a model file: as written (absolute, or relative to the model's
/// folder), then its bare file name in the model's folder, in "textures/" and "Textures/"
/// beside it. Empty when none exists.
std::string find_texture_file(const std::string& model_path, const std::string& texture_name);

/// Decoded pixels (as cv::imread/imdecode return them: 8/16-bit or float, grey, BGR or BGRA)
/// as a rig albedo: CV_32FC3 RGB in [0,1], row 0 = top, square (resized to the larger side,
/// at most max_size). Empty input gives an empty result.
cv::Mat albedo_from_pixels(const cv::Mat& decoded, int max_size);

/// Reads an image file as albedo_from_pixels(); empty when it cannot be decoded.
cv::Mat read_albedo(const std::string& path, int max_size);

}  // namespace likeness::retarget
