#pragma once
// A differentiable scalar objective over a flat parameter vector, as the correction solvers
// (lbfgs.hpp, adam.hpp) see the modeling problem of eq. 3.
#include <Eigen/Core>
#include <functional>
#include <string>

#include "engine/core/progress.hpp"

namespace likeness::fit {

/// Returns f(x) and, when `gradient` is not null, fills ∂f/∂x (same size as x). May throw
/// core::Cancelled.
using Objective = std::function<double(const Eigen::VectorXf& x, Eigen::VectorXf* gradient)>;

enum class SolverTermination { Converged, MaxIterations, LineSearchFailed, NonFinite, Cancelled };
const char* to_string(SolverTermination t);

struct MinimizerSummary {
    SolverTermination termination = SolverTermination::MaxIterations;
    std::string message;
    int iterations = 0;
    int evaluations = 0;
    double initial_cost = 0.0, final_cost = 0.0;
    double seconds = 0.0;
};

/// Called after each iteration with (iteration, cost); for progress and traces.
using IterationCallback = std::function<void(int iteration, double cost)>;

}  // namespace likeness::fit
