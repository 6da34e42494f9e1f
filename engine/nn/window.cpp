#include "engine/nn/window.hpp"

#include <algorithm>
#include <cstdint>

namespace likeness::nn {
namespace {

/// One axis; returns false when the output would be empty.
bool resolve_axis(int in, int k, int stride, int dil, Padding padding, int explicit_before,
                  int explicit_after, int& before, int& after, int& out) {
    const std::int64_t span = static_cast<std::int64_t>(k - 1) * dil + 1;
    if (padding == Padding::Same) {
        out = (in + stride - 1) / stride;
        const std::int64_t total =
            std::max<std::int64_t>(0, static_cast<std::int64_t>(out - 1) * stride + span - in);
        before = static_cast<int>(total / 2);
        after = static_cast<int>(total - total / 2);
        return out > 0;
    }
    before = padding == Padding::Explicit ? explicit_before : 0;
    after = padding == Padding::Explicit ? explicit_after : 0;
    const std::int64_t padded = static_cast<std::int64_t>(in) + before + after;
    if (padded < span) return false;
    out = static_cast<int>((padded - span) / stride + 1);
    return true;
}

}  // namespace

std::string resolve_window(Window& w, Padding padding, const std::array<int, 4>& explicit_pads) {
    if (w.in_h <= 0 || w.in_w <= 0) return "input has an empty spatial size";
    if (w.k_h <= 0 || w.k_w <= 0) return "kernel size must be positive";
    if (w.stride_h <= 0 || w.stride_w <= 0) return "strides must be positive";
    if (w.dil_h <= 0 || w.dil_w <= 0) return "dilations must be positive";
    for (int p : explicit_pads)
        if (p < 0) return "explicit paddings must not be negative";
    if (!resolve_axis(w.in_h, w.k_h, w.stride_h, w.dil_h, padding, explicit_pads[0],
                      explicit_pads[1], w.pad_top, w.pad_bottom, w.out_h) ||
        !resolve_axis(w.in_w, w.k_w, w.stride_w, w.dil_w, padding, explicit_pads[2],
                      explicit_pads[3], w.pad_left, w.pad_right, w.out_w))
        return "the window (" + std::to_string(w.k_h) + "x" + std::to_string(w.k_w) +
               ", dilation " + std::to_string(w.dil_h) + "x" + std::to_string(w.dil_w) +
               ") is larger than the padded " + std::to_string(w.in_h) + "x" +
               std::to_string(w.in_w) + " input";
    return {};
}

}  // namespace likeness::nn
