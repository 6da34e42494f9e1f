#pragma once
// User-specific expression deviations: how this person's smile, blink or pucker differs from the
// template's. For each ARKit shape i the deviation is
//     D_i = (g_i − 1) dS_i + A_i ⊙ f_i        (and 0 wherever A_i = 0)
// with g_i a per-person intensity (some people smile wider) and f_i a smooth random field whose
// bumps sit where the template shape moves, masked by the shape's attention A_i (paper §3.2).
// D_i is exactly the corrective term A_i Δ_i^S of eq. 1, i.e. what personalization must recover:
// it is smooth, local and zero where the template shape does not move.
#include <vector>

#include "engine/core/mesh.hpp"
#include "engine/eval/rng.hpp"
#include "engine/face/template_rig.hpp"

namespace likeness::eval {

struct ExpressionDeviationOptions {
    /// Standard deviation of the intensity g_i around 1 (clamped at 2.5 sigma).
    float gain_sigma = 0.12f;
    /// Size of the field f_i relative to the shape's largest displacement max_v |dS_i(v)|: the
    /// standard deviation of each bump's vector components.
    float relative_amplitude = 0.18f;
    int bumps = 4;               ///< bumps per shape
    float min_radius_cm = 0.6f;  ///< bump radii: local, the size of a lip corner to a cheek
    float max_radius_cm = 1.6f;
    /// Shapes left as the template has them (no geometry to deviate in our template, or not
    /// person-specific): tongueOut by default.
    std::vector<std::string> unchanged{"tongueOut"};
};

/// 52 fields D_i, each #V by 3 (template model space, cm), in the rig's shape order.
std::vector<core::MatrixX3fR> expression_deviations(const face::TemplateRig& rig,
                                                    const ExpressionDeviationOptions& options,
                                                    Rng& rng);

}  // namespace likeness::eval
