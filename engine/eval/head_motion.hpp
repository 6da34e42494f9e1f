#pragma once
// Head motion for synthetic sequences: a smooth random path of the head's pose (turns, nods,
// tilts and small shifts), each angle a sum of three sinusoids with random frequencies and
// phases, scaled so it never exceeds its limit.
#include <vector>

#include "engine/core/pose.hpp"
#include "engine/eval/rng.hpp"

namespace likeness::eval {

struct HeadMotionOptions {
    float max_yaw = 0.35f;     ///< rad, turn left/right (about +y)
    float max_pitch = 0.2f;    ///< rad, nod (about +x)
    float max_roll = 0.12f;    ///< rad, tilt (about +z)
    float max_shift_cm = 2.f;  ///< sideways and vertical drift of the face centre
    float max_depth_cm = 3.f;  ///< towards/away from the camera
    float min_hz = 0.08f;      ///< frequencies of the sinusoids, drawn in [min_hz, max_hz]
    float max_hz = 0.5f;
};

/// `frames` poses at `fps`. Rotation R = Ry(yaw) Rx(pitch) Rz(roll) about the face centre
/// `centre_model` (model space, cm), which sits at (x, y, −distance_cm + z) in camera space.
std::vector<core::Pose> head_motion(int frames, double fps, const Eigen::Vector3f& centre_model,
                                    float distance_cm, const HeadMotionOptions& options, Rng& rng);

/// The pose that shows the face centre `centre_model` at camera point `centre_cam` with
/// rotation R = Ry(yaw) Rx(pitch) Rz(roll).
core::Pose pose_about_centre(float yaw, float pitch, float roll,
                             const Eigen::Vector3f& centre_model,
                             const Eigen::Vector3f& centre_cam);

}  // namespace likeness::eval
