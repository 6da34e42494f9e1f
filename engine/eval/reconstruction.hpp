#pragma once
// A reconstruction to be scored: what the fitting engine (issue 7) produces, in exchange form.
// Eq. 1 and eq. 2 are linear in w, so a PersonalModel is exactly a core::BlendshapeRig:
//   neutral  = S0 + F(Δ0^S)               deltas[i] = (S_i − S0) + F(A_i Δ_i^S)
//   albedo   = R0^t + Δ0^R                dynamic_albedo[i] = A_i Δ_i^R (optional)
// and the tracking is a core::Take (w, R, t per frame) plus per-frame SH lighting γ.
//
// Plugging a Session in (once it exists): fill `model` from the PersonalModel's exchange rig
// (the same one exporters receive), `take` from the session's take, `lighting` from its
// per-frame γ and `focal_px` from its camera; `landmarks68` is face::ibug68_landmarks() for the
// template topology. Anything left empty is scored as "not available", never as zero.
#include <string>
#include <vector>

#include "engine/core/blendshape_rig.hpp"
#include "engine/core/sh_lighting.hpp"
#include "engine/core/take.hpp"
#include "engine/face/template_rig.hpp"

namespace likeness::eval {

struct Reconstruction {
    std::string name;  ///< shown in reports ("template", "final", a file name...)
    /// The personal model in its own model frame (cm). Shapes are matched to the take's ARKit
    /// weights by name; shapes the take does not name stay at 0.
    core::BlendshapeRig model;
    /// iBUG-68 vertex indices on model.neutral (iBUG order): anchors the 3D alignment and gives
    /// the projected landmarks of the NME. Required.
    std::vector<int> landmarks68;
    /// One frame per ground-truth frame (weights in ARKit order, face::arkit_names()); frames
    /// with has_face = false are "missed" (excluded from the per-frame scores and counted).
    core::Take take;
    /// Per-frame γ (one per take frame), or empty: no photometric error.
    std::vector<core::ShLighting> lighting;
    /// Focal length (px) the reconstruction renders with; 0: the ground truth's camera.
    float focal_px = 0.f;
};

/// The template as a reconstruction (no personalization) with the given take and lighting: the
/// reference "what the template alone can explain".
Reconstruction template_reconstruction(const face::TemplateRig& rig, const core::Take& take,
                                       const std::vector<core::ShLighting>& lighting = {});

/// The ground truth at another size: its model and its take's translations times `scale`, so
/// every frame projects exactly as the truth does (a face `scale` times as large, `scale` times
/// as far). What a perfect shape of the wrong size scores: the floor of the rigid 3D error for
/// a monocular method, which cannot observe size, whose prior has another size.
Reconstruction scaled_truth_reconstruction(const core::BlendshapeRig& truth,
                                           const std::vector<int>& landmarks68,
                                           const core::Take& take,
                                           const std::vector<core::ShLighting>& lighting,
                                           float scale);

/// model.shape_count() weights of take frame `frame`, mapped by name from the ARKit order.
std::vector<float> model_weights(const core::BlendshapeRig& model, const core::TakeFrame& frame);

}  // namespace likeness::eval
