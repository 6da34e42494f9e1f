#pragma once
// Bilinear resampling between UV maps of different sizes, and its exact transpose. The dynamic
// albedo corrections of eq. 2 live at the correction resolution (128², paper §4) while the
// static albedo is finer; eq. 2's sum is formed at the finer size, and a solver carries the
// albedo gradient back to the coarse maps with the transpose.
//
// Texel (x, y) of an n-square map sits at u = (x + 0.5) / n (uv_raster.hpp), so destination
// texel x reads source coordinate (x + 0.5) · n_src / n_dst − 0.5, clamped to the border.
#include <opencv2/core.hpp>

namespace likeness::face {

/// dst (CV_32FC3, dst_size square) += scale · resample(src) for a square CV_32FC3 `src`.
/// `src_support` (empty: all of src): a rectangle of src outside which src is zero; the
/// destination texels that read only zeros are left untouched (the same result, less work).
void add_resampled(const cv::Mat& src, float scale, int dst_size, cv::Mat* dst,
                   const cv::Rect& src_support = cv::Rect());

/// The transpose of add_resampled: src_grad (CV_32FC3, src_size square) += scale ·
/// resampleᵀ(dst_grad).
void add_resampled_transpose(const cv::Mat& dst_grad, float scale, int src_size, cv::Mat* src_grad);

}  // namespace likeness::face
