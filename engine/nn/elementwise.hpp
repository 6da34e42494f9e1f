#pragma once
// Pointwise ops: Relu, Sigmoid (unary); AddV2 and Prelu (binary, NumPy broadcasting).
#include <memory>
#include <vector>

#include "engine/nn/activation.hpp"
#include "engine/nn/step.hpp"

namespace likeness::nn {

enum class UnaryOp { Relu, Sigmoid };

/// Step applying `op` to `count` values of inputs[0]; may run in place (output = input).
std::unique_ptr<Step> make_unary(UnaryOp op, std::size_t count);

/// out = a + b (broadcast to out_shape), then `activation` (Prelu slopes `alpha` along the last
/// dimension). inputs[0] = a, inputs[1] = b. In place is allowed for an operand of out_shape.
std::unique_ptr<Step> make_add(const std::vector<int>& a_shape, const std::vector<int>& b_shape,
                               const std::vector<int>& out_shape, Activation activation,
                               const float* alpha);

/// out = x > 0 ? x : alpha·x with alpha broadcast to x's shape. inputs[0] = x, inputs[1] = alpha.
std::unique_ptr<Step> make_prelu(const std::vector<int>& x_shape,
                                 const std::vector<int>& alpha_shape);

/// The NumPy broadcast of two shapes; returns false when they are incompatible.
bool broadcast_shape(const std::vector<int>& a, const std::vector<int>& b, std::vector<int>& out);

}  // namespace likeness::nn
