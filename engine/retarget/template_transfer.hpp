#pragma once
// Deformation transfer from the template in one call, for the CLI and the GUI's "give this
// character ARKit shapes" action: landmark pairs -> correspondence (template registration) ->
// the 52 shapes of a template-topology rig (the template's or a personal model's) transferred
// onto the character.
#include <string>
#include <vector>

#include "engine/core/blendshape_rig.hpp"
#include "engine/core/progress.hpp"
#include "engine/face/template_rig.hpp"
#include "engine/retarget/deformation_transfer.hpp"
#include "engine/retarget/face_correspondence.hpp"
#include "engine/retarget/landmark_pairs.hpp"

namespace likeness::retarget {

struct TemplateTransferOptions {
    CorrespondenceOptions correspondence;
    DeformationTransferOptions transfer;
};

struct TemplateTransfer {
    FaceCorrespondence correspondence;
    TransferredRig transferred;  ///< the character with the source's shapes
    double correspondence_seconds = 0.0;
};

/// The template's triangles that deformation transfer reads: skin, without the eye openings (a
/// closing lid must not hand its deformation to a character's eyeball). #F booleans.
std::vector<bool> template_skin_triangles(const face::TemplateRig& rig);

/// `source`: a rig on the template's topology (face::template_blendshape_rig(rig), or a
/// personal model's to_blendshape_rig()); `pairs`: template vertex -> character vertex. Throws
/// RetargetError; core::Cancelled when progress asks to stop.
TemplateTransfer transfer_template_shapes(const face::TemplateRig& rig,
                                          const core::BlendshapeRig& source,
                                          const core::BlendshapeRig& character,
                                          const std::vector<LandmarkPair>& pairs,
                                          const TemplateTransferOptions& options = {},
                                          const core::Progress& progress = {});

/// Landmark pairs from a JSON file, any of:
///   { "pairs": [[template_vertex, character_vertex], ...] }
///   { "ibug68": [68 character vertices, iBUG order] }
///   { "idx_to_landmark_verts": [68 ...] }   (ICT-FaceKit's vertex_indices.json)
/// iBUG lists pair with the template's ibug68. Throws RetargetError naming the file.
std::vector<LandmarkPair> read_landmark_pairs_json(const std::string& path,
                                                   const std::vector<int>& template_ibug68);

}  // namespace likeness::retarget
