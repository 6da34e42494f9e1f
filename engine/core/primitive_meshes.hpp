#pragma once
// Small procedural meshes: the lighting-sphere preview, and test and benchmark geometry that
// does not need the face template.
#include "engine/core/mesh.hpp"

namespace likeness::core {

/// Unit icosahedron subdivided `levels` times, projected onto a sphere of `radius_cm` about the
/// origin: 10·4^levels + 2 vertices, CCW from outside. UV is the equirectangular map
/// u = atan2(x, z) / 2π + 1/2, v = asin(y / r) / π + 1/2 (per vertex, so triangles across the
/// u = 0 / 1 seam stretch over the whole texture width: use a constant albedo there).
Mesh icosphere(int levels, float radius_cm = 1.f);

/// Flat square of cells × cells quads (two triangles each) spanning [−size/2, size/2]² in the
/// z = 0 plane, front side +z (CCW seen from +z), UV = (x / size + 1/2, y / size + 1/2).
Mesh grid_mesh(int cells, float size_cm);

}  // namespace likeness::core
