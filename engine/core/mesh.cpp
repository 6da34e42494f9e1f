#include "engine/core/mesh.hpp"

#include <Eigen/Geometry>

namespace likeness::core {

Bounds bounds(const Mesh& mesh) {
    Bounds b;
    if (mesh.V.rows() == 0) return b;
    b.min = mesh.V.colwise().minCoeff().transpose();
    b.max = mesh.V.colwise().maxCoeff().transpose();
    return b;
}

MatrixX3fR vertex_normals(const Mesh& mesh) {
    MatrixX3fR N = MatrixX3fR::Zero(mesh.V.rows(), 3);
    for (Eigen::Index f = 0; f < mesh.F.rows(); ++f) {
        const Eigen::Vector3f a = mesh.V.row(mesh.F(f, 0)).transpose();
        const Eigen::Vector3f b = mesh.V.row(mesh.F(f, 1)).transpose();
        const Eigen::Vector3f c = mesh.V.row(mesh.F(f, 2)).transpose();
        const Eigen::Vector3f n = (b - a).cross(c - a);  // length = 2 * area: area weighting
        for (int k = 0; k < 3; ++k)
            N.row(mesh.F(f, k)) += n.transpose();
    }
    for (Eigen::Index v = 0; v < N.rows(); ++v) {
        const float len = N.row(v).norm();
        if (len > 0.f) N.row(v) /= len;
    }
    return N;
}

}  // namespace likeness::core
