#pragma once
// The semantic yardstick: how closely each procedural template shape moves the face like the
// artist-made shape of the same name in ICT-FaceKit (MIT; optional test data, never shipped).
#include <string>
#include <vector>

#include "engine/core/mesh.hpp"
#include "engine/core/progress.hpp"
#include "engine/face/closest_point.hpp"
#include "engine/face/mesh_registration.hpp"
#include "engine/face/template_rig.hpp"

namespace likeness::face {

/// ICT-FaceKit's neutral head (cm) with the 68 iBUG landmark vertices and the face area.
struct IctFace {
    std::string folder;
    core::Mesh neutral;             ///< generic_neutral_mesh.obj, file vertex order
    std::vector<int> landmarks;     ///< 68 vertex indices, iBUG order (vertex_indices.json)
    int face_area_vertices = 9409;  ///< vertices 0..9408 are the full face area (ICT README)
    /// Vertices 0..11247 are the face, head and neck (ICT README); the rest are sockets, teeth,
    /// eyeballs and lashes, which never correspond to skin.
    int skin_vertices = 11248;

    /// Per triangle of `neutral`: true when all its vertices are below `vertex_end` (e.g.
    /// face_area_vertices, skin_vertices) — the triangle masks registration and closest-point
    /// queries take.
    std::vector<bool> triangles_below(int vertex_end) const;
};

/// A per-vertex field of ICT's mesh (#V_ict by 3, ICT's frame), sampled at the registered
/// vertices' corresponding points `hits` (triangles of `reg`'s target, ICT) and brought back
/// into the registered mesh's own frame by the inverse of reg.similarity: positions
/// x -> Rᵀ(x − t)/s, displacements d -> Rᵀd/s. A vertex without a point keeps its registered
/// position (positions) or gets zero (displacements). #hits by 3.
core::MatrixX3fR sample_ict_field(const core::MatrixX3fR& field, const core::MatrixX3iR& ict_F,
                                  const std::vector<SurfacePoint>& hits,
                                  const RegistrationResult& reg, bool is_position);

/// Reads generic_neutral_mesh.obj and vertex_indices.json from `folder`. Throws TemplateError.
IctFace read_ict_face(const std::string& folder);

/// ICT's file stems for an ARKit name: eyeBlinkLeft -> {eyeBlink_L}; browInnerUp and cheekPuff
/// -> {.._L, .._R} (their sum); tongueOut -> {} (ICT has none).
std::vector<std::string> ict_shape_files(const std::string& arkit_name);

struct ShapeSimilarity {
    std::string name;              ///< ARKit name
    bool compared = false;         ///< false when ICT has no such shape
    double cosine = 0.0;           ///< cosine of the two displacement fields over ICT's face area
    double template_max_cm = 0.0;  ///< largest transferred template displacement
    double ict_max_cm = 0.0;       ///< largest ICT displacement on the face area
};

struct IctComparison {
    std::vector<ShapeSimilarity> shapes;  ///< one per template shape, template order
    int compared = 0;
    double mean_cosine = 0.0;  ///< over compared shapes
    double min_cosine = 0.0;
    std::string weakest;              ///< name of the shape with min_cosine
    RegistrationResult registration;  ///< template -> ICT neutral
};

/// Registers rig.neutral onto ICT's neutral (68 landmarks, then non-rigid), maps every ICT
/// face-area vertex to its closest point on the registered template, carries each template
/// displacement there (rotated and scaled by the registration's similarity) and compares it
/// with ICT's artist displacement. Throws TemplateError when the folder is incomplete.
IctComparison compare_with_ict(const TemplateRig& rig, const std::string& ict_folder,
                               const RegistrationOptions& options = {},
                               const core::Progress& progress = {});

}  // namespace likeness::face
