#pragma once
// _FusedConv2D: 2-D convolution + BiasAdd (+ optional residual add) + Relu/Prelu, NHWC,
// computed as a packed GEMM over chunks of output pixels (1x1 stride-1 convolutions read the
// input in place, other kernels gather im2col patches chunk by chunk).
#include <memory>

#include "engine/nn/activation.hpp"
#include "engine/nn/step.hpp"
#include "engine/nn/window.hpp"

namespace likeness::nn {

struct Conv2DSpec {
    Window window;
    int in_c = 0, out_c = 0;
    const float* filter = nullptr;  ///< k_h·k_w·in_c·out_c values, layout HWIO (tfjs order)
    const float* bias = nullptr;    ///< out_c values
    Activation activation = Activation::None;
    const float* alpha = nullptr;  ///< out_c Prelu slopes when activation is Prelu
    bool residual = false;         ///< adds inputs[1] (output-shaped) before the activation
};

/// The returned step reads inputs[0] (in_h × in_w × in_c) and, with `residual`, inputs[1];
/// the planner fills the operands. Weights are copied into the step.
std::unique_ptr<Step> make_conv2d(const Conv2DSpec& spec);

}  // namespace likeness::nn
