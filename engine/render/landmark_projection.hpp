#pragma once
// Projected landmarks Φ(R X_v + t) for a list of vertex indices (the 468 FaceMesh points, the
// 68 iBUG points of L_lm in eq. 3) and their derivatives with respect to the vertices, the pose
// and the focal length. With a few hundred points the 2-row Jacobians are small enough to keep.
#include <Eigen/Core>
#include <vector>

#include "engine/core/camera.hpp"
#include "engine/core/mesh.hpp"
#include "engine/core/pose.hpp"

namespace likeness::render {

struct NormalEquations;

struct LandmarkJacobian {
    Eigen::Matrix<float, 2, 3> d_vertex;  ///< ∂p/∂X_v, px per cm (model space)
    /// ∂p/∂(ω, t, focal_px): the first 7 SceneParameter columns (landmarks ignore γ).
    Eigen::Matrix<float, 2, 7> d_scene;
};

struct ProjectedLandmarks {
    std::vector<int> vertex;     ///< #L vertex indices
    core::MatrixX2fR points_px;  ///< #L by 2 image coordinates (camera.hpp)
    Eigen::VectorXf depth_cm;    ///< #L depth −z (≤ 0: behind the camera, not projectable)
    std::vector<LandmarkJacobian> jacobians;  ///< #L, when requested
};

/// Projects rows `vertex` of X (#V by 3, model space, cm) through `pose` and `camera`.
void project_landmarks(const core::MatrixX3fR& X, const std::vector<int>& vertex,
                       const core::Camera& camera, const core::Pose& pose, bool with_jacobians,
                       ProjectedLandmarks* out);

/// Gauss–Newton terms of ½ Σ_l w_l |p_l − target_l|² (the l2 landmark loss of eq. 3) in the
/// layout of photometric_normal_equations: 34 scene parameters (γ columns stay 0), then the K
/// `basis` directions (#V by 3 each). `landmarks` must carry jacobians. `weights`: #L or empty
/// for all 1. Points behind the camera are skipped.
void landmark_normal_equations(const ProjectedLandmarks& landmarks,
                               const core::MatrixX2fR& targets_px, const Eigen::VectorXf& weights,
                               const std::vector<core::MatrixX3fR>& basis, NormalEquations* out);

/// ∂(½ Σ w_l |p_l − target_l|²)/∂X added into `gradient` (#V by 3, model space), the
/// per-vertex J^T W r of the same loss; the matching J^T W J blocks are
/// w_l d_vertexᵀ d_vertex per landmark (exact: each landmark moves with one vertex).
void add_landmark_vertex_gradient(const ProjectedLandmarks& landmarks,
                                  const core::MatrixX2fR& targets_px,
                                  const Eigen::VectorXf& weights, core::MatrixX3fR* gradient);

}  // namespace likeness::render
