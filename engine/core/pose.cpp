#include "engine/core/pose.hpp"

#include <Eigen/Geometry>
#include <cmath>

namespace likeness::core {

Eigen::Matrix3f Pose::R_cam_from_model() const {
    const float angle = rotation.norm();
    if (angle < 1e-12f) return Eigen::Matrix3f::Identity();
    return Eigen::AngleAxisf(angle, rotation / angle).toRotationMatrix();
}

Eigen::Matrix3f skew(const Eigen::Vector3f& v) {
    Eigen::Matrix3f S;
    S << 0.f, -v.z(), v.y(), v.z(), 0.f, -v.x(), -v.y(), v.x(), 0.f;
    return S;
}

Eigen::Matrix3f so3_left_jacobian(const Eigen::Vector3f& axis_angle) {
    // J_l = I + (1 − cos θ)/θ² [ω]× + (θ − sin θ)/θ³ [ω]×² (e.g. Barfoot, State Estimation for
    // Robotics, eq. 7.79 in axis-angle form). Series below 1e-2 rad where both ratios cancel.
    const double theta = axis_angle.cast<double>().norm();
    double a, b;
    if (theta < 1e-2) {
        const double t2 = theta * theta;
        a = 0.5 - t2 / 24.0 + t2 * t2 / 720.0;
        b = 1.0 / 6.0 - t2 / 120.0 + t2 * t2 / 5040.0;
    } else {
        a = (1.0 - std::cos(theta)) / (theta * theta);
        b = (theta - std::sin(theta)) / (theta * theta * theta);
    }
    const Eigen::Matrix3f W = skew(axis_angle);
    return Eigen::Matrix3f::Identity() + static_cast<float>(a) * W + static_cast<float>(b) * W * W;
}

Eigen::Vector3f axis_angle_from_rotation(const Eigen::Matrix3f& R) {
    const Eigen::AngleAxisf aa(R);
    return aa.angle() * aa.axis();
}

}  // namespace likeness::core
