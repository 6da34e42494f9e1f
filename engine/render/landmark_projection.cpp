#include "engine/render/landmark_projection.hpp"

#include <cassert>
#include <cmath>

#include "engine/render/photometric_normal_equations.hpp"
#include "engine/render/scene_parameters.hpp"

namespace likeness::render {

void project_landmarks(const core::MatrixX3fR& X, const std::vector<int>& vertex,
                       const core::Camera& camera, const core::Pose& pose, bool with_jacobians,
                       ProjectedLandmarks* out) {
    assert(out);
    const int L = static_cast<int>(vertex.size());
    const Eigen::Matrix3f R = pose.R_cam_from_model();
    const Eigen::Matrix3f J_l = core::so3_left_jacobian(pose.rotation);
    out->vertex = vertex;
    out->points_px.resize(L, 2);
    out->depth_cm.resize(L);
    out->jacobians.resize(with_jacobians ? static_cast<size_t>(L) : 0);
    for (int l = 0; l < L; ++l) {
        const int v = vertex[static_cast<size_t>(l)];
        assert(v >= 0 && v < X.rows() && "landmark vertex index out of range");
        const Eigen::Vector3f RX = R * X.row(v).transpose();
        const Eigen::Vector3f P = RX + pose.translation_cm;
        out->depth_cm[l] = -P.z();
        const Eigen::Vector2f p = camera.project(P);
        out->points_px.row(l) = p.transpose();
        if (!with_jacobians) continue;
        LandmarkJacobian& J = out->jacobians[static_cast<size_t>(l)];
        const Eigen::Matrix<float, 2, 3> dp_dP = camera.projection_jacobian(P);
        J.d_vertex = dp_dP * R;
        J.d_scene.block<2, 3>(0, SceneParameter::kRotation) = -dp_dP * core::skew(RX) * J_l;
        J.d_scene.block<2, 3>(0, SceneParameter::kTranslation) = dp_dP;
        // x = cx + f X/d: ∂x/∂f = (x − cx) / f, likewise y.
        J.d_scene(0, SceneParameter::kFocal) = (p.x() - camera.cx_px) / camera.focal_px;
        J.d_scene(1, SceneParameter::kFocal) = (p.y() - camera.cy_px) / camera.focal_px;
    }
}

void landmark_normal_equations(const ProjectedLandmarks& landmarks,
                               const core::MatrixX2fR& targets_px, const Eigen::VectorXf& weights,
                               const std::vector<core::MatrixX3fR>& basis, NormalEquations* out) {
    const int L = static_cast<int>(landmarks.vertex.size());
    assert(out && static_cast<int>(landmarks.jacobians.size()) == L && targets_px.rows() == L);
    assert(weights.size() == 0 || weights.size() == L);
    const int K = static_cast<int>(basis.size());
    const int cols = SceneParameter::kCount + K;
    out->JtWJ.setZero(cols, cols);
    out->JtWr.setZero(cols);
    out->cost = 0.0;
    out->pixels = 0;
    // The rows √w_l J_l stacked over the landmarks, over the columns a landmark touches (ω, t,
    // focal, then the K directions; γ stays 0): one rank update instead of a 2-row product per
    // landmark (the same sums, in another order).
    constexpr int kScene = 7;
    const int n = kScene + K;
    Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> J(2 * L, n);
    Eigen::VectorXd r(2 * L);
    int rows = 0;
    for (int l = 0; l < L; ++l) {
        if (!(landmarks.depth_cm[l] > 0.f)) continue;
        const double w = weights.size() ? weights[l] : 1.0;
        if (!(w > 0.0)) continue;
        const double s = std::sqrt(w);
        const LandmarkJacobian& jl = landmarks.jacobians[static_cast<size_t>(l)];
        const int v = landmarks.vertex[static_cast<size_t>(l)];
        auto Jl = J.middleRows<2>(rows);
        Jl.leftCols<kScene>() = s * jl.d_scene.cast<double>();
        for (int i = 0; i < K; ++i)
            Jl.col(kScene + i) =
                s * (jl.d_vertex * basis[static_cast<size_t>(i)].row(v).transpose()).cast<double>();
        const Eigen::Vector2d rl =
            (landmarks.points_px.row(l) - targets_px.row(l)).transpose().cast<double>();
        r.segment<2>(rows) = s * rl;
        out->cost += 0.5 * w * rl.squaredNorm();
        ++out->pixels;
        rows += 2;
    }
    if (rows == 0) return;
    const auto Jr = J.topRows(rows);
    Eigen::MatrixXd H = Eigen::MatrixXd::Zero(n, n);
    H.selfadjointView<Eigen::Lower>().rankUpdate(Jr.transpose());
    H.triangularView<Eigen::StrictlyUpper>() = H.transpose();
    const Eigen::VectorXd g = Jr.transpose() * r.head(rows);
    out->JtWJ.topLeftCorner<kScene, kScene>() = H.topLeftCorner<kScene, kScene>();
    out->JtWJ.block(0, SceneParameter::kCount, kScene, K) = H.topRightCorner(kScene, K);
    out->JtWJ.block(SceneParameter::kCount, 0, K, kScene) = H.bottomLeftCorner(K, kScene);
    out->JtWJ.bottomRightCorner(K, K) = H.bottomRightCorner(K, K);
    out->JtWr.head<kScene>() = g.head<kScene>();
    out->JtWr.tail(K) = g.tail(K);
}

void add_landmark_vertex_gradient(const ProjectedLandmarks& landmarks,
                                  const core::MatrixX2fR& targets_px,
                                  const Eigen::VectorXf& weights, core::MatrixX3fR* gradient) {
    const int L = static_cast<int>(landmarks.vertex.size());
    assert(gradient && static_cast<int>(landmarks.jacobians.size()) == L);
    for (int l = 0; l < L; ++l) {
        if (!(landmarks.depth_cm[l] > 0.f)) continue;
        const float w = weights.size() ? weights[l] : 1.f;
        const Eigen::Vector2f r = (landmarks.points_px.row(l) - targets_px.row(l)).transpose();
        gradient->row(landmarks.vertex[static_cast<size_t>(l)]) +=
            w * (landmarks.jacobians[static_cast<size_t>(l)].d_vertex.transpose() * r).transpose();
    }
}

}  // namespace likeness::render
