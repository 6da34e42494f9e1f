#pragma once
// Eq. 8, the tracking-parameter regularisation L_reg = L_reg^w + L_reg^γ:
//     L_reg^w = ‖w‖₁ = Σ_i w_i              (w ∈ [0,1]: sparse coefficients)
//     L_reg^γ = ‖γ − γ_mean‖₂ + λγ ‖γ‖₂     (mostly monochromatic, bounded light)
// γ_mean repeats, for each of the 9 SH bands, the mean of its three colour channels, so the
// first norm measures the light's colour. Both norms are used as they are (not squared); the
// solver's Gauss–Newton model uses their IRLS quadratic (weights 1/‖·‖, floored).
#include <Eigen/Core>

#include "engine/core/sh_lighting.hpp"

namespace likeness::fit {

/// L_reg^w; `gradient` (optional, #w) receives ∂L/∂w = 1.
double weight_l1(const Eigen::VectorXf& w, Eigen::VectorXf* gradient = nullptr);

struct LightingQuadratic {
    Eigen::Matrix<double, 27, 27> H;  ///< IRLS Hessian of L_reg^γ
    Eigen::Matrix<double, 27, 1> g;   ///< ∂L_reg^γ / ∂γ
};

/// L_reg^γ with λγ = `lambda_gamma`; `quadratic` (optional) receives its gradient and IRLS
/// Hessian in core::ShLighting's channel-major order.
double lighting_regularizer(const core::ShLighting& lighting, double lambda_gamma,
                            LightingQuadratic* quadratic = nullptr);

}  // namespace likeness::fit
