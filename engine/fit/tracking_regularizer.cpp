#include "engine/fit/tracking_regularizer.hpp"

#include <algorithm>
#include <cmath>

namespace likeness::fit {

double weight_l1(const Eigen::VectorXf& w, Eigen::VectorXf* gradient) {
    if (gradient) *gradient = Eigen::VectorXf::Ones(w.size());
    return static_cast<double>(w.cwiseAbs().sum());
}

double lighting_regularizer(const core::ShLighting& lighting, double lambda_gamma,
                            LightingQuadratic* quadratic) {
    Eigen::Matrix<double, 27, 1> g;
    for (int i = 0; i < 27; ++i)
        g[i] = lighting.gamma[static_cast<size_t>(i)];
    Eigen::Matrix<double, 27, 1> chroma;  // γ − γ_mean
    for (int b = 0; b < 9; ++b) {
        const double mean = (g[b] + g[9 + b] + g[18 + b]) / 3.0;
        for (int c = 0; c < 3; ++c)
            chroma[9 * c + b] = g[9 * c + b] - mean;
    }
    const double n_chroma = chroma.norm(), n_all = g.norm();
    if (quadratic) {
        constexpr double kFloor = 1e-3;
        // P = I − (channel averaging) is the projection with P γ = γ − γ_mean.
        Eigen::Matrix<double, 27, 27> P = Eigen::Matrix<double, 27, 27>::Identity();
        for (int b = 0; b < 9; ++b)
            for (int c = 0; c < 3; ++c)
                for (int d = 0; d < 3; ++d)
                    P(9 * c + b, 9 * d + b) -= 1.0 / 3.0;
        quadratic->H =
            P / std::max(n_chroma, kFloor) +
            (lambda_gamma / std::max(n_all, kFloor)) * Eigen::Matrix<double, 27, 27>::Identity();
        quadratic->g.setZero();
        if (n_chroma > 0.0) quadratic->g += chroma / n_chroma;
        if (n_all > 0.0) quadratic->g += (lambda_gamma / n_all) * g;
    }
    return n_chroma + lambda_gamma * n_all;
}

}  // namespace likeness::fit
