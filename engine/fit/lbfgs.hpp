#pragma once
// Limited-memory BFGS (Nocedal & Wright, Numerical Optimization, alg. 7.4/7.5) with a
// caller-supplied initial inverse Hessian H0 (a preconditioner the caller builds from its
// normal equations: for the corrections, sparse Cholesky factors of the smoothness terms plus
// the data terms' diagonal) and a backtracking Armijo line search. Vectors are float (the modeling
// problem has ~10⁶ unknowns); dot products accumulate in double.
#include "engine/fit/objective.hpp"

namespace likeness::fit {

struct LbfgsOptions {
    int memory = 8;  ///< correction pairs kept
    int max_iterations = 50;
    /// Converged when an iteration lowers f by less than this fraction of |f|.
    double relative_tolerance = 1e-6;
    int max_backtracks = 12;  ///< step halvings per line search
    double armijo = 1e-4;     ///< sufficient-decrease constant c1
    /// With a caller's H0: scale it each iteration by γ = sᵀy / (yᵀ H0 y) (the usual L-BFGS
    /// scaling, applied to the preconditioned metric), so H0 fixes relative scales only.
    bool scale_h0 = true;

    bool is_valid(std::string* error) const;
};

/// out = H0 · in for a symmetric positive definite H0 ≈ (∂²f)⁻¹.
using InverseHessian = std::function<void(const Eigen::VectorXf& in, Eigen::VectorXf* out)>;

/// Minimises `f` from `x` (in: start, out: best point found). `h0` (optional): the initial
/// inverse Hessian, else the usual scalar (sᵀy / yᵀy) times the identity. Non-finite values
/// stop the solve with NonFinite and leave x at the last finite point.
MinimizerSummary minimize_lbfgs(const Objective& f, const InverseHessian& h0,
                                const LbfgsOptions& options, Eigen::VectorXf* x,
                                const core::Progress& progress = {},
                                const IterationCallback& callback = {});

}  // namespace likeness::fit
