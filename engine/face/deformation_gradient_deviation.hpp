#pragma once
// How much a corrected blend shape changes the template shape's local deformation: the
// per-triangle quantity whose square eq. 7 (blendshape gradient loss) sums,
//     d_t = ‖G_{S0 → (S0 + dS_corrected)} − G_{S0 → (S0 + dS_template)}‖_F
// with deformation gradients as in Sumner & Popović 2004 / Li et al. 2010: for a triangle
// (a, b, c) of a mesh X, V(X) = [x_b − x_a, x_c − x_a, n / √‖n‖], n = (x_b − x_a) × (x_c − x_a),
// and G_{S0 → X} = V(X) V(S0)⁻¹. Unitless; 0 where the correction only translates the triangle.
// The studio's blend-shape inspector shows it as a colour map ("what eq. 7 penalises").
#include <Eigen/Core>

#include "engine/core/mesh.hpp"

namespace likeness::face {

/// #F deviations d_t. S0: #V by 3 rest shape (cm); F: #F by 3 faces; dS_template and
/// dS_corrected: #V by 3 displacement fields S_i − S0 (cm) of the template and corrected shape.
/// Degenerate rest triangles get 0.
Eigen::VectorXf deformation_gradient_deviation(const core::MatrixX3fR& S0,
                                               const core::MatrixX3iR& F,
                                               const core::MatrixX3fR& dS_template,
                                               const core::MatrixX3fR& dS_corrected);

/// #V values: each vertex gets the mean of `per_face` (#F) over the faces around it (0 for a
/// vertex on no face), for drawing a per-triangle quantity as a smooth vertex colour map.
Eigen::VectorXf face_to_vertex_mean(const core::MatrixX3iR& F, const Eigen::VectorXf& per_face,
                                    int vertex_count);

}  // namespace likeness::face
