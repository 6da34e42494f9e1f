#pragma once
// The corrections solver: minimises ModelProblem's cost (eq. 3 with tracking held, the
// paper's second-stage objective) over the personal model's corrections with exact gradients.
// Minimisers, measured against each other (bench/fit_bench.cpp, table in the personalization
// note): L-BFGS with the usual scalar initial Hessian (the default: on the joint photometric
// problem it lowered the cost furthest per evaluation), L-BFGS with
// correction_preconditioner.hpp's sparse Gauss–Newton H0 (converges in a few iterations on the
// smooth terms — landmarks + eq. 6/7 — but stalls once the photometric term, linear in the
// vertices only within a pixel, dominates), and Adam, the paper's optimiser.
#include <string>

#include "engine/core/progress.hpp"
#include "engine/fit/adam.hpp"
#include "engine/fit/correction_preconditioner.hpp"
#include "engine/fit/lbfgs.hpp"
#include "engine/fit/model_problem.hpp"
#include "engine/fit/term_costs.hpp"

namespace likeness::fit {

enum class ModelSolverKind { Lbfgs, Adam };

struct ModelSolverOptions {
    ModelSolverKind kind = ModelSolverKind::Lbfgs;
    LbfgsOptions lbfgs;
    /// L-BFGS's H0 from CorrectionPreconditioner (else the scalar sᵀy/yᵀy).
    bool precondition = false;
    double precondition_damping = 0.0;  ///< CorrectionPreconditioner::build's damping
    AdamOptions adam;
    float adam_shape_step = 2e-3f;   ///< Adam learning rate of the shape texels, cm
    float adam_albedo_step = 2e-3f;  ///< Adam learning rate of the albedo texels

    bool is_valid(std::string* error) const;
};

struct ModelSolverSummary {
    SolverTermination termination = SolverTermination::MaxIterations;
    std::string message;
    int iterations = 0, evaluations = 0;
    Eigen::Index unknowns = 0;
    double initial_cost = 0.0, final_cost = 0.0;
    TermCosts initial_terms, final_terms;
    double seconds = 0.0;
};

/// The H0 `options.precondition` asks for, built for the problem as it stands (its frames' data
/// curvature, its regularisers' weights).
CorrectionPreconditioner build_preconditioner(ModelProblem& problem, double damping);

/// Runs the chosen minimiser from the problem's current corrections; the model is left at the
/// best point found (on NonFinite: the last finite one). Throws core::Cancelled.
/// `preconditioner`: for L-BFGS, an H0 built earlier to use instead of building one (e.g. for the
/// same problem before its frames' poses moved a little: H0 only has to be close to the inverse
/// Hessian, and building it costs nearly as much as a short solve — on `fit_bench personalize`
/// 0.50-0.58 s against 0.63-0.76 s for the landmark geometry step's 6 iterations).
ModelSolverSummary solve_model(ModelProblem& problem, const ModelSolverOptions& options,
                               const core::Progress& progress = {},
                               const CorrectionPreconditioner* preconditioner = nullptr);

}  // namespace likeness::fit
