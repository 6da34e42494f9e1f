#pragma once
// A mesh welded by position: exporters split vertices where UVs (or normals) differ, which cuts
// the surface along seams; geometry processing (registration, deformation transfer) needs the
// surface whole. Vertices at exactly the same position become one.
#include <vector>

#include "engine/core/mesh.hpp"

namespace likeness::retarget {

struct WeldedMesh {
    core::Mesh mesh;             ///< V #W by 3 (unique positions), F #F' by 3 (welded, degenerate
                                 ///< triangles removed), no UVs
    std::vector<int> welded;     ///< #V of the input: its vertex in `mesh`
    std::vector<int> face_of;    ///< #F': the input triangle each welded triangle comes from
    std::vector<int> component;  ///< #W: connected-component id, 0 .. component_count - 1
    int component_count = 0;
};

/// Welds `mesh` (#V by 3 positions, #F by 3 triangles). O(#V log #V + #F).
WeldedMesh weld_by_position(const core::Mesh& mesh);

/// Expands a per-welded-vertex field (#W by 3) back to the input's vertices (#V by 3).
core::MatrixX3fR unweld(const WeldedMesh& weld, const core::MatrixX3fR& welded_field);

}  // namespace likeness::retarget
