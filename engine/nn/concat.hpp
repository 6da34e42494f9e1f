#pragma once
// ConcatV2: joins tensors along one axis.
#include <memory>
#include <vector>

#include "engine/nn/step.hpp"

namespace likeness::nn {

/// Step reading inputs[0..n) with `shapes` (equal except along `axis`, 0 <= axis < rank).
std::unique_ptr<Step> make_concat(const std::vector<std::vector<int>>& shapes, int axis);

}  // namespace likeness::nn
