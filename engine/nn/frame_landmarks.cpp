#include "engine/nn/frame_landmarks.hpp"

#include <algorithm>
#include <cmath>

#include "engine/nn/mesh_landmark_indices.hpp"

namespace likeness::nn {

MeshPoints FrameLandmarks::ibug68() const {
    MeshPoints points(static_cast<Eigen::Index>(kIbug68FromMesh.size()), 3);
    if (mesh.rows() < FaceMesh::kPoints) return MeshPoints(0, 3);
    for (std::size_t k = 0; k < kIbug68FromMesh.size(); ++k)
        points.row(static_cast<Eigen::Index>(k)) = mesh.row(kIbug68FromMesh[k]);
    return points;
}

Box FrameLandmarks::mesh_bounds() const {
    if (mesh.rows() == 0) return {};
    const auto xy = mesh.leftCols<2>();
    return {xy.col(0).minCoeff(), xy.col(1).minCoeff(), xy.col(0).maxCoeff(), xy.col(1).maxCoeff()};
}

Box next_crop_box(const FrameLandmarks& previous) {
    const Box bounds = previous.mesh_bounds();
    const double half =
        kFollowScale * std::max(std::abs(bounds.width()), std::abs(bounds.height())) / 2;
    const double cx = bounds.center_x(), cy = bounds.center_y();
    return {cx - half, cy - half, cx + half, cy + half};
}

}  // namespace likeness::nn
