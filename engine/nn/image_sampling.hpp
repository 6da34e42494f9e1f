#pragma once
// Bilinear sampling of frames into network input tensors, reproducing the two tfjs kernels the
// face models were run with (so landmarks match the reference to hundredths of a pixel):
// tf.image.resizeBilinear without half-pixel centres and tf.image.cropAndResize. Both read
// only the source pixels they need, so an 8K frame costs no more memory than a small one.
#include <opencv2/core/mat.hpp>

namespace likeness::nn {

/// Frames accepted by the front end: 1 (grey), 3 (RGB) or 4 (RGBA, alpha ignored) channels of
/// 8-bit (0..255), 16-bit (0..65535, scaled by 255/65535) or 32-bit float (0..255) values.
/// Throws std::invalid_argument naming the type otherwise, or when the frame is empty.
void check_frame(const cv::Mat& frame);

/// tf.image.resizeBilinear(frame, [out_h, out_w]) with align_corners = half_pixel_centers =
/// false (source = destination · in / out, no aspect padding), then value / divisor + offset
/// in float32 as tfjs does. `out` receives out_h × out_w × 3 floats (NHWC, RGB).
void resize_bilinear(const cv::Mat& frame, int out_w, int out_h, float divisor, float offset,
                     float* out);

/// A crop in normalised image coordinates, tf.image.cropAndResize's box order.
struct NormalizedBox {
    float y1 = 0, x1 = 0, y2 = 1, x2 = 1;
};

/// tf.image.cropAndResize(frame, [box], [0], [out_h, out_w]), bilinear: source row
/// y1·(H−1) + i·(y2−y1)·(H−1)/(out_h−1), likewise for columns; samples outside the frame
/// are 0. Inside values are divided by `divisor` (extrapolated ones stay 0).
void crop_and_resize(const cv::Mat& frame, const NormalizedBox& box, int out_w, int out_h,
                     float divisor, float* out);

/// The same on an h × w × 3 float image (NHWC), values copied unscaled.
void crop_and_resize(const float* image, int h, int w, const NormalizedBox& box, int out_w,
                     int out_h, float* out);

}  // namespace likeness::nn
