#pragma once
// Closest points on a triangle mesh, accelerated by a uniform grid over the triangles.
#include <Eigen/Core>
#include <vector>

#include "engine/core/mesh.hpp"

namespace likeness::face {

struct SurfacePoint {
    int face = -1;                         ///< triangle index, -1 when none was found
    Eigen::Vector3f barycentric{1, 0, 0};  ///< weights of the triangle's corners
    Eigen::Vector3f point{0, 0, 0};        ///< the closest point (mesh units)
    float distance = 0.f;
};

/// Closest point to p on triangle (a, b, c); barycentric weights in `bary`.
Eigen::Vector3f closest_point_on_triangle(const Eigen::Vector3f& p, const Eigen::Vector3f& a,
                                          const Eigen::Vector3f& b, const Eigen::Vector3f& c,
                                          Eigen::Vector3f* bary);

class ClosestPointQuery {
  public:
    /// Indexes V (#V by 3) / F (#F by 3); only triangles f with active[f] when given. Keeps
    /// references: V and F must outlive the query.
    ClosestPointQuery(const core::MatrixX3fR& V, const core::MatrixX3iR& F,
                      const std::vector<bool>& active = {});
    /// The closest surface point within max_distance (face = -1 when there is none).
    SurfacePoint closest(const Eigen::Vector3f& p, float max_distance) const;
    /// The same, among triangles facing like `normal` (unit): cos(angle between the triangle's
    /// normal and `normal`) >= min_normal_dot. Keeps a point on the upper lip from snapping to
    /// the lower lip where the two touch.
    SurfacePoint closest(const Eigen::Vector3f& p, float max_distance,
                         const Eigen::Vector3f& normal, float min_normal_dot) const;

  private:
    SurfacePoint search(const Eigen::Vector3f& p, float max_distance, const Eigen::Vector3f* normal,
                        float min_normal_dot) const;
    long cell_key(int x, int y, int z) const;
    const core::MatrixX3fR& V_;
    const core::MatrixX3iR& F_;
    Eigen::Vector3f origin_;
    float cell_ = 1.f;
    Eigen::Vector3i dims_{1, 1, 1};
    std::vector<std::vector<int>> cells_;
};

}  // namespace likeness::face
