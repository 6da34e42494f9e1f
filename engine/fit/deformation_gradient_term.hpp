#pragma once
// Eq. 7, the blendshape gradient loss: corrected shapes keep the template shapes' local
// deformation, so they keep their meaning for retargeting:
//     L_bg = Σ_i ‖G_{S0 → (S_i + Δ_i^S)} − G_{S0 → S_i}‖²
// with per-triangle deformation gradients as in Li et al. 2010 (and Sumner & Popović 2004): for
// a triangle (a, b, c) of a mesh X, V(X) = [x_b − x_a, x_c − x_a, n / √‖n‖], n = (x_b − x_a) ×
// (x_c − x_a), and G_{S0 → X} = V(X) V(S0)⁻¹. Per shape the squared Frobenius norms are averaged
// over the triangles (a per-triangle mean, as eq. 6 is a per-pair mean: see laplacian_term.hpp),
// then summed over the 52 shapes as eq. 7 sums over i; Δ_i^S here is the per-vertex
// F(A_i Δ_i^S) of eq. 1. Unitless.
#include <Eigen/SparseCore>
#include <vector>

#include "engine/core/mesh.hpp"

namespace likeness::fit {

class DeformationGradientTerm {
  public:
    DeformationGradientTerm() = default;
    /// Precomputes V(S0)⁻¹ for the faces F of the rest shape S0 (#V by 3, cm).
    DeformationGradientTerm(const core::MatrixX3fR& S0, const core::MatrixX3iR& F);

    /// The mean over triangles of ‖(V(S_i + D) − V(S_i)) V(S0)⁻¹‖²_F for one shape: S_i = S0 +
    /// template delta (#V by 3), D its correction (#V by 3, cm). Triangles whose corners have
    /// D = 0 contribute nothing and are skipped. `gradient` (optional) receives ∂L/∂D added to
    /// what it holds (zero-initialised when its size differs).
    double value(const core::MatrixX3fR& S_i, const core::MatrixX3fR& D,
                 core::MatrixX3fR* gradient = nullptr) const;

    /// #V: an estimate of the diagonal of L_bg's Hessian per coordinate (per cm²) at D = 0 of
    /// shape S_i — exact for the edge columns, the normal column's share approximated by its
    /// linearisation's scale — for preconditioning.
    Eigen::VectorXf hessian_diagonal(const core::MatrixX3fR& S_i) const;

    /// The Hessian of L_bg's edge columns per coordinate (#V square, exact for them; the normal
    /// column's share is left to hessian_diagonal), shared by all shapes: it depends on S0 only.
    Eigen::SparseMatrix<float> edge_hessian(int vertex_count) const;

  private:
    core::MatrixX3iR F_;
    std::vector<Eigen::Matrix3f> V0_inverse_;
};

}  // namespace likeness::fit
