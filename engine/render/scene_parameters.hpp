#pragma once
// The 34 per-frame scene parameters that derivatives are taken against, in one fixed order:
// the head pose (paper §3.3: R as an axis-angle vector, t), the focal length and the 27 SH
// coefficients γ. Per-vertex positions and albedo texels are kept in their own arrays.
#include <Eigen/Core>

#include "engine/render/scene.hpp"

namespace likeness::render {

struct SceneParameter {
    static constexpr int kRotation = 0;     ///< ω (3): axis-angle of R_cam_from_model, rad
    static constexpr int kTranslation = 3;  ///< t (3): translation_cm, cm
    static constexpr int kFocal = 6;        ///< focal_px (1)
    static constexpr int kLighting = 7;     ///< γ (27), channel-major as core::ShLighting
    static constexpr int kCount = 34;
};

using SceneVector = Eigen::Matrix<double, SceneParameter::kCount, 1>;

/// The scene's 34 parameters, in SceneParameter order.
SceneVector scene_parameters(const Scene& scene);

/// Sets the scene's 34 parameters from `p` (SceneParameter order); a solver's step is
/// set_scene_parameters(scene, scene_parameters(scene) + delta).
void set_scene_parameters(const SceneVector& p, Scene* scene);

}  // namespace likeness::render
