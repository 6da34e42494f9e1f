#include "engine/core/take.hpp"

#include <Eigen/Geometry>
#include <algorithm>
#include <cassert>
#include <cmath>

namespace likeness::core {
namespace {

bool fail(std::string* error, const std::string& why) {
    if (error) *error = why;
    return false;
}

}  // namespace

bool Take::is_valid(std::string* error) const {
    if (!(fps > 0.0) || !std::isfinite(fps))
        return fail(error, "the frame rate must be positive (got " + std::to_string(fps) + ")");
    for (size_t f = 0; f < frames.size(); ++f) {
        const TakeFrame& fr = frames[f];
        const std::string where = "frame " + std::to_string(f) + ": ";
        for (int i = 0; i < kTakeWeightCount; ++i) {
            const float w = fr.weights[static_cast<size_t>(i)];
            if (!(w >= 0.f && w <= 1.f))
                return fail(error, where + "weight " + std::to_string(i) + " is " +
                                       std::to_string(w) + ", outside [0,1]");
        }
        if (!fr.head_rotation.allFinite() || !fr.head_translation_cm.allFinite())
            return fail(error, where + "the head pose is not finite");
        if (!fr.eye_rotation_left.allFinite() || !fr.eye_rotation_right.allFinite())
            return fail(error, where + "an eye rotation is not finite");
    }
    return true;
}

HeldFrames::HeldFrames(const Take& take) : source_(take.frames.size()), take_(take) {
    int first_face = -1;
    for (size_t i = 0; i < take.frames.size() && first_face < 0; ++i)
        if (take.frames[i].has_face) first_face = static_cast<int>(i);
    int last = first_face < 0 ? 0 : first_face;
    for (size_t i = 0; i < take.frames.size(); ++i) {
        if (take.frames[i].has_face) last = static_cast<int>(i);
        source_[i] = last;
    }
}

const TakeFrame& HeldFrames::operator[](int i) const {
    assert(i >= 0 && i < size() && "frame index out of range");
    return take_.frames[static_cast<size_t>(source_[static_cast<size_t>(i)])];
}

Eigen::Vector3f yaw_pitch_roll(const Eigen::Vector3f& axis_angle) {
    const float angle = axis_angle.norm();
    const Eigen::Matrix3f R = angle > 0.f
                                  ? Eigen::AngleAxisf(angle, axis_angle / angle).toRotationMatrix()
                                  : Eigen::Matrix3f::Identity();
    // R = Ry(a) Rx(b) Rz(c): R(1,2) = -sin b, R(0,2) = sin a cos b, R(2,2) = cos a cos b,
    // R(1,0) = cos b sin c, R(1,1) = cos b cos c.
    const float pitch = std::asin(std::clamp(-R(1, 2), -1.f, 1.f));
    float yaw, roll;
    if (std::abs(R(1, 2)) < 0.99999f) {
        yaw = std::atan2(R(0, 2), R(2, 2));
        roll = std::atan2(R(1, 0), R(1, 1));
    } else {  // gimbal lock: pitch = ±90°, put everything into yaw
        yaw = std::atan2(-R(2, 0), R(0, 0));
        roll = 0.f;
    }
    return {yaw, pitch, roll};
}

}  // namespace likeness::core
