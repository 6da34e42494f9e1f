#pragma once
// Seed 003 eq. 11, the disentanglement loss on frames known to show a neutral face: the
// expression part of the reconstruction should vanish there,
//     L_dis = (1/V) Σ_v ‖δ(v)‖²,   δ = Σ_i w_i B_i   (mm², B_i the corrected deltas of eq. 1)
// so identity (Δ0^S) rather than expression explains the user's neutral shape.
#include <Eigen/Core>
#include <vector>

#include "engine/core/mesh.hpp"

namespace likeness::fit {

struct NeutralQuadratic {
    Eigen::MatrixXd H;  ///< K by K Gauss–Newton Hessian in w (exact: δ is linear in w)
    Eigen::VectorXd g;  ///< K, ∂L/∂w
};

/// L_dis for weights `w` (K) and deltas `B` (K of #V by 3, cm). `quadratic` (optional)
/// receives its w-derivatives; `delta_gradient` (optional, K of #V by 3) receives ∂L/∂B_i
/// (per cm), added to what it holds (resized to zero first when empty).
double neutral_loss(const std::vector<core::MatrixX3fR>& B, const Eigen::VectorXf& w,
                    NeutralQuadratic* quadratic = nullptr,
                    std::vector<core::MatrixX3fR>* delta_gradient = nullptr);

}  // namespace likeness::fit
