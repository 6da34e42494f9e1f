#pragma once
// Pad with zeros (tfjs "Pad" with constant 0), any rank.
#include <memory>
#include <utility>
#include <vector>

#include "engine/nn/step.hpp"

namespace likeness::nn {

/// Step reading inputs[0] of `in_shape`, writing the shape grown by `pads` ({before, after}
/// per dimension, non-negative).
std::unique_ptr<Step> make_pad(const std::vector<int>& in_shape,
                               const std::vector<std::pair<int, int>>& pads);

}  // namespace likeness::nn
