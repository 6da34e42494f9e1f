#include "engine/core/pose.hpp"

#include <gtest/gtest.h>

#include <Eigen/Geometry>
#include <random>

namespace likeness::core {
namespace {

Eigen::Matrix3d exp_so3(const Eigen::Vector3d& w) {
    const double th = w.norm();
    if (th == 0.0) return Eigen::Matrix3d::Identity();
    return Eigen::AngleAxisd(th, w / th).toRotationMatrix();
}

TEST(Pose, IdentityRotationKeepsTheFaceFrontal) {
    Pose pose;
    const Eigen::Vector3f nose = pose.to_camera({0.f, 0.f, 10.f});
    EXPECT_FLOAT_EQ(nose.z(), pose.translation_cm.z() + 10.f);  // towards the camera
}

TEST(Pose, RotationDerivativeIsMinusSkewTimesLeftJacobian) {
    std::mt19937 rng(4);
    std::uniform_real_distribution<double> u(-1.5, 1.5);
    for (int trial = 0; trial < 20; ++trial) {
        const Eigen::Vector3d w(u(rng), u(rng), u(rng)), x(u(rng), u(rng), u(rng));
        const Eigen::Vector3f wf = w.cast<float>();
        const Eigen::Matrix3d analytic =
            (-skew((exp_so3(w) * x).cast<float>()) * so3_left_jacobian(wf)).cast<double>();
        for (int a = 0; a < 3; ++a) {
            const double h = 1e-6;
            Eigen::Vector3d wp = w, wm = w;
            wp[a] += h;
            wm[a] -= h;
            const Eigen::Vector3d fd = (exp_so3(wp) * x - exp_so3(wm) * x) / (2 * h);
            EXPECT_LT((fd - analytic.col(a)).norm(), 1e-5 * (1.0 + fd.norm()));
        }
    }
}

TEST(Pose, LeftJacobianIsSmoothThroughTheSeriesSwitch) {
    const Eigen::Vector3f axis = Eigen::Vector3f(1.f, 2.f, -1.f).normalized();
    const Eigen::Matrix3f below = so3_left_jacobian(0.0099f * axis);
    const Eigen::Matrix3f above = so3_left_jacobian(0.0101f * axis);
    EXPECT_LT((below - above).norm(), 1e-3f);
    EXPECT_TRUE(so3_left_jacobian(Eigen::Vector3f::Zero()).isIdentity());
}

TEST(Pose, AxisAngleRoundTrip) {
    Pose pose;
    pose.rotation = Eigen::Vector3f(0.3f, -1.1f, 0.7f);
    const Eigen::Vector3f back = axis_angle_from_rotation(pose.R_cam_from_model());
    EXPECT_LT((back - pose.rotation).norm(), 1e-5f);
}

}  // namespace
}  // namespace likeness::core
