#pragma once
// Pointwise activations shared by the fused kernels (convolution epilogues, AddV2 + Relu).
#include <algorithm>
#include <cstddef>

namespace likeness::nn {

enum class Activation { None, Relu, Prelu };

/// Applies `activation` in place to `pixels` rows of `channels` values (NHWC).
/// Prelu: y = x > 0 ? x : alpha[c]·x, alpha as stored in the model (already the slope to use).
inline void apply_activation(Activation activation, const float* alpha, float* data,
                             std::size_t pixels, std::size_t channels) {
    if (activation == Activation::Relu) {
        const std::size_t n = pixels * channels;
        for (std::size_t k = 0; k < n; ++k)
            data[k] = std::max(data[k], 0.0f);
    } else if (activation == Activation::Prelu) {
        for (std::size_t p = 0; p < pixels; ++p) {
            float* row = data + p * channels;
            for (std::size_t c = 0; c < channels; ++c)
                row[c] = row[c] > 0.0f ? row[c] : alpha[c] * row[c];
        }
    }
}

}  // namespace likeness::nn
