#include "engine/fit/adam.hpp"

#include <chrono>
#include <cmath>

namespace likeness::fit {

bool AdamOptions::is_valid(std::string* error) const {
    if (iterations < 0 || !(beta1 >= 0.0 && beta1 < 1.0) || !(beta2 >= 0.0 && beta2 < 1.0) ||
        !(epsilon > 0.0)) {
        if (error) *error = "adam: iterations >= 0, betas in [0, 1), epsilon > 0";
        return false;
    }
    return true;
}

MinimizerSummary minimize_adam(const Objective& f, const Eigen::VectorXf& step,
                               const AdamOptions& options, Eigen::VectorXf* x,
                               const core::Progress& progress, const IterationCallback& callback) {
    const auto start = std::chrono::steady_clock::now();
    MinimizerSummary s;
    Eigen::VectorXf g(x->size()), m = Eigen::VectorXf::Zero(x->size()),
                                  v = Eigen::VectorXf::Zero(x->size());
    Eigen::VectorXf best = *x;
    double best_cost = 0.0;
    s.termination = SolverTermination::MaxIterations;
    s.message = "iteration limit reached";
    for (int it = 0; it <= options.iterations; ++it) {
        progress.check();
        const double fx = f(*x, &g);
        ++s.evaluations;
        if (!std::isfinite(fx) || !g.allFinite()) {
            s.termination = SolverTermination::NonFinite;
            s.message = "non-finite cost or gradient at iteration " + std::to_string(it);
            break;
        }
        if (it == 0) s.initial_cost = best_cost = fx;
        if (fx < best_cost) best_cost = fx, best = *x;
        if (callback && it > 0) callback(it - 1, fx);
        if (it == options.iterations) break;
        const float b1 = static_cast<float>(options.beta1), b2 = static_cast<float>(options.beta2);
        m = b1 * m + (1.f - b1) * g;
        v = b2 * v + (1.f - b2) * g.cwiseAbs2();
        const float c1 = 1.f - std::pow(b1, static_cast<float>(it + 1));
        const float c2 = 1.f - std::pow(b2, static_cast<float>(it + 1));
        *x -= (step.array() * (m.array() / c1) /
               ((v.array() / c2).sqrt() + static_cast<float>(options.epsilon)))
                  .matrix();
        ++s.iterations;
    }
    *x = best;
    s.final_cost = best_cost;
    s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return s;
}

}  // namespace likeness::fit
