#include "engine/eval/head_motion.hpp"

#include <Eigen/Geometry>
#include <array>
#include <cmath>

namespace likeness::eval {
namespace {

/// A smooth path in [-limit, limit]: Σ_j a_j sin(2π f_j t + φ_j) / Σ_j |a_j| · limit.
class Wiggle {
  public:
    Wiggle(float limit, const HeadMotionOptions& o, Rng& rng) : limit_(limit) {
        for (auto& p : parts_) {
            p = {rng.uniform(0.3, 1.0), 6.283185307179586 * rng.uniform(o.min_hz, o.max_hz),
                 rng.uniform(0.0, 6.283185307179586)};
            total_ += p[0];
        }
    }
    float operator()(double t) const {
        double sum = 0.0;
        for (const auto& p : parts_)
            sum += p[0] * std::sin(p[1] * t + p[2]);
        return static_cast<float>(limit_ * sum / total_);
    }

  private:
    float limit_;
    std::array<std::array<double, 3>, 3> parts_{};  ///< amplitude, angular frequency, phase
    double total_ = 0.0;
};

}  // namespace

core::Pose pose_about_centre(float yaw, float pitch, float roll,
                             const Eigen::Vector3f& centre_model,
                             const Eigen::Vector3f& centre_cam) {
    const Eigen::Matrix3f R = (Eigen::AngleAxisf(yaw, Eigen::Vector3f::UnitY()) *
                               Eigen::AngleAxisf(pitch, Eigen::Vector3f::UnitX()) *
                               Eigen::AngleAxisf(roll, Eigen::Vector3f::UnitZ()))
                                  .toRotationMatrix();
    core::Pose pose;
    pose.rotation = core::axis_angle_from_rotation(R);
    pose.translation_cm = centre_cam - R * centre_model;
    return pose;
}

std::vector<core::Pose> head_motion(int frames, double fps, const Eigen::Vector3f& centre,
                                    float distance_cm, const HeadMotionOptions& o, Rng& rng) {
    const Wiggle yaw(o.max_yaw, o, rng), pitch(o.max_pitch, o, rng), roll(o.max_roll, o, rng);
    const Wiggle x(o.max_shift_cm, o, rng), y(o.max_shift_cm, o, rng), z(o.max_depth_cm, o, rng);
    std::vector<core::Pose> poses;
    poses.reserve(static_cast<size_t>(std::max(frames, 0)));
    for (int f = 0; f < frames; ++f) {
        const double t = f / fps;
        poses.push_back(pose_about_centre(yaw(t), pitch(t), roll(t), centre,
                                          Eigen::Vector3f(x(t), y(t), -distance_cm + z(t))));
    }
    return poses;
}

}  // namespace likeness::eval
