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

/// Runs the chosen minimiser from the problem's current corrections; the model is left at the
/// best point found (on NonFinite: the last finite one). Throws core::Cancelled.
ModelSolverSummary solve_model(ModelProblem& problem, const ModelSolverOptions& options,
                               const core::Progress& progress = {});

}  // namespace likeness::fit
