#pragma once
// MaxPool, NHWC: the maximum over each window; padded positions are ignored (TensorFlow
// semantics), so a window always contains at least one input pixel.
#include <memory>

#include "engine/nn/step.hpp"
#include "engine/nn/window.hpp"

namespace likeness::nn {

/// Step reading inputs[0] (in_h × in_w × channels), writing out_h × out_w × channels.
std::unique_ptr<Step> make_max_pool(const Window& window, int channels);

}  // namespace likeness::nn
