#include "engine/fit/lbfgs.hpp"

#include <chrono>
#include <cmath>
#include <deque>

namespace likeness::fit {
namespace {

double dot(const Eigen::VectorXf& a, const Eigen::VectorXf& b) {
    return a.cast<double>().dot(b.cast<double>());
}

}  // namespace

const char* to_string(SolverTermination t) {
    switch (t) {
        case SolverTermination::Converged:
            return "converged";
        case SolverTermination::MaxIterations:
            return "max_iterations";
        case SolverTermination::LineSearchFailed:
            return "line_search_failed";
        case SolverTermination::NonFinite:
            return "non_finite";
        case SolverTermination::Cancelled:
            return "cancelled";
    }
    return "?";
}

bool LbfgsOptions::is_valid(std::string* error) const {
    auto fail = [&](const char* why) {
        if (error) *error = why;
        return false;
    };
    if (memory < 1 || memory > 100) return fail("lbfgs memory must be in [1, 100]");
    if (max_iterations < 0) return fail("lbfgs max_iterations must be >= 0");
    if (!(relative_tolerance >= 0.0)) return fail("lbfgs relative_tolerance must be >= 0");
    if (max_backtracks < 1 || max_backtracks > 60) return fail("lbfgs max_backtracks in [1, 60]");
    if (!(armijo > 0.0 && armijo < 0.5)) return fail("lbfgs armijo must be in (0, 0.5)");
    return true;
}

MinimizerSummary minimize_lbfgs(const Objective& f, const InverseHessian& h0,
                                const LbfgsOptions& options, Eigen::VectorXf* x,
                                const core::Progress& progress, const IterationCallback& callback) {
    const auto start = std::chrono::steady_clock::now();
    MinimizerSummary s;
    auto finish = [&](SolverTermination t, const std::string& message) {
        s.termination = t;
        s.message = message;
        s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        return s;
    };
    Eigen::VectorXf g(x->size()), g_new(x->size()), d(x->size()), x_new(x->size());
    double fx = f(*x, &g);
    ++s.evaluations;
    s.initial_cost = s.final_cost = fx;
    if (!std::isfinite(fx) || !g.allFinite())
        return finish(SolverTermination::NonFinite, "non-finite cost or gradient at the start");
    std::deque<Eigen::VectorXf> S, Y;
    std::deque<double> rho;
    for (int it = 0; it < options.max_iterations; ++it) {
        progress.check();
        // Two-loop recursion: d = −H g.
        d = g;
        std::vector<double> alpha(S.size());
        for (int i = static_cast<int>(S.size()) - 1; i >= 0; --i) {
            alpha[static_cast<size_t>(i)] =
                rho[static_cast<size_t>(i)] * dot(S[static_cast<size_t>(i)], d);
            d -= static_cast<float>(alpha[static_cast<size_t>(i)]) * Y[static_cast<size_t>(i)];
        }
        if (h0) {
            h0(Eigen::VectorXf(d), &d);
            if (options.scale_h0 && !S.empty()) {
                Eigen::VectorXf hy;
                h0(Y.back(), &hy);
                const double yhy = dot(Y.back(), hy);
                if (yhy > 0.0) d *= static_cast<float>(dot(S.back(), Y.back()) / yhy);
            }
        } else if (!S.empty()) {
            d *= static_cast<float>(dot(S.back(), Y.back()) / dot(Y.back(), Y.back()));
        } else {
            const double gn = std::sqrt(dot(g, g));
            if (gn > 0.0) d *= static_cast<float>(1.0 / gn);  // first step of unit length
        }
        for (size_t i = 0; i < S.size(); ++i) {
            const double beta = rho[i] * dot(Y[i], d);
            d += static_cast<float>(alpha[i] - beta) * S[i];
        }
        d = -d;
        double slope = dot(g, d);
        if (!(slope < 0.0)) {  // not a descent direction: restart from the preconditioned gradient
            S.clear(), Y.clear(), rho.clear();
            if (h0)
                h0(g, &d);
            else
                d = g;
            d = -d;
            slope = dot(g, d);
            if (!(slope < 0.0)) return finish(SolverTermination::Converged, "zero gradient");
        }
        double step = 1.0, f_new = 0.0;
        bool found = false;
        for (int b = 0; b < options.max_backtracks; ++b) {
            x_new = *x + static_cast<float>(step) * d;
            f_new = f(x_new, &g_new);
            ++s.evaluations;
            if (std::isfinite(f_new) && g_new.allFinite() &&
                f_new <= fx + options.armijo * step * slope) {
                found = true;
                break;
            }
            step *= 0.5;
        }
        if (!found)
            return finish(SolverTermination::LineSearchFailed,
                          "no step along the search direction lowered the cost");
        ++s.iterations;
        const Eigen::VectorXf sk = x_new - *x, yk = g_new - g;
        const double sy = dot(sk, yk);
        if (sy > 1e-12 * std::sqrt(dot(sk, sk) * dot(yk, yk))) {
            S.push_back(sk), Y.push_back(yk), rho.push_back(1.0 / sy);
            if (static_cast<int>(S.size()) > options.memory)
                S.pop_front(), Y.pop_front(), rho.pop_front();
        }
        const double decrease = fx - f_new;
        x->swap(x_new);
        g.swap(g_new);
        fx = f_new;
        s.final_cost = fx;
        if (callback) callback(it, fx);
        if (decrease <= options.relative_tolerance * std::abs(fx))
            return finish(SolverTermination::Converged, "relative decrease below tolerance");
    }
    return finish(SolverTermination::MaxIterations, "iteration limit reached");
}

}  // namespace likeness::fit
