#pragma once
// An ICT-FaceKit prior on our topology: the builtin template's mesh, UVs and maps with ICT's
// neutral face and ICT's artist-made ARKit expressions (ICT-FaceKit, MIT; a folder the user
// points at, never shipped).
//
// The engine relies on our topology (vertex i < 468 is FaceMesh landmark i; attention masks,
// parsing map and albedo live in our UV layout), so ICT's mesh is never used directly:
//   1. the builtin neutral is registered onto ICT's neutral face area (68-landmark similarity,
//      then non-rigid refinement: face::register_mesh, as the ICT yardstick does);
//   2. every registered vertex takes its closest point on ICT's skin (face + head and neck),
//      preferring triangles facing its way (lips that touch stay apart): a triangle and
//      barycentric weights;
//   3. S0 = ICT's neutral at those points, dS_i = ICT's expression i minus ICT's neutral at those
//      points (ARKit names mapped as face::ict_shape_files does: browInnerUp and cheekPuff are
//      the sum of ICT's _L and _R halves). Shapes ICT lacks (tongueOut) keep the builtin delta.
//   4. Both are brought back into the builtin's model frame by the inverse of the registration's
//      similarity (rotation, translation and scale): ICT's face shape with our axes, origin and
//      size (cm), so the tracker's pose priors and the synthetic subjects
//      (eval/ict_identity.hpp uses the same convention) apply unchanged.
// Attention masks A_i are recomputed from the new deltas; the parsing map, UVs, mean albedo,
// mouth cap, iBUG-68 indices and the mirror map are the builtin's (same topology).
#include <string>
#include <vector>

#include "engine/core/progress.hpp"
#include "engine/face/mesh_registration.hpp"
#include "engine/face/template_rig.hpp"

namespace likeness::face {

struct IctTemplateOptions {
    RegistrationOptions registration;
    /// Registered vertices farther than this from ICT's skin keep their registered position and
    /// get zero ICT motion (none in practice: the registration ends within a millimetre).
    float max_distance_cm = 3.f;
    /// A vertex prefers ICT triangles whose normal is within acos(0.2) of its own ...
    float min_normal_dot = 0.2f;
    /// ... when such a point is at most this much farther than the nearest point (cm).
    float facing_slack_cm = 0.1f;
    float attention_threshold_cm = 0.01f;  ///< see AttentionMaskOptions::threshold_cm
    float attention_blur_texels = 1.0f;    ///< see AttentionMaskOptions::blur_sigma_texels

    /// False (with a reason) when a field is out of range.
    bool is_valid(std::string* error) const;
};

struct IctTemplateSummary {
    float scale = 1.f;                     ///< registration similarity scale, builtin -> ICT
    float landmark_rms_cm = 0.f;           ///< 68-landmark RMS after the registration (ICT frame)
    float mean_surface_distance_cm = 0.f;  ///< registered skin vertices to ICT's skin, ICT frame
    float max_surface_distance_cm = 0.f;   ///< ... the largest
    int skin_vertices = 0;                 ///< vertices on a skin triangle (those measured)
    int unmatched_vertices = 0;            ///< vertices with no ICT point within reach
    std::vector<std::string> ict_shapes;   ///< ARKit names whose delta came from ICT
    std::vector<std::string> builtin_shapes;  ///< ARKit names ICT lacks: builtin delta kept
};

/// The builtin rig with ICT-FaceKit's neutral and expressions (see above). `ict_folder` holds
/// generic_neutral_mesh.obj, vertex_indices.json and one <shape>.obj per expression. Throws
/// TemplateError naming the folder or file when it is missing or malformed, core::Cancelled
/// when progress asks to stop. `summary` (optional) receives the registration's figures.
TemplateRig ict_template_rig(const TemplateRig& builtin, const std::string& ict_folder,
                             const IctTemplateOptions& options = {},
                             IctTemplateSummary* summary = nullptr,
                             const core::Progress& progress = {});

}  // namespace likeness::face
