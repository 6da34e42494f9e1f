#pragma once
// Eq. 5, the face parsing loss: L_pa = ‖I^pa − Î^pa‖₂, where Î^pa = R(S̃, n, T) renders the
// fixed UV parsing map T through the fitted mesh (unlit) and I^pa is the frame's parsing.
//
// Encoding. The renderer draws colour, so T becomes a three-channel code: red = lips (upper
// and lower), green = eyes, blue = brows; skin, nose and the rest are 0. Both the code
// texture and the frame's parsing are blurred (σ ≈ 1.5 px at 224²) so that the loss has a
// gradient near part outlines — the only place a label map has one. The nose is left out: the
// landmark polygons we parse with (the paper uses a parser [29]) give it no visible outline.
//
// Units: the norm is taken over the N covered pixels and divided by √N (a root-mean-square
// code difference), so it does not depend on the resolution we fit at and λpa = 50 weighs it
// against λph = 200 on per-pixel means as the paper's weights weigh their terms.
#include <opencv2/core.hpp>

#include "engine/core/mesh.hpp"
#include "engine/fit/photometric_term.hpp"

namespace likeness::render {
struct Rendering;
}

namespace likeness::fit {

/// The colour-coded, blurred T: CV_32FC3, `size` square, from a CV_8U face::ParsingLabel map.
cv::Mat parsing_code_texture(const cv::Mat& labels, int size);

/// I^pa for a crop: the landmark polygons of lips (outer minus inner contour), eyes (lid
/// rings) and brows in the same code, blurred; CV_32FC3, crop_size square. `landmarks_px`:
/// 468 by 2 crop px.
cv::Mat parsing_target(const core::MatrixX2fR& landmarks_px, int crop_size);

/// L_pa of an unlit rendering of the code texture against `target`, over covered pixels.
/// Outputs as photometric_loss (the IRLS weight is the same for every pixel: the l2 norm's).
double parsing_loss(const render::Rendering& rendering, const cv::Mat& target, float scale,
                    const PixelLossOutputs& outputs);

/// The pixels of an unlit rendering of `code` (the parsing_code_texture) whose Jacobian rows are
/// not zero: a pixel that reads only zero texels (skin away from the blurred part outlines, most
/// of the face) has ρ = 0 and ∂ρ/∂uv = 0, so its rows vanish and pixel_rows can skip it.
/// `select`: CV_8U, the rendering's size, 1 at those pixels.
void parsing_row_pixels(const render::Rendering& parse, const cv::Mat& code, cv::Mat* select);

}  // namespace likeness::fit
