#pragma once
// What the studio shows at one moment: the expression w, head pose and SH lighting of a frame
// (paper §3.3: p_n = (w_n, R_n, t_n, γ_n)), from the tracked take or from defaults.
#include <Eigen/Core>
#include <QMetaType>
#include <array>

#include "engine/core/camera.hpp"
#include "engine/core/pose.hpp"
#include "engine/core/sh_lighting.hpp"

namespace likeness::ui {

struct FrameState {
    qint64 index = 0;
    Eigen::VectorXf w = Eigen::VectorXf::Zero(52);  ///< 52 ARKit weights in [0,1]
    core::Pose pose;                                ///< camera from model (camera.hpp frame)
    core::ShLighting lighting;                      ///< γ in the camera frame
    bool tracked = false;                           ///< the values come from a take (else defaults)
    bool has_face = true;                           ///< false: the take found no face in this frame
    /// The take's weights after the retarget controls (gain, offset, clamp, smoothing,
    /// intensity): what a driven character shows at this frame.
    std::array<float, 52> retargeted{};
    bool has_retargeted = false;
};

/// The camera the video was tracked with (camera.hpp: principal point at the image centre).
struct TrackedCamera {
    float focal_px = 0.f;  ///< 0: unknown
    int width = 0;         ///< of the tracked frames; 0: unknown
    int height = 0;
};

/// The camera for a width by height frame: the tracked focal length scaled to this size, or, when
/// unknown, a 50° horizontal field of view.
core::Camera frame_camera(const TrackedCamera& tracked, int width, int height);

/// The lighting shown before anything is tracked: soft ambient plus a key light from the upper
/// left of the camera, so shading reads as shape (γ of a directional light of radiance L in
/// direction d are L · Y_lm(d), RH01).
core::ShLighting default_lighting();

}  // namespace likeness::ui

Q_DECLARE_METATYPE(likeness::ui::FrameState)
