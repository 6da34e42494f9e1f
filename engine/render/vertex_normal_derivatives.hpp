#pragma once
// Derivatives of the area-weighted unit vertex normals n_v = m_v / |m_v|,
// m_v = Σ_{faces abc ∋ v} (X_b − X_a) × (X_c − X_a), with respect to the model-space positions
// X: how a vertex's shading changes when its one-ring moves ("through normals", issue 5).
#include "engine/core/mesh.hpp"
#include "engine/render/shaded_vertices.hpp"

namespace likeness::render {

/// Reverse mode: adds X̄ += (∂n/∂X)^T n̄ to `position_adjoint` (#V by 3, model space), for
/// `normal_adjoint` n̄ (#V by 3, adjoint of ShadedVertices::normal_model). X and F are the
/// geometry `vertices` was computed from.
void add_normal_adjoint(const core::MatrixX3fR& X, const core::MatrixX3iR& F,
                        const ShadedVertices& vertices, const core::MatrixX3fR& normal_adjoint,
                        core::MatrixX3fR* position_adjoint);

/// Forward mode: δn = (∂n/∂X) δX for a position change δX (#V by 3, model space); `dn` is
/// resized to #V by 3 (model space, per unit of δX).
void normal_differential(const core::MatrixX3fR& X, const core::MatrixX3iR& F,
                         const ShadedVertices& vertices, const core::MatrixX3fR& dX,
                         core::MatrixX3fR* dn);

}  // namespace likeness::render
