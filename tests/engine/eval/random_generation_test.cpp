// The random building blocks of the synthetic ground truth: reproducible streams, smooth local
// fields, lighting, expression trajectories and head motion. Properties, not golden numbers.
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "engine/core/primitive_meshes.hpp"
#include "engine/eval/expression_trajectory.hpp"
#include "engine/eval/head_motion.hpp"
#include "engine/eval/rng.hpp"
#include "engine/eval/smooth_field.hpp"
#include "engine/eval/synthetic_lighting.hpp"
#include "engine/face/arkit_names.hpp"
#include "engine/face/mirror_map.hpp"

namespace likeness::eval {
namespace {

std::vector<std::string> names() {
    const auto& a = face::arkit_names();
    return {a.begin(), a.end()};
}

TEST(EvalRng, SameSeedSameStreamAndForksAreIndependentOfDraws) {
    Rng a(42), b(42), c(43);
    for (int i = 0; i < 100; ++i) {
        const double x = a.normal();
        EXPECT_EQ(x, b.normal());
        (void)c;
    }
    EXPECT_NE(Rng(42).next(), Rng(43).next());
    Rng used(7);
    for (int i = 0; i < 10; ++i)
        used.next();
    EXPECT_EQ(used.fork(3).next(), Rng(7).fork(3).next()) << "forks depend only on the seed";
    EXPECT_NE(Rng(7).fork(3).next(), Rng(7).fork(4).next());
}

TEST(EvalRng, DistributionsHaveTheirMoments) {
    Rng rng(1);
    double sum = 0, sum2 = 0, usum = 0;
    const int n = 20000;
    for (int i = 0; i < n; ++i) {
        const double x = rng.normal();
        sum += x;
        sum2 += x * x;
        const double u = rng.uniform();
        ASSERT_GE(u, 0.0);
        ASSERT_LT(u, 1.0);
        usum += u;
        const int k = rng.below(5);
        ASSERT_GE(k, 0);
        ASSERT_LT(k, 5);
    }
    EXPECT_NEAR(sum / n, 0.0, 0.03);
    EXPECT_NEAR(sum2 / n, 1.0, 0.05);
    EXPECT_NEAR(usum / n, 0.5, 0.01);
    for (int i = 0; i < 1000; ++i)
        EXPECT_LE(std::abs(rng.clamped_normal(2.0)), 2.0);
}

TEST(EvalSmoothField, ZeroWeightGivesZeroAndBumpsStayLocal) {
    const core::Mesh grid = core::grid_mesh(40, 20.f);
    Rng rng(3);
    Eigen::VectorXf none = Eigen::VectorXf::Zero(grid.vertex_count());
    EXPECT_EQ(smooth_random_field(grid.V, none, {}, rng).norm(), 0.f);
    // One possible centre: the field lives within a few radii of it.
    Eigen::VectorXf one = none;
    const int centre = grid.vertex_count() / 2 + 20;
    one[centre] = 1.f;
    SmoothFieldOptions o;
    o.bumps = 3;
    o.min_radius_cm = o.max_radius_cm = 1.f;
    const core::MatrixX3fR f = smooth_random_field(grid.V, one, o, rng);
    EXPECT_GT(f.row(centre).norm(), 0.f);
    for (int v = 0; v < grid.vertex_count(); ++v)
        if ((grid.V.row(v) - grid.V.row(centre)).norm() > 4.5f) {
            EXPECT_EQ(f.row(v).norm(), 0.f);
        }
    // Smooth: one bump a·g changes by at most |a| · max|g'| · h = |a| h / (σ √e) between
    // vertices h apart, and |a| is the field's largest value.
    o.bumps = 1;
    const core::MatrixX3fR one_bump = smooth_random_field(grid.V, one, o, rng);
    const float peak = one_bump.rowwise().norm().maxCoeff();
    ASSERT_GT(peak, 0.f);
    for (Eigen::Index t = 0; t < grid.F.rows(); ++t)
        for (int k = 0; k < 3; ++k) {
            const int a = grid.F(t, k), b = grid.F(t, (k + 1) % 3);
            const float h = (grid.V.row(a) - grid.V.row(b)).norm();
            EXPECT_LE((one_bump.row(a) - one_bump.row(b)).norm(),
                      1.05f * peak * h / (o.min_radius_cm * std::sqrt(std::exp(1.f))) + 1e-6f);
        }
}

TEST(EvalSmoothField, FullSymmetryMirrorsTheField) {
    const core::Mesh grid = core::grid_mesh(30, 20.f);
    const std::vector<int> mirror = face::mirror_map(grid.V);
    Rng rng(5);
    const core::MatrixX3fR f = symmetrized(smooth_random_field(grid.V, {}, {}, rng), mirror, 1.f);
    for (int v = 0; v < grid.vertex_count(); ++v) {
        const int m = mirror[static_cast<size_t>(v)];
        EXPECT_NEAR(f(v, 0), -f(m, 0), 1e-5f);
        EXPECT_NEAR(f(v, 1), f(m, 1), 1e-5f);
        EXPECT_NEAR(f(v, 2), f(m, 2), 1e-5f);
    }
    EXPECT_NEAR(rms_length(f), std::sqrt(f.squaredNorm() / grid.vertex_count()), 1e-5f);
}

TEST(EvalLighting, MostlyMonochromaticAndNeverBlackOnTheFace) {
    Rng rng(11);
    for (int k = 0; k < 50; ++k) {
        const core::ShLighting L = random_lighting({}, rng);
        EXPECT_GT(min_front_shading(L), 0.1f);
        const Eigen::Vector3f s = L.shade(Eigen::Vector3f(0, 0, 1));
        EXPECT_LT(s.maxCoeff() / s.minCoeff(), 1.35f) << "tint stays mild";
        EXPECT_LT(s.maxCoeff(), 1.6f);
    }
    const core::ShLighting a = core::ShLighting::ambient(1.f), b = core::ShLighting::ambient(0.5f);
    EXPECT_NEAR(blend(a, b, 0.5f).shade(Eigen::Vector3f(0, 1, 0)).x(), 0.75f, 1e-5f);
}

TEST(EvalTrajectory, WeightsAreBoundedSmoothAndNeutralFramesAreExactlyZero) {
    Rng rng(2);
    const ExpressionTrajectory t = expression_trajectory(180, 30.0, names(), {}, rng);
    ASSERT_EQ(t.weights.size(), 180u);
    std::set<std::string> seen;
    for (size_t f = 0; f < t.weights.size(); ++f) {
        bool zero = true;
        for (float w : t.weights[f]) {
            EXPECT_GE(w, 0.f);
            EXPECT_LE(w, 1.f);
            zero = zero && w == 0.f;
        }
        EXPECT_EQ(zero, t.labels[f] == "neutral") << "frame " << f;
        seen.insert(t.labels[f]);
        if (f == 0) continue;
        for (size_t k = 0; k < t.weights[f].size(); ++k)
            EXPECT_LT(std::abs(t.weights[f][k] - t.weights[f - 1][k]), 0.65f)
                << "frame " << f << " (a blink closes in ~0.1 s)";
    }
    EXPECT_EQ(t.labels[0], "neutral") << "a sequence opens on a neutral face";
    for (const char* pose : {"blink", "smile", "jaw_open", "pucker"})
        EXPECT_TRUE(seen.count(pose)) << pose << " is always in the first events";
    Rng again(2);
    EXPECT_EQ(expression_trajectory(180, 30.0, names(), {}, again).weights, t.weights);
}

TEST(EvalHeadMotion, StaysWithinItsLimitsAroundTheCentre) {
    Rng rng(9);
    HeadMotionOptions o;
    const Eigen::Vector3f centre(0.f, 1.f, 2.f);
    const auto poses = head_motion(300, 30.0, centre, 50.f, o, rng);
    ASSERT_EQ(poses.size(), 300u);
    for (const core::Pose& p : poses) {
        EXPECT_LE(p.rotation.norm(), o.max_yaw + o.max_pitch + o.max_roll + 1e-4f);
        const Eigen::Vector3f c = p.to_camera(centre);
        EXPECT_LE(std::abs(c.x()), o.max_shift_cm + 1e-3f);
        EXPECT_LE(std::abs(c.z() + 50.f), o.max_depth_cm + 1e-3f);
    }
    const core::Pose p = pose_about_centre(0.2f, -0.1f, 0.05f, centre, Eigen::Vector3f(1, 2, -40));
    EXPECT_LT((p.to_camera(centre) - Eigen::Vector3f(1, 2, -40)).norm(), 1e-4f);
}

}  // namespace
}  // namespace likeness::eval
