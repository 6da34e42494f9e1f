#pragma once
// p_n = (w_n, R_n, t_n, γ_n) of one frame (paper §3.3): the tracking parameters TrackNet
// regresses and our per-frame solver estimates. The weights pass through a sigmoid in the
// paper (eq. 8's L_reg^w "sigmoid activation at the output"); we store w itself, in [0, 1],
// and the solver chooses how to step (frame_tracker.hpp: WeightStep).
#include <Eigen/Core>

#include "engine/core/pose.hpp"
#include "engine/core/sh_lighting.hpp"

namespace likeness::fit {

struct FrameParameters {
    Eigen::VectorXf w;  ///< 52 blend-shape weights in [0, 1], ARKit order; w0 = 1 − Σ w
    core::Pose pose;    ///< R_cam_from_model (axis-angle) and t (cm), camera frame of camera.hpp
    core::ShLighting lighting = core::ShLighting::ambient(1.f);  ///< γ, 27, camera frame

    bool all_finite() const;
};

/// Neutral expression (w = 0), frontal pose at 60 cm, grey ambient light.
FrameParameters neutral_parameters(int shape_count);

/// σ(z) = 1 / (1 + e^−z) and its inverse on [ε, 1 − ε] (ε = kLogitEpsilon).
float sigmoid(float z);
float logit(float w);
constexpr float kLogitEpsilon = 1e-4f;

}  // namespace likeness::fit
