#include "engine/core/camera.hpp"

#include <gtest/gtest.h>

#include <random>

namespace likeness::core {
namespace {

TEST(Camera, CenteredPutsTheOpticalAxisOnTheImageCentre) {
    const Camera c = Camera::centered(224, 100, 500.f);
    const Eigen::Vector2f p = c.project({0.f, 0.f, -30.f});
    EXPECT_FLOAT_EQ(p.x(), 111.5f);
    EXPECT_FLOAT_EQ(p.y(), 49.5f);
}

TEST(Camera, UpInCameraSpaceIsUpInTheImage) {
    const Camera c = Camera::centered(64, 64, 100.f);
    const Eigen::Vector2f centre = c.project({0.f, 0.f, -10.f});
    const Eigen::Vector2f up = c.project({0.f, 1.f, -10.f});
    const Eigen::Vector2f right = c.project({1.f, 0.f, -10.f});
    EXPECT_LT(up.y(), centre.y());
    EXPECT_GT(right.x(), centre.x());
}

TEST(Camera, ProjectUnprojectRoundTrip) {
    Camera c = Camera::centered(320, 240, 400.f);
    c.cx_px += 3.25f;
    std::mt19937 rng(1);
    std::uniform_real_distribution<float> px(-50.f, 350.f), depth(5.f, 200.f);
    for (int i = 0; i < 100; ++i) {
        const Eigen::Vector2f p(px(rng), px(rng));
        const float d = depth(rng);
        const Eigen::Vector3f P = c.unproject(p, d);
        EXPECT_NEAR(-P.z(), d, 1e-4f * d);
        EXPECT_LT((c.project(P) - p).norm(), 1e-3f);
    }
}

TEST(Camera, ProjectionJacobianMatchesFiniteDifferences) {
    const Camera c = Camera::centered(200, 200, 350.f);
    const Eigen::Vector3f P(3.f, -2.f, -25.f);
    const Eigen::Matrix<float, 2, 3> J = c.projection_jacobian(P);
    for (int a = 0; a < 3; ++a) {
        const double h = 1e-2;
        Eigen::Vector3f Pp = P, Pm = P;
        Pp[a] += static_cast<float>(h);
        Pm[a] -= static_cast<float>(h);
        const Eigen::Vector2f fd = (c.project(Pp) - c.project(Pm)) / static_cast<float>(2 * h);
        EXPECT_LT((fd - J.col(a)).norm(), 2e-3f * (1.f + J.col(a).norm())) << "axis " << a;
    }
}

}  // namespace
}  // namespace likeness::core
