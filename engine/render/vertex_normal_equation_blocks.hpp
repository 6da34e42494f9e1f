#pragma once
// The 3 by 3 diagonal blocks of J^T W J for the vertex positions: B_v = Σ_q w_q J_qv^T J_qv
// with J_qv = ∂Î(q)/∂X_v (model space), both paths included — through the barycentrics of the
// faces a vertex spans, and through the normals of every vertex whose one-ring it belongs to.
// A block-Jacobi preconditioner for conjugate-gradient Gauss–Newton over per-vertex unknowns
// (the identity correction Δ0^S of eq. 1), with J v and J^T u from colour_differential and
// scene_gradient.
#include <Eigen/Core>
#include <opencv2/core.hpp>
#include <vector>

namespace likeness::render {

struct Rendering;
struct Scene;

/// `weight`: CV_32F w_q ≥ 0 at the camera's size, or empty for the mask M. `blocks` is
/// resized to #V (zero for vertices no pixel sees).
void vertex_normal_equation_blocks(const Scene& scene, const Rendering& rendering,
                                   const cv::Mat& weight, std::vector<Eigen::Matrix3f>* blocks);

}  // namespace likeness::render
