#pragma once
// Eq. 4, the l2,1 multi-image photometric consistency of one frame:
//     L_ph = Σ_q ‖M(q) ⊙ (I(q) − Î(q))‖₂ / Σ_q M(q)
// with M the renderer's mask (covered, not eyes or mouth interior: Rendering::mask). Colours
// in [0,1]. A frame's term is summed over frames by the caller (eq. 4's Σ_n).
#include <opencv2/core.hpp>

namespace likeness::render {
struct Rendering;
}

namespace likeness::fit {

/// Below this residual norm (colour units) IRLS weights stop growing: an l2,1 loss is not
/// differentiable at 0, and a pixel fit to within the image's quantisation is fit.
constexpr float kResidualFloor = 0.01f;

struct PixelLossOutputs {
    /// CV_32FC3 ∂(scale · L)/∂Î at the camera's size (0 where L does not look), or null.
    cv::Mat* adjoint = nullptr;
    /// CV_32F IRLS weight per pixel, scale / (Σ M · max(‖r_q‖, kResidualFloor)): the
    /// Gauss–Newton model ½ Σ_q weight_q ‖r_q + J_q δ‖² has the loss's gradient at δ = 0. Null
    /// for none.
    cv::Mat* irls_weight = nullptr;
};

/// L_ph of `rendering` against `target` (CV_32FC3, the camera's size). Returns L (not
/// multiplied by `scale`); 0 when the mask is empty. `pixels` (optional) receives Σ M.
double photometric_loss(const render::Rendering& rendering, const cv::Mat& target, float scale,
                        const PixelLossOutputs& outputs, int* pixels = nullptr);

}  // namespace likeness::fit
