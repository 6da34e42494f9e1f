// Similarity fitting, closest points and the non-rigid registration on synthetic meshes.
#include "engine/face/mesh_registration.hpp"

#include <gtest/gtest.h>

#include <Eigen/Geometry>

#include "engine/face/loop_subdivision.hpp"
#include "engine/face/template_error.hpp"

namespace likeness::face {
namespace {

// A bumpy open grid (n by n vertices, 10 cm square), a stand-in for a face patch.
core::Mesh bumpy_grid(int n) {
    core::Mesh m;
    m.V.resize(n * n, 3);
    for (int y = 0; y < n; ++y)
        for (int x = 0; x < n; ++x) {
            const float u = 10.f * x / (n - 1) - 5.f, v = 10.f * y / (n - 1) - 5.f;
            m.V.row(y * n + x) << u, v, 2.f * std::exp(-(u * u + v * v) / 8.f) + 0.2f * std::sin(u);
        }
    m.F.resize(2 * (n - 1) * (n - 1), 3);
    int f = 0;
    for (int y = 0; y + 1 < n; ++y)
        for (int x = 0; x + 1 < n; ++x) {
            const int a = y * n + x, b = a + 1, c = a + n, d = c + 1;
            m.F.row(f++) << a, b, d;
            m.F.row(f++) << a, d, c;
        }
    return m;
}

TEST(TemplateRegistration, SimilarityIsRecoveredExactly) {
    const core::Mesh m = bumpy_grid(8);
    Similarity truth;
    truth.scale = 1.3f;
    truth.R = Eigen::AngleAxisf(0.4f, Eigen::Vector3f(1, 2, 3).normalized()).toRotationMatrix();
    truth.t = {1, -2, 3};
    Eigen::MatrixX3f src = m.V, dst(m.V.rows(), 3);
    for (Eigen::Index v = 0; v < m.V.rows(); ++v)
        dst.row(v) = truth.apply(src.row(v).transpose());
    const Similarity s = fit_similarity(src, dst);
    EXPECT_NEAR(s.scale, 1.3f, 1e-4f);
    EXPECT_LT((s.R - truth.R).cwiseAbs().maxCoeff(), 1e-4f);
    EXPECT_LT((s.t - truth.t).norm(), 1e-3f);
    EXPECT_NEAR(s.R.determinant(), 1.f, 1e-5f);
}

TEST(TemplateRegistration, ClosestPointOnTriangleRegions) {
    const Eigen::Vector3f a(0, 0, 0), b(1, 0, 0), c(0, 1, 0);
    Eigen::Vector3f bary;
    EXPECT_TRUE(closest_point_on_triangle({0.2f, 0.2f, 5}, a, b, c, &bary)
                    .isApprox(Eigen::Vector3f(0.2f, 0.2f, 0)));
    EXPECT_NEAR(bary.sum(), 1.f, 1e-6f);
    EXPECT_TRUE(closest_point_on_triangle({-1, -1, 0}, a, b, c, &bary).isApprox(a));
    EXPECT_TRUE(closest_point_on_triangle({2, 2, 0}, a, b, c, &bary)
                    .isApprox(Eigen::Vector3f(0.5f, 0.5f, 0)));
}

TEST(TemplateRegistration, FitsADeformedSimilarCopy) {
    const core::Mesh source = bumpy_grid(15);
    // Target: a denser, moved, scaled and gently deformed copy of the same surface.
    core::Mesh target = loop_subdivide(bumpy_grid(15), 1, true).mesh;
    Similarity g;
    g.scale = 0.9f;
    g.R = Eigen::AngleAxisf(0.3f, Eigen::Vector3f::UnitY()).toRotationMatrix();
    g.t = {3, 1, -2};
    for (Eigen::Index v = 0; v < target.V.rows(); ++v) {
        Eigen::Vector3f p = target.V.row(v).transpose();
        p.z() += 0.3f * std::cos(0.5f * p.x());
        target.V.row(v) = g.apply(p).transpose();
    }
    // The first 225 target vertices are the source's (subdivision keeps coarse indices first).
    const std::vector<int> lm = {0, 14, 112, 210, 224, 60, 164};
    const RegistrationResult r = register_mesh(source, lm, target, lm);
    EXPECT_NEAR(r.similarity.scale, 0.9f, 0.05f);
    EXPECT_LT(r.landmark_rms_cm, 0.05f);
    EXPECT_LT(r.mean_surface_distance_cm, 0.05f);  // the deformation alone is ~0.3 cm
    EXPECT_GT(r.data_vertices, 200);
    EXPECT_LT(r.landmark_rms_cm, r.landmark_rms_rigid_cm + 1e-6f);
}

TEST(TemplateRegistration, RejectsMismatchedLandmarks) {
    const core::Mesh m = bumpy_grid(5);
    EXPECT_THROW(register_mesh(m, {0, 1, 2, 3}, m, {0, 1, 2}), TemplateError);
    EXPECT_THROW(register_mesh(m, {0, 1, 2, 99}, m, {0, 1, 2, 3}), TemplateError);
    RegistrationOptions bad;
    bad.max_distance_cm = -1.f;
    std::string why;
    EXPECT_FALSE(bad.is_valid(&why));
    EXPECT_FALSE(why.empty());
}

}  // namespace
}  // namespace likeness::face
