#pragma once
// Correspondence between the template's face and a character's mesh, the first half of
// deformation transfer (Sumner & Popović 2004, §4 "Correspondence"; the paper's [43]). Sumner
// and Popović fit the source onto the target with user markers and an iterated closest-point
// deformation, then pair triangles whose centroids are close and whose normals agree. Here the
// fit is our template registration (face::register_mesh: landmark similarity, then a membrane-
// regularised non-rigid closest-point refinement) started from landmark pairs.
//
// Character parts (connected components) without a landmark that are mostly unmatched
// (eyeballs, teeth, a separate scalp) are left out as a whole, so they stay rigid instead of
// picking up a nearby lid's deformation; mostly matched ones (eyelashes on the lids) follow.
#include <array>
#include <string>
#include <vector>

#include "engine/core/mesh.hpp"
#include "engine/core/progress.hpp"
#include "engine/face/closest_point.hpp"
#include "engine/face/mesh_registration.hpp"
#include "engine/retarget/landmark_pairs.hpp"
#include "engine/retarget/position_weld.hpp"

namespace likeness::retarget {

/// Distances are in template centimetres and scale with the character (by the landmark
/// similarity's scale), so a giant or a doll matches like a human-sized head.
struct CorrespondenceOptions {
    face::RegistrationOptions registration;  ///< template -> character fit
    /// A character triangle sample farther than this from the fitted template is unmatched,
    float max_distance_cm = 0.3f;
    /// ... and so is one whose normal differs more (cosine below this) from the template's.
    /// Few, sure pairs beat many loose ones: unmatched triangles follow their neighbours
    /// (DeformationTransferOptions::unmatched_weight). On ICT-FaceKit, 0.3 cm / 0.9 gives a
    /// mean cosine of 0.74 with ICT's own shapes, 0.6 cm / 0.5 gives 0.71.
    float min_normal_dot = 0.9f;
    /// A connected part of the character without landmarks takes part only when at least this
    /// fraction of its area is matched; otherwise all of it stays rigid.
    float min_part_fraction = 0.3f;

    bool is_valid(std::string* error) const;
};

/// Samples per character triangle: the centroid and the centroids of its three corner
/// sub-triangles, so that a large character triangle averages the template triangles it covers.
constexpr int kSamplesPerTriangle = 4;

struct FaceCorrespondence {
    WeldedMesh target;                      ///< the character welded by position
    face::RegistrationResult registration;  ///< template fitted onto target.mesh (cm)
    /// #F' (target.mesh triangles): the template triangle under each sample, -1 for none.
    std::vector<std::array<int, kSamplesPerTriangle>> source_triangles;
    /// #W (target.mesh vertices): closest point on the fitted template of vertices that touch a
    /// matched triangle (face -1 otherwise).
    std::vector<face::SurfacePoint> vertex_hits;
    std::vector<LandmarkPair> pairs;  ///< the landmark pairs used (character vertex indices)
    int matched_triangles = 0;        ///< character triangles with at least one sample matched
    double matched_area_fraction = 0.0;
    int parts = 0, matched_parts = 0;  ///< connected parts of the character, and taking part

    bool matched(int triangle) const;
};

/// Fits `source_neutral` (template topology; triangles restricted to source_active when given,
/// e.g. skin without the eye openings) onto `character` from `pairs` (template vertex,
/// character vertex) and pairs triangles. Throws RetargetError for invalid pairs or options or
/// a failed registration; core::Cancelled when progress asks to stop.
FaceCorrespondence face_correspondence(const core::Mesh& source_neutral,
                                       const std::vector<bool>& source_active,
                                       const core::Mesh& character,
                                       const std::vector<LandmarkPair>& pairs,
                                       const CorrespondenceOptions& options = {},
                                       const core::Progress& progress = {});

}  // namespace likeness::retarget
