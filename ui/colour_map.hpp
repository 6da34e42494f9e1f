#pragma once
// Colour maps for inspector heat maps: a perceptually ordered ramp (dark blue → teal → yellow →
// red, like "turbo" without its dark ends) for magnitudes, and a blue–white–red ramp for signed
// values (dynamic albedo offsets).
#include <Eigen/Core>
#include <QImage>
#include <opencv2/core.hpp>

#include "engine/core/mesh.hpp"

namespace likeness::ui {

/// RGB in [0,1] for t in [0,1] (clamped).
Eigen::Vector3f heat_colour(float t);
/// RGB in [0,1] for s in [-1,1] (clamped): blue for negative, white at 0, red for positive.
Eigen::Vector3f signed_colour(float s);

/// #V by 3 heat colours of `values` / `max_value` (max_value <= 0: the values' maximum).
core::MatrixX3fR heat_colours(const Eigen::VectorXf& values, float max_value = 0.f);

/// A CV_32F map as a heat image (max_value <= 0: the map's maximum).
QImage heat_image(const cv::Mat& map, float max_value = 0.f);
/// A CV_32FC3 signed map (e.g. A_i Δ_i^R) as a signed image of its per-texel mean channel,
/// scaled so ±max_abs are full colours (<= 0: the map's largest magnitude).
QImage signed_image(const cv::Mat& map3, float max_abs = 0.f);
/// A CV_32FC3 RGB [0,1] map (albedo) as an 8-bit image.
QImage rgb_image(const cv::Mat& rgb);

}  // namespace likeness::ui
