#pragma once
// The landmark alignment term of eq. 3 (paper §3.4: "the l2 loss between the ground truth and
// predicted 68 2D facial landmarks"). We have FaceMesh's 468 points, and vertex i of the
// template is landmark i exactly, so the correspondence is fixed (no sliding contour):
//     L_lm = Σ_l ω_l ‖Φ(R X_l + t) − y_l‖² / Σ_l ω_l
// with distances in pixels of a 224×224 crop (the paper's crop; crop px × 224 / crop size),
// so λlm does not depend on the resolution we fit at.
//
// Group weights ω (documented choice; FaceMesh is least reliable on the silhouette, where its
// points are guesses of occluded surface, and most informative on lips and lids, which carry
// the expression): lips 2, eye lids 1.5, brows 1, nose 1, face contour 0.5, the other
// (cheek, forehead, chin surface) points 0.5.
#include <Eigen/Core>
#include <vector>

#include "engine/core/mesh.hpp"

namespace likeness::render {
struct ProjectedLandmarks;
struct NormalEquations;
}  // namespace likeness::render

namespace likeness::fit {

constexpr int kLandmarkCount = 468;
/// The paper's crop size, the unit of landmark distances.
constexpr float kReferenceCropPx = 224.f;

/// The 468 group weights ω described above.
const Eigen::VectorXf& landmark_weights();
/// Vertex indices 0..467 (landmark l is vertex l).
const std::vector<int>& landmark_vertices();

/// Per-landmark weights w_l such that ½ Σ_l w_l ‖p_l − y_l‖² (crop px) = scale · L_lm, for
/// render::landmark_normal_equations and render::add_landmark_vertex_gradient.
Eigen::VectorXf landmark_gn_weights(int crop_size, float scale);

/// L_lm of `projected` (crop px) against `targets_px` (#468 by 2, crop px). Points behind the
/// camera count with their distance to the target as if projected (they are never good).
double landmark_loss(const render::ProjectedLandmarks& projected,
                     const core::MatrixX2fR& targets_px, int crop_size);

}  // namespace likeness::fit
