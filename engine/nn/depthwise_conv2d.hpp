#pragma once
// DepthwiseConv2dNative, NHWC: each input channel c is convolved with its own k_h × k_w filters
// (channel multiplier m gives output channel c·m + j). No bias (tfjs graphs fold it into the
// following 1x1 convolution).
#include <memory>

#include "engine/nn/step.hpp"
#include "engine/nn/window.hpp"

namespace likeness::nn {

struct DepthwiseSpec {
    Window window;
    int in_c = 0, multiplier = 1;
    const float* filter = nullptr;  ///< k_h·k_w·in_c·multiplier values (tfjs layout)
};

/// Step reading inputs[0] (in_h × in_w × in_c), writing out_h × out_w × in_c·multiplier.
std::unique_ptr<Step> make_depthwise_conv2d(const DepthwiseSpec& spec);

}  // namespace likeness::nn
