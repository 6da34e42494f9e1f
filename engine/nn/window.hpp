#pragma once
// Geometry of a sliding 2-D window (convolution, depthwise convolution, pooling) over an NHWC
// tensor, following TensorFlow's padding rules.
#include <array>
#include <string>

namespace likeness::nn {

enum class Padding { Same, Valid, Explicit };

struct Window {
    int in_h = 0, in_w = 0;
    int k_h = 1, k_w = 1;  ///< kernel size in taps
    int stride_h = 1, stride_w = 1;
    int dil_h = 1, dil_w = 1;       ///< dilation: distance between taps in input pixels
    int pad_top = 0, pad_left = 0;  ///< implicit zero rows/columns before the input
    int pad_bottom = 0, pad_right = 0;
    int out_h = 0, out_w = 0;
};

/// Fills pads and output size. SAME: out = ceil(in / stride) and the total padding
/// max(0, (out - 1)·stride + (k - 1)·dil + 1 - in) is split with the smaller half first, so the
/// extra row/column of an odd total goes to the bottom/right (TensorFlow's rule).
/// VALID: no padding. EXPLICIT: `explicit_pads` = {top, bottom, left, right}.
/// Returns an empty string on success, otherwise why the window is invalid (e.g. empty output).
std::string resolve_window(Window& window, Padding padding,
                           const std::array<int, 4>& explicit_pads = {0, 0, 0, 0});

}  // namespace likeness::nn
