#include "engine/render/landmark_projection.hpp"

#include <gtest/gtest.h>

#include <random>

#include "engine/render/photometric_normal_equations.hpp"
#include "engine/render/scene_parameters.hpp"
#include "tests/engine/render/reference_renderer.hpp"
#include "tests/engine/render/render_test_scenes.hpp"

namespace likeness::render {
namespace {

Eigen::Vector2d project_double(const Eigen::Vector3d& X, const Eigen::Vector3d& omega,
                               const Eigen::Vector3d& t, double f, double cx, double cy) {
    const Eigen::Vector3d P = test::rodrigues(omega) * X + t;
    return {cx + f * P.x() / -P.z(), cy - f * P.y() / -P.z()};
}

TEST(RenderLandmarks, ProjectionAndJacobiansMatchFiniteDifferences) {
    const core::Mesh face = test::bumpy_face(10, 14.f);
    const Scene scene = test::face_scene(&face, nullptr, 224, 224);
    const std::vector<int> ids = {0, 5, 17, 60, 61, 120};
    ProjectedLandmarks lm;
    project_landmarks(face.V, ids, scene.camera, scene.pose, true, &lm);
    const Eigen::Vector3d w = scene.pose.rotation.cast<double>(),
                          t = scene.pose.translation_cm.cast<double>();
    const double f = scene.camera.focal_px, cx = scene.camera.cx_px, cy = scene.camera.cy_px;
    double worst = 0.0;
    for (size_t l = 0; l < ids.size(); ++l) {
        const Eigen::Vector3d X = face.V.row(ids[l]).cast<double>();
        const Eigen::Vector2d p = project_double(X, w, t, f, cx, cy);
        EXPECT_LT(
            (p - lm.points_px.row(static_cast<Eigen::Index>(l)).transpose().cast<double>()).norm(),
            1e-3);
        const LandmarkJacobian& J = lm.jacobians[l];
        const double h = 1e-6;
        for (int a = 0; a < 3; ++a) {
            const Eigen::Vector3d e = Eigen::Vector3d::Unit(a) * h;
            const Eigen::Vector2d fx =
                (project_double(X + e, w, t, f, cx, cy) - project_double(X - e, w, t, f, cx, cy)) /
                (2 * h);
            const Eigen::Vector2d fw =
                (project_double(X, w + e, t, f, cx, cy) - project_double(X, w - e, t, f, cx, cy)) /
                (2 * h);
            const Eigen::Vector2d ft =
                (project_double(X, w, t + e, f, cx, cy) - project_double(X, w, t - e, f, cx, cy)) /
                (2 * h);
            worst = std::max(
                {worst, (fx - J.d_vertex.col(a).cast<double>()).norm() / fx.norm(),
                 (fw - J.d_scene.col(SceneParameter::kRotation + a).cast<double>()).norm() /
                     fw.norm(),
                 (ft - J.d_scene.col(SceneParameter::kTranslation + a).cast<double>()).norm() /
                     ft.norm()});
        }
        const Eigen::Vector2d ff = (project_double(X, w, t, f + 1e-3, cx, cy) -
                                    project_double(X, w, t, f - 1e-3, cx, cy)) /
                                   2e-3;
        worst = std::max(worst, (ff - J.d_scene.col(SceneParameter::kFocal).cast<double>()).norm() /
                                    std::max(ff.norm(), 1e-3));
    }
    std::printf("[ FD       ] %-28s max rel. error %.2e\n", "landmarks (vertex, pose, f)", worst);
    EXPECT_LT(worst, 1e-3);
}

TEST(RenderLandmarks, NormalEquationsAndVertexGradient) {
    const core::Mesh face = test::bumpy_face(10, 14.f);
    const Scene scene = test::face_scene(&face, nullptr, 224, 224);
    const std::vector<int> ids = {3, 40, 77, 100};
    ProjectedLandmarks lm;
    project_landmarks(face.V, ids, scene.camera, scene.pose, true, &lm);
    core::MatrixX2fR targets = lm.points_px;
    targets.array() += 1.5f;
    const Eigen::VectorXf weights = Eigen::Vector4f(1.f, 2.f, 0.5f, 1.f);
    std::vector<core::MatrixX3fR> basis(1, core::MatrixX3fR::Zero(face.V.rows(), 3));
    basis[0](40, 1) = 1.f;  // one vertex moves up
    NormalEquations ne;
    landmark_normal_equations(lm, targets, weights, basis, &ne);
    EXPECT_EQ(ne.pixels, 4);
    EXPECT_NEAR(ne.cost, 0.5 * (1 + 2 + 0.5 + 1) * 2 * 1.5 * 1.5, 1e-4);
    // The basis column is landmark 1's d_vertex column y, weighted 2.
    const Eigen::Vector2d col = lm.jacobians[1].d_vertex.col(1).cast<double>();
    EXPECT_NEAR(ne.JtWJ(SceneParameter::kCount, SceneParameter::kCount), 2 * col.squaredNorm(),
                1e-6 * col.squaredNorm());
    EXPECT_NEAR(ne.JtWr[SceneParameter::kCount], 2 * col.sum() * -1.5, 1e-4);
    EXPECT_EQ(ne.JtWJ.block(SceneParameter::kLighting, 0, 27, 34).norm(), 0.0);
    core::MatrixX3fR g = core::MatrixX3fR::Zero(face.V.rows(), 3);
    add_landmark_vertex_gradient(lm, targets, weights, &g);
    EXPECT_NEAR(g(40, 1), ne.JtWr[SceneParameter::kCount], 1e-4);
    EXPECT_EQ(g.row(0).norm(), 0.f);
}

TEST(RenderLandmarks, NormalEquationsEqualThePerLandmarkSums) {
    // H = Σ_l w_l J_lᵀ J_l and g = Σ_l w_l J_lᵀ r_l with J_l = [d_scene | 0 (γ) | d_vertex B_i],
    // summed landmark by landmark here; the implementation stacks the rows.
    const core::Mesh face = test::bumpy_face(10, 14.f);
    const Scene scene = test::face_scene(&face, nullptr, 224, 224);
    std::vector<int> ids;
    for (int v = 0; v < face.V.rows(); v += 7)
        ids.push_back(v);
    ProjectedLandmarks lm;
    project_landmarks(face.V, ids, scene.camera, scene.pose, true, &lm);
    const int L = static_cast<int>(ids.size()), K = 3;
    std::mt19937 rng(11);
    std::normal_distribution<float> n(0.f, 1.f);
    core::MatrixX2fR targets = lm.points_px;
    for (Eigen::Index i = 0; i < targets.size(); ++i)
        targets.data()[i] += 2.f * n(rng);
    Eigen::VectorXf weights(L);
    for (int l = 0; l < L; ++l)
        weights[l] = l % 5 == 0 ? 0.f : 0.5f + std::abs(n(rng));
    std::vector<core::MatrixX3fR> basis(K, core::MatrixX3fR(face.V.rows(), 3));
    for (auto& b : basis)
        for (Eigen::Index i = 0; i < b.size(); ++i)
            b.data()[i] = n(rng);
    NormalEquations ne;
    landmark_normal_equations(lm, targets, weights, basis, &ne);
    const int cols = SceneParameter::kCount + K;
    Eigen::MatrixXd H = Eigen::MatrixXd::Zero(cols, cols);
    Eigen::VectorXd g = Eigen::VectorXd::Zero(cols);
    for (int l = 0; l < L; ++l) {
        Eigen::MatrixXd J = Eigen::MatrixXd::Zero(2, cols);
        J.leftCols<7>() = lm.jacobians[static_cast<size_t>(l)].d_scene.cast<double>();
        for (int i = 0; i < K; ++i)
            J.col(SceneParameter::kCount + i) =
                (lm.jacobians[static_cast<size_t>(l)].d_vertex *
                 basis[static_cast<size_t>(i)].row(ids[static_cast<size_t>(l)]).transpose())
                    .cast<double>();
        const Eigen::Vector2d r = (lm.points_px.row(l) - targets.row(l)).transpose().cast<double>();
        H += weights[l] * J.transpose() * J;
        g += weights[l] * J.transpose() * r;
    }
    // The Jacobian's basis columns are float products (d_vertex B_i): equal to float precision.
    EXPECT_LE((ne.JtWJ - H).cwiseAbs().maxCoeff(), 1e-6 * H.cwiseAbs().maxCoeff());
    EXPECT_LE((ne.JtWr - g).cwiseAbs().maxCoeff(), 1e-6 * g.cwiseAbs().maxCoeff());
    EXPECT_EQ(ne.pixels, L - (L + 4) / 5);
}

TEST(RenderLandmarks, PointsBehindTheCameraAreSkipped) {
    const core::Mesh face = test::bumpy_face(4, 14.f);
    core::Pose pose;
    pose.translation_cm = Eigen::Vector3f(0.f, 0.f, 30.f);
    ProjectedLandmarks lm;
    project_landmarks(face.V, {0, 1}, core::Camera::centered(64, 64, 100.f), pose, true, &lm);
    EXPECT_LT(lm.depth_cm.maxCoeff(), 0.f);
    NormalEquations ne;
    landmark_normal_equations(lm, lm.points_px, Eigen::VectorXf(), {}, &ne);
    EXPECT_EQ(ne.pixels, 0);
    EXPECT_EQ(ne.JtWJ.norm(), 0.0);
}

}  // namespace
}  // namespace likeness::render
