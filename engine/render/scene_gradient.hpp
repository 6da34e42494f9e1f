#pragma once
// Reverse mode through the renderer: J^T a for a per-pixel adjoint a = ∂L/∂Î, giving the
// gradient of any loss on the rendered image with respect to vertex positions (through
// barycentrics and normals), pose (axis-angle R, t), focal length, SH coefficients γ and the
// albedo texels. This is the J^T r a Gauss–Newton or gradient solver needs for the photometric
// terms (eq. 4 and its image-gradient variant) and the parsing term (eq. 5), in
// O(#V + #F + covered pixels) and without forming J.
#include <opencv2/core.hpp>
#include <vector>

#include "engine/core/mesh.hpp"
#include "engine/render/scene_parameters.hpp"

namespace likeness::render {

struct Rendering;

struct GradientRequest {
    bool vertices = true;  ///< SceneGradient::vertices
    bool albedo = false;   ///< SceneGradient::albedo (a full texture: only when solving for it)
};

struct SceneGradient {
    core::MatrixX3fR vertices;                ///< #V by 3, ∂L/∂X in model space (loss per cm)
    SceneVector scene = SceneVector::Zero();  ///< ∂L/∂(ω, t, focal_px, γ)
    cv::Mat albedo;  ///< CV_32FC3, size of the albedo texture: ∂L/∂texel (request.albedo)

    // Reused between calls (per-thread accumulators); not part of the result.
    std::vector<core::MatrixX3fR> position_bar, shading_bar;
    std::vector<float> pixel_scratch;
};

/// Gradient of a loss L on the rendered image, given a = ∂L/∂Î as a CV_32FC3 image of the
/// camera's size (zero where L does not look). Only covered pixels carry derivatives; the
/// visibility (which face a pixel sees) is held fixed. `scene` must be the one `rendering` was
/// made from.
void scene_gradient(const Scene& scene, const Rendering& rendering, const cv::Mat& pixel_adjoint,
                    const GradientRequest& request, SceneGradient* out);

}  // namespace likeness::render
