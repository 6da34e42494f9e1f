#pragma once
// Rasterising per-vertex values into the template's UV square (the paper's F^{-1}: vertex space
// to UV space, §3.2), and sampling UV maps back at vertices (F, eq. 1).
#include <opencv2/core.hpp>

#include "engine/core/mesh.hpp"

namespace likeness::face {

/// Texel (x, y) of a size-by-size UV map covers u = (x + 0.5) / size, v = 1 - (y + 0.5) / size
/// (row 0 is the top of the texture, v = 1).
Eigen::Vector2f texel_uv(int x, int y, int size);

/// size-by-size CV_32FC(k) map of `values` (#V by k, k <= 4) interpolated barycentrically over
/// mesh.F in mesh.UV. `coverage` (optional) receives a CV_8U map, 255 where a triangle covers.
cv::Mat rasterize_uv(const core::Mesh& mesh, const Eigen::MatrixXf& values, int size,
                     cv::Mat* coverage = nullptr);

/// #V by channels bilinear samples of `map` (CV_32FC(k)) at mesh.UV.
Eigen::MatrixXf sample_uv(const core::Mesh& mesh, const cv::Mat& map);

}  // namespace likeness::face
