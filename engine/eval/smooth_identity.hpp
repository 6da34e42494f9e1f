#pragma once
// Synthetic identities on our own template, with no outside data: the neutral face S0 + Δ0 of a
// person who does not exist. Δ0 combines
//   - proportions: the face scaled about its centre, independently in width, height and depth
//     (faces differ most in these), and
//   - local shape: a mostly mirror-symmetric smooth random field (nose, cheeks, chin, brow...).
// Δ0 is exactly the identity correction of the paper's eq. 1, the first thing personalization
// must recover.
#include "engine/core/mesh.hpp"
#include "engine/eval/rng.hpp"
#include "engine/eval/smooth_field.hpp"
#include "engine/face/template_rig.hpp"

namespace likeness::eval {

struct SmoothIdentityOptions {
    /// Relative standard deviation of the width (x) and height (y) scale; depth (z) gets 1.5
    /// times as much (faces vary more in depth). Draws are clamped at 2.5 sigma.
    float proportion_sigma = 0.04f;
    /// The local field; its centres are uniform over the face.
    SmoothFieldOptions shape{16, 1.5f, 3.5f, 0.16f};
    /// 0: independent sides, 1: perfectly symmetric (faces are nearly symmetric).
    float symmetry = 0.85f;
};

/// Δ0: #V by 3 (template model space, cm). Deterministic for a given generator state.
core::MatrixX3fR smooth_identity(const face::TemplateRig& rig, const SmoothIdentityOptions& options,
                                 Rng& rng);

}  // namespace likeness::eval
