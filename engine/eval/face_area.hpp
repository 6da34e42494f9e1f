#pragma once
// The face area of the 3D error protocol: which ground-truth vertices are scored. As the
// benchmarks behind the paper's Table 2 score the face region of a scan (not hair, neck or the
// inside of the eyes and mouth), we score the template vertices whose parsing label is skin,
// brow, nose or lip, leaving out the eye openings and the mesh's boundaries (the outer rim and
// the lip ring, where a reconstruction's extent — not its shape — decides the distance).
#include <vector>

#include "engine/face/template_rig.hpp"

namespace likeness::eval {

/// Increasing vertex indices of the template's face area (see above).
std::vector<int> face_area_vertices(const face::TemplateRig& rig);

}  // namespace likeness::eval
