#pragma once
// Adam (Kingma & Ba, ICLR 2015) — the paper's optimiser (§4, learning rate 1e-4 on network
// weights) applied directly to the corrections, for comparison with L-BFGS (the modeling
// solver measures both; see model_solver.hpp). Per-variable step sizes, since geometry (cm)
// and albedo (colour units) live on different scales.
#include "engine/fit/objective.hpp"

namespace likeness::fit {

struct AdamOptions {
    int iterations = 200;
    double beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8;
    bool is_valid(std::string* error) const;
};

/// Minimises `f` from `x` with per-variable learning rates `step` (size of x). Keeps the best
/// point seen (Adam's iterates are not monotone).
MinimizerSummary minimize_adam(const Objective& f, const Eigen::VectorXf& step,
                               const AdamOptions& options, Eigen::VectorXf* x,
                               const core::Progress& progress = {},
                               const IterationCallback& callback = {});

}  // namespace likeness::fit
