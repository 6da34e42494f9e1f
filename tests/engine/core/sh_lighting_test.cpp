#include "engine/core/sh_lighting.hpp"

#include <gtest/gtest.h>

#include <Eigen/Geometry>
#include <random>

namespace likeness::core {
namespace {

Eigen::Vector3f random_unit(std::mt19937& rng) {
    std::normal_distribution<float> g(0.f, 1.f);
    return Eigen::Vector3f(g(rng), g(rng), g(rng)).normalized();
}

TEST(ShLighting, AmbientShadesEveryNormalEqually) {
    const ShLighting light = ShLighting::ambient(0.7f);
    std::mt19937 rng(2);
    for (int i = 0; i < 50; ++i)
        EXPECT_TRUE(light.shade(random_unit(rng)).isApproxToConstant(0.7f, 1e-6f));
}

TEST(ShLighting, BasisMatchesRamamoorthiHanrahanIrradiance) {
    // A directional-like light along +z: only L_00, L_10, L_20 set. RH01 eq. 13 gives
    // E(n) = c4 L00 + 2 c2 L10 z + c3 L20 z² − c5 L20 with c1..c5 = 0.429043, 0.511664,
    // 0.743125, 0.886227, 0.247708; shading = E / π.
    ShLighting light;
    const float L00 = 1.3f, L10 = 0.6f, L20 = -0.4f;
    light.gamma = {L00, 0.f, L10, 0.f, 0.f, 0.f, L20, 0.f, 0.f};
    std::mt19937 rng(5);
    for (int i = 0; i < 20; ++i) {
        const Eigen::Vector3f n = random_unit(rng);
        const double E = 0.886227 * L00 + 2 * 0.511664 * L10 * n.z() +
                         0.743125 * L20 * n.z() * n.z() - 0.247708 * L20;
        EXPECT_NEAR(light.shade(n)[0], E / 3.14159265358979, 1e-5);
    }
}

TEST(ShLighting, BasisJacobianMatchesFiniteDifferences) {
    std::mt19937 rng(3);
    for (int trial = 0; trial < 10; ++trial) {
        const Eigen::Vector3d n = random_unit(rng).cast<double>();
        double J[27];
        sh_basis_jacobian(n.x(), n.y(), n.z(), J);
        for (int a = 0; a < 3; ++a) {
            Eigen::Vector3d np = n, nm = n;
            np[a] += 1e-6;
            nm[a] -= 1e-6;
            double Hp[9], Hm[9];
            sh_basis(np.x(), np.y(), np.z(), Hp);
            sh_basis(nm.x(), nm.y(), nm.z(), Hm);
            for (int b = 0; b < 9; ++b)
                EXPECT_NEAR((Hp[b] - Hm[b]) / 2e-6, J[3 * b + a], 1e-7);
        }
    }
}

TEST(ShLighting, RotatingLightAndNormalsTogetherChangesNothing) {
    std::mt19937 rng(8);
    std::uniform_real_distribution<float> u(-1.f, 1.f);
    ShLighting light;
    for (float& g : light.gamma)
        g = u(rng);
    const Eigen::Matrix3f R =
        Eigen::AngleAxisf(1.1f, Eigen::Vector3f(0.3f, -0.8f, 0.5f).normalized()).toRotationMatrix();
    const ShLighting turned = rotated(light, R);
    for (int i = 0; i < 50; ++i) {
        const Eigen::Vector3f n = random_unit(rng);
        EXPECT_LT((turned.shade(R * n) - light.shade(n)).norm(), 1e-5f);
    }
    // Band 0 never moves.
    EXPECT_NEAR(turned.gamma[0], light.gamma[0], 1e-6f);
}

}  // namespace
}  // namespace likeness::core
