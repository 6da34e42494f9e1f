#pragma once
// Mesh import through assimp (OBJ, FBX, glTF/GLB, DAE, PLY, STL, ...). Imported files are user
// input: anything malformed gives MeshImportError with a message, never a crash.
#include <stdexcept>
#include <string>

#include "engine/core/mesh.hpp"

namespace likeness::io {

class MeshImportError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// Reads every mesh of the file's scene in bind pose (node transforms applied), merged into one
/// triangle mesh with normals and, when the file has them, UVs. Throws MeshImportError.
core::Mesh import_mesh(const std::string& path);

}  // namespace likeness::io
