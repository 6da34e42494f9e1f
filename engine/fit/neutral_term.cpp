#include "engine/fit/neutral_term.hpp"

#include <cassert>
#include <cmath>

namespace likeness::fit {

double neutral_loss(const std::vector<core::MatrixX3fR>& B, const Eigen::VectorXf& w,
                    NeutralQuadratic* quadratic, std::vector<core::MatrixX3fR>* delta_gradient) {
    const int K = static_cast<int>(B.size());
    assert(w.size() == K && K > 0);
    const Eigen::Index V = B[0].rows();
    core::MatrixX3fR delta = core::MatrixX3fR::Zero(V, 3);
    for (int i = 0; i < K; ++i)
        if (w[i] != 0.f) delta += w[i] * B[static_cast<size_t>(i)];
    constexpr double kMmPerCm2 = 100.0;  // (10 mm / cm)²
    const double scale = kMmPerCm2 / static_cast<double>(V);
    const double value = scale * static_cast<double>(delta.squaredNorm());
    if (quadratic) {
        quadratic->H.resize(K, K);
        quadratic->g.resize(K);
        for (int i = 0; i < K; ++i) {
            const auto& Bi = B[static_cast<size_t>(i)];
            quadratic->g[i] = 2.0 * scale * static_cast<double>(Bi.cwiseProduct(delta).sum());
            for (int j = 0; j <= i; ++j) {
                const double h =
                    2.0 * scale *
                    static_cast<double>(Bi.cwiseProduct(B[static_cast<size_t>(j)]).sum());
                quadratic->H(i, j) = h;
                quadratic->H(j, i) = h;
            }
        }
    }
    if (delta_gradient) {
        if (delta_gradient->empty())
            delta_gradient->assign(static_cast<size_t>(K), core::MatrixX3fR::Zero(V, 3));
        for (int i = 0; i < K; ++i)
            if (w[i] != 0.f)
                (*delta_gradient)[static_cast<size_t>(i)] +=
                    static_cast<float>(2.0 * scale * w[i]) * delta;
    }
    return value;
}

}  // namespace likeness::fit
