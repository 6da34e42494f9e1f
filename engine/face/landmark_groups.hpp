#pragma once
// Named groups of FaceMesh landmark indices (0..467) used to author the template: lips, eyelids,
// brows, nose, face contour, and the 468 -> iBUG-68 embedding. "left"/"right" are the subject's
// (ARKit's convention): the subject's left is +x in the canonical mesh.
//
// The indices follow the FaceMesh topology published with the installed model package
// (facemeshcoords.ts). The iBUG-68 embedding is the front end's table
// (engine/nn/mesh_landmark_indices.hpp), so detection and fitting use the same 68 points.
#include <string>
#include <vector>

namespace likeness::face {

/// Landmark indices of the group `name`; throws TemplateError listing the known names when
/// `name` is unknown. Names: lips_upper_outer, lips_lower_outer, lips_upper_inner,
/// lips_lower_inner, eye_{left,right}_{upper,lower}{0,1,2}, eye_{left,right}_lower3,
/// eye_{left,right}_ring, brow_{left,right}_{upper,lower,arch}, brow_{left,right}_inner,
/// brow_{left,right}_outer, nose_tip, nose_bridge, nose_{left,right}_ala, nose_bottom,
/// mouth_corner_{left,right}, cheek_{left,right}, chin, jaw_contour, silhouette, midline.
const std::vector<int>& landmark_group(const std::string& name);

/// Every group name landmark_group() knows, sorted.
std::vector<std::string> landmark_group_names();

/// The 68 iBUG / Multi-PIE landmarks as FaceMesh indices, in iBUG order (contour 0-16, brows
/// 17-26, nose 27-35, eyes 36-47, outer lips 48-59, inner lips 60-67). Note the iBUG numbering
/// is in image order: iBUG's "right eye" 36-41 is the subject's right.
const std::vector<int>& ibug68_landmarks();

}  // namespace likeness::face
