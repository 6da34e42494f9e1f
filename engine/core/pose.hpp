#pragma once
// Rigid head pose (paper §3.3: S̃ = R S + t). The rotation is stored as an axis-angle vector
// rather than the paper's Euler angles: no gimbal lock, and its derivative has a closed form.
#include <Eigen/Core>

namespace likeness::core {

struct Pose {
    /// Axis-angle (rad): R_cam_from_model = exp([rotation]×), angle = |rotation| in [0, π].
    Eigen::Vector3f rotation = Eigen::Vector3f::Zero();
    /// Model origin in camera space (cm); a face in front of the camera has z < 0.
    Eigen::Vector3f translation_cm{0.f, 0.f, -60.f};

    Eigen::Matrix3f R_cam_from_model() const;
    /// p_cam = R_cam_from_model · p_model + translation_cm (cm).
    Eigen::Vector3f to_camera(const Eigen::Vector3f& p_model) const {
        return R_cam_from_model() * p_model + translation_cm;
    }
};

/// [v]×, the 3 by 3 matrix with [v]× w = v × w.
Eigen::Matrix3f skew(const Eigen::Vector3f& v);

/// Left Jacobian J_l of SO(3) at axis-angle ω: exp(ω + δ) ≈ exp([J_l(ω) δ]×) exp(ω) for small
/// δ. Hence d(R(ω) x)/dω = −[R(ω) x]× J_l(ω), the form every pose derivative here uses.
Eigen::Matrix3f so3_left_jacobian(const Eigen::Vector3f& axis_angle);

/// Rotation matrix → axis-angle with angle in [0, π] (the inverse of exp near the identity and
/// everywhere else up to the 2π ambiguity).
Eigen::Vector3f axis_angle_from_rotation(const Eigen::Matrix3f& R);

}  // namespace likeness::core
