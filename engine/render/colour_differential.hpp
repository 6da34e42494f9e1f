#pragma once
// Forward mode through the renderer: the change δÎ = J δθ of every covered pixel's colour for a
// change δθ of vertex positions, scene parameters (ω, t, focal, γ) and albedo texels. With
// scene_gradient (J^T a) it gives the matrix-free products J v and J^T u that conjugate-gradient
// Gauss–Newton needs when the unknowns are per-vertex (#V·3) or per-texel, where J^T J is too
// large to form.
#include <opencv2/core.hpp>

#include "engine/core/mesh.hpp"
#include "engine/render/scene_parameters.hpp"

namespace likeness::render {

struct Rendering;

struct SceneDirection {
    /// #V by 3 model-space position change (cm), or null for none.
    const core::MatrixX3fR* vertices = nullptr;
    SceneVector scene = SceneVector::Zero();  ///< change of (ω, t, focal_px, γ)
    /// CV_32FC3 texel change of the albedo texture's size, or null for none.
    const cv::Mat* albedo = nullptr;
};

/// δÎ for `direction`, a CV_32FC3 image of the camera's size (0 where uncovered). Visibility
/// is held fixed, as in scene_gradient.
void colour_differential(const Scene& scene, const Rendering& rendering,
                         const SceneDirection& direction, cv::Mat* colour_change);

}  // namespace likeness::render
