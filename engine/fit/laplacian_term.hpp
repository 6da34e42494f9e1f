#pragma once
// Eq. 6, shape deformation smoothness on the identity correction:
//     L_sd = (1 / |N|) Σ_v Σ_{u ∈ N(v)} ‖Δ0^S(v) − Δ0^S(u)‖²
// over the mesh's vertices v and their one-ring neighbours N(v), with Δ0^S(v) = F(Δ0^S) at v
// in millimetres. Normalised by the number |N| of (v, u) pairs: the supplement's λ balance
// losses that are means (eq. 4 is a per-pixel mean), and a plain sum over our 21K edges would
// outweigh every data term by five orders of magnitude and freeze the identity.
#include <Eigen/SparseCore>
#include <utility>
#include <vector>

#include "engine/core/mesh.hpp"

namespace likeness::fit {

class LaplacianTerm {
  public:
    LaplacianTerm() = default;
    /// The unique edges of the faces F (#F by 3).
    explicit LaplacianTerm(const core::MatrixX3iR& F);

    /// L_sd of per-vertex offsets `D` (#V by 3, cm); `gradient` (optional, #V by 3) receives
    /// ∂L/∂D per cm, added to what it holds (zero-initialised when its size differs).
    double value(const core::MatrixX3fR& D, core::MatrixX3fR* gradient = nullptr) const;

    /// #V: the diagonal of L_sd's Hessian per coordinate (per cm²), for preconditioning.
    Eigen::VectorXf hessian_diagonal(int vertex_count) const;

    int edge_count() const { return static_cast<int>(edges_.size()); }
    /// The unique edges (a < b).
    const std::vector<std::pair<int, int>>& edges() const { return edges_; }
    /// L_sd's Hessian per coordinate (#V square, per cm²): 400 (degree − adjacency) / |N|.
    Eigen::SparseMatrix<float> hessian(int vertex_count) const;

  private:
    std::vector<std::pair<int, int>> edges_;
};

}  // namespace likeness::fit
