#pragma once
// The per-frame ground truth of a synthetic sequence: expression weights, head pose and SH
// lighting of every frame, the camera, and the projected landmarks. Planning is separate from
// rendering (sequence_renderer.hpp) so that the truth is known, cheap and exact before a pixel is
// drawn, and so a frame can be rendered alone.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/core/camera.hpp"
#include "engine/core/pose.hpp"
#include "engine/core/sh_lighting.hpp"
#include "engine/core/take.hpp"
#include "engine/eval/expression_trajectory.hpp"
#include "engine/eval/head_motion.hpp"
#include "engine/eval/synthetic_lighting.hpp"
#include "engine/eval/synthetic_subject.hpp"

namespace likeness::eval {

struct SequenceOptions {
    int frames = 90;
    double fps = 30.0;
    int width = 640;
    int height = 480;
    float focal_scale = 1.0f;  ///< focal length in px = focal_scale · width (about 53° across)
    /// The neutral face's height (forehead to chin) as a fraction of the frame height, drawn
    /// within ±15 % of this per sequence; sets the distance to the camera.
    float face_height_fraction = 0.45f;
    HeadMotionOptions head;
    ExpressionTrajectoryOptions expression;
    LightingOptions lighting;
    /// The lighting moves smoothly from one random lighting towards a second one over the
    /// sequence (a cloud, a person turning towards a window); false: one lighting throughout.
    bool lighting_drift = true;

    bool is_valid(std::string* error) const;
};

struct GroundTruthFrame {
    int index = 0;
    std::string label;  ///< "neutral" (w = 0) or the expression event, expression_trajectory.hpp
    std::array<float, core::kTakeWeightCount> w{};  ///< ARKit order
    core::Pose pose;                                ///< model -> camera (cm)
    core::ShLighting lighting;                      ///< 27 γ, camera frame
    core::MatrixX2fR landmarks468;  ///< 468 by 2 image px: projected vertices 0..467
    Eigen::VectorXf depth468;       ///< 468 depths (cm) along the optical axis

    bool neutral() const;  ///< every weight is 0
};

struct GroundTruthSequence {
    std::uint64_t seed = 0;
    core::Camera camera;  ///< principal point at the image centre
    double fps = 30.0;
    std::vector<GroundTruthFrame> frames;

    /// The truth as a take (w, R, t per frame; every frame has a face).
    core::Take take(const std::string& name = "ground_truth") const;
};

/// Plans `options.frames` frames for `subject`. Expression, motion, lighting and framing draw
/// from separate streams of `seed`. Throws std::invalid_argument for invalid options.
GroundTruthSequence plan_sequence(const SyntheticSubject& subject, const SequenceOptions& options,
                                  std::uint64_t seed);

}  // namespace likeness::eval
