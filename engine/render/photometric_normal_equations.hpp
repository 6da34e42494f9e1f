#pragma once
// Gauss–Newton normal equations of a weighted pixel residual r_q = Î(q) − I(q) over the 34
// scene parameters (ω, t, focal, γ) and, optionally, K linear vertex directions
// X = X0 + Σ_i θ_i B_i — e.g. the blend-shape deltas of eq. 1, so that a per-frame tracker
// solves for (R, t, γ, w) as in the paper's TrackNet parameters p_n (§3.3).
//
//     J^T W J δ = −J^T W r,   cost = ½ Σ_q w_q |r_q|²
//
// W holds one weight per pixel shared by its three channels: the IRLS weight 1 / |r_q| turns
// this into the l2,1 photometric loss of eq. 4. The (34 + K)² system is accumulated from
// chunks of rows with a rank update, never forming J for the whole image.
#include <Eigen/Core>
#include <opencv2/core.hpp>
#include <vector>

#include "engine/core/mesh.hpp"
#include "engine/render/scene_parameters.hpp"

namespace likeness::render {

struct Rendering;

struct NormalEquations {
    Eigen::MatrixXd JtWJ;  ///< (34 + K) square, symmetric; order SceneParameter, then basis
    Eigen::VectorXd JtWr;  ///< 34 + K
    double cost = 0.0;     ///< ½ Σ_q w_q |r_q|²
    int pixels = 0;        ///< covered pixels with w_q > 0
};

/// `residual`: CV_32FC3 r = Î − I at the camera's size. `weight`: CV_32F w_q ≥ 0, or empty for
/// Rendering::mask (1 inside M, 0 outside). Uncovered pixels never contribute (no visibility
/// derivative). `basis`: K directions, each #V by 3 model space (cm per unit θ_i), or empty.
void photometric_normal_equations(const Scene& scene, const Rendering& rendering,
                                  const cv::Mat& residual, const cv::Mat& weight,
                                  const std::vector<core::MatrixX3fR>& basis, NormalEquations* out);

}  // namespace likeness::render
