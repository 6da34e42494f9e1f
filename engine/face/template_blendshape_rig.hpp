#pragma once
// The template as an exchange rig: what `likeness export template` writes and what a personal
// model falls back to before fitting. It lives in face/ (not core/) because core/ must not know
// the template.
#include "engine/core/blendshape_rig.hpp"
#include "engine/face/template_rig.hpp"

namespace likeness::face {

struct TemplateExportOptions {
    /// Also fill normal_deltas (n(S0 + dS_i) - n(S0), area-weighted normals): glTF exports them
    /// as NORMAL morph targets so shading follows a shape.
    bool normal_deltas = true;
};

/// A BlendshapeRig named "template" with S0 (UVs, area-weighted normals), the 52 ARKit shapes
/// dS_i in Apple's order and the mean albedo R0; no dynamic albedo (the template has none).
core::BlendshapeRig template_blendshape_rig(const TemplateRig& rig,
                                            const TemplateExportOptions& options = {});

}  // namespace likeness::face
