#include "engine/fit/model_solver.hpp"

#include <chrono>

namespace likeness::fit {

bool ModelSolverOptions::is_valid(std::string* error) const {
    if (!lbfgs.is_valid(error) || !adam.is_valid(error)) return false;
    if (!(adam_shape_step > 0.f && adam_albedo_step > 0.f)) {
        if (error) *error = "adam step sizes must be positive";
        return false;
    }
    return true;
}

CorrectionPreconditioner build_preconditioner(ModelProblem& problem, double damping) {
    CorrectionPreconditioner p;
    p.build(problem.layout(), problem.model(), problem.data_curvature(), problem.laplacian(),
            problem.deformation(), problem.weights(), damping);
    return p;
}

ModelSolverSummary solve_model(ModelProblem& problem, const ModelSolverOptions& options,
                               const core::Progress& progress,
                               const CorrectionPreconditioner* preconditioner) {
    const auto start = std::chrono::steady_clock::now();
    ModelSolverSummary s;
    Eigen::VectorXf x = problem.current();
    s.unknowns = x.size();
    if (x.size() == 0) {
        s.termination = SolverTermination::Converged;
        s.message = "nothing to solve for";
        s.initial_cost = s.final_cost = problem.evaluate(x, nullptr, &s.initial_terms, progress);
        s.final_terms = s.initial_terms;
        return s;
    }
    s.initial_cost = problem.evaluate(x, nullptr, &s.initial_terms, progress);
    const Objective f = [&](const Eigen::VectorXf& v, Eigen::VectorXf* g) {
        return problem.evaluate(v, g, nullptr, progress);
    };
    MinimizerSummary m;
    if (options.kind == ModelSolverKind::Lbfgs) {
        CorrectionPreconditioner built;
        if (!preconditioner && options.precondition) {
            built = build_preconditioner(problem, options.precondition_damping);
            preconditioner = &built;
        }
        InverseHessian h0;
        if (preconditioner)
            h0 = [&](const Eigen::VectorXf& in, Eigen::VectorXf* out) {
                preconditioner->apply(in, out);
            };
        m = minimize_lbfgs(f, h0, options.lbfgs, &x, progress);
    } else {
        Eigen::VectorXf step(x.size());
        for (const auto& b : problem.layout().blocks()) {
            const bool shape = b.field == CorrectionLayout::Field::IdentityShape ||
                               b.field == CorrectionLayout::Field::Shape;
            step.segment(b.offset, 3 * static_cast<Eigen::Index>(b.texels.size()))
                .setConstant(shape ? options.adam_shape_step : options.adam_albedo_step);
        }
        m = minimize_adam(f, step, options.adam, &x, progress);
    }
    s.termination = m.termination;
    s.message = m.message;
    s.iterations = m.iterations;
    s.evaluations = m.evaluations + 2;
    s.final_cost = problem.evaluate(x, nullptr, &s.final_terms, progress);
    s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return s;
}

}  // namespace likeness::fit
