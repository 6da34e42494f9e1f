#include "engine/eval/synthetic_take.hpp"

#include <Eigen/Geometry>
#include <algorithm>
#include <cmath>

namespace likeness::eval {
namespace {

constexpr double kTwoPi = 6.283185307179586;

Eigen::Vector3f axis_angle_ypr(double yaw, double pitch, double roll) {
    const Eigen::Matrix3d R = (Eigen::AngleAxisd(yaw, Eigen::Vector3d::UnitY()) *
                               Eigen::AngleAxisd(pitch, Eigen::Vector3d::UnitX()) *
                               Eigen::AngleAxisd(roll, Eigen::Vector3d::UnitZ()))
                                  .toRotationMatrix();
    const Eigen::AngleAxisd aa(R);
    return (aa.angle() * aa.axis()).cast<float>();
}

}  // namespace

core::Take synthetic_take(const SyntheticTakeOptions& o) {
    core::Take take;
    take.name = "synthetic";
    take.fps = o.fps;
    const long long n = std::max(1LL, std::llround(o.seconds * o.fps));
    take.frames.resize(static_cast<size_t>(n));
    for (long long i = 0; i < n; ++i) {
        const double t = i / o.fps;
        core::TakeFrame& f = take.frames[static_cast<size_t>(i)];
        for (int k = 0; k < core::kTakeWeightCount; ++k)
            f.weights[static_cast<size_t>(k)] =
                static_cast<float>(0.5 - 0.5 * std::cos(kTwoPi * t / (1.0 + 0.13 * k)));
        f.head_rotation = axis_angle_ypr(0.35 * std::sin(0.9 * t), 0.15 * std::sin(1.3 * t),
                                         0.1 * std::sin(0.7 * t));
        f.head_translation_cm = Eigen::Vector3f(static_cast<float>(3 * std::sin(0.5 * t)),
                                                static_cast<float>(2 * std::sin(0.8 * t)),
                                                static_cast<float>(-60 + 5 * std::sin(0.3 * t)));
        f.has_eyes = o.eyes;
        if (o.eyes) {
            f.eye_rotation_left =
                axis_angle_ypr(0.3 * std::sin(1.7 * t), 0.2 * std::sin(2.3 * t), 0);
            f.eye_rotation_right = f.eye_rotation_left;
        }
        f.has_face =
            !(o.dropout_every > 0 && i % o.dropout_every >= o.dropout_every - o.dropout_length);
    }
    return take;
}

}  // namespace likeness::eval
