#pragma once
// core::Mesh → Qt3D geometry (positions, normals, indices in GPU buffers).
#include "engine/core/mesh.hpp"

namespace Qt3DCore {
class QNode;
}
namespace Qt3DRender {
class QGeometry;
}

namespace likeness::ui {

/// Builds a triangle geometry owned by `parent`. Normals are the mesh's own or, when absent,
/// area-weighted vertex normals. Triangles must be counter-clockwise seen from outside.
Qt3DRender::QGeometry* mesh_geometry(const core::Mesh& mesh, Qt3DCore::QNode* parent);

}  // namespace likeness::ui
