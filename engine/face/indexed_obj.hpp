#pragma once
// A Wavefront OBJ reader that keeps the file's vertex order (assimp may split or reorder
// vertices at UV seams), for meshes addressed by vertex index such as ICT-FaceKit's.
#include <string>

#include "engine/core/mesh.hpp"

namespace likeness::face {

/// Positions (#V by 3, the file's units) in file order and faces fan-triangulated (#F by 3,
/// 0-based; polygons keep their winding). UVs are not read. `read_faces = false` skips faces
/// (fast path for blend-shape targets). Throws TemplateError naming the file and line.
core::Mesh read_indexed_obj(const std::string& path, bool read_faces = true);

}  // namespace likeness::face
