#pragma once
// One drawable mesh in the viewport whose vertices change (a face at the current expression):
// positions, normals, UVs and per-vertex colours in one interleaved GPU buffer that is rewritten
// when the shape or the colours change, drawn with a FaceMaterial.
#include <Eigen/Core>
#include <Qt3DCore/QEntity>

#include "engine/core/mesh.hpp"

namespace Qt3DCore {
class QTransform;
}
namespace Qt3DRender {
class QBuffer;
class QGeometryRenderer;
}  // namespace Qt3DRender

namespace likeness::ui {

class FaceMaterial;

class FaceEntity : public Qt3DCore::QEntity {
    Q_OBJECT
  public:
    explicit FaceEntity(Qt3DCore::QNode* parent = nullptr);

    /// Sets the topology (F, UV; V as the first shape). Colours reset to white.
    void setMesh(const core::Mesh& mesh);
    /// New positions (#V by 3, same vertex count); normals are recomputed.
    void setPositions(const core::MatrixX3fR& V);
    /// #V by 3 RGB colours (linear, may exceed 1 where the shader clamps).
    void setColours(const core::MatrixX3fR& colours);
    int vertexCount() const { return static_cast<int>(V_.rows()); }
    const core::MatrixX3fR& positions() const { return V_; }
    /// Current area-weighted unit normals (model space).
    const core::MatrixX3fR& normals() const { return N_; }
    const core::Mesh& mesh() const { return mesh_; }

    FaceMaterial* material() const { return material_; }
    Qt3DCore::QTransform* transform() const { return transform_; }

  private:
    void upload();

    core::Mesh mesh_;  ///< topology and UVs
    core::MatrixX3fR V_, N_, colours_;
    Qt3DRender::QBuffer* vertex_buffer_ = nullptr;
    Qt3DRender::QBuffer* index_buffer_ = nullptr;
    Qt3DRender::QGeometryRenderer* renderer_ = nullptr;
    FaceMaterial* material_ = nullptr;
    Qt3DCore::QTransform* transform_ = nullptr;
};

}  // namespace likeness::ui
