#pragma once
// The edges of a mesh as seen by a camera, for the video panel's wireframe overlay: each edge
// once, only where one of its triangles faces the camera.
#include <QLineF>
#include <QVector>
#include <vector>

#include "engine/core/camera.hpp"
#include "engine/core/mesh.hpp"
#include "engine/core/pose.hpp"

namespace likeness::ui {

class MeshWireframe {
  public:
    /// Precomputes the unique edges of F (#F by 3) and the triangles beside them.
    void setTopology(const core::MatrixX3iR& F);
    bool empty() const { return edges_.empty(); }

    /// Image-space lines (px) of the visible edges of V (#V by 3, model space, cm) posed by
    /// `pose` and projected by `camera`.
    QVector<QLineF> lines(const core::MatrixX3fR& V, const core::Pose& pose,
                          const core::Camera& camera) const;

  private:
    struct Edge {
        int a, b;         ///< vertices
        int left, right;  ///< triangles on each side (right = -1 on a border)
    };
    core::MatrixX3iR F_;
    std::vector<Edge> edges_;
};

}  // namespace likeness::ui
