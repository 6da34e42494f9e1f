#pragma once
// Eq. 4's image-gradient variant (paper §3.4: "the image (spatial) gradient loss having the same
// expression as the photometric loss with the images replaced by their gradients"):
//     L_grad = Σ_q ‖g(q)‖₂ / Σ_q M(q),   g(q) = (∇x(Î − I)(q), ∇y(Î − I)(q)) ∈ R⁶
// with forward differences ∇x f(q) = f(q + x̂) − f(q), taken only where both pixels are in M.
#include <opencv2/core.hpp>

#include "engine/fit/photometric_term.hpp"

namespace likeness::render {
struct Rendering;
}

namespace likeness::fit {

/// L_grad of `rendering` against `target` (CV_32FC3). Outputs as photometric_loss; the IRLS
/// weight of pixel q applies to both its x and y differences.
double image_gradient_loss(const render::Rendering& rendering, const cv::Mat& target, float scale,
                           const PixelLossOutputs& outputs);

}  // namespace likeness::fit
