#pragma once
// A triangle mesh: the one mesh type every module shares.
#include <Eigen/Core>
#include <string>

namespace likeness::core {

using MatrixX3fR = Eigen::Matrix<float, Eigen::Dynamic, 3, Eigen::RowMajor>;
using MatrixX2fR = Eigen::Matrix<float, Eigen::Dynamic, 2, Eigen::RowMajor>;
using MatrixX3iR = Eigen::Matrix<int, Eigen::Dynamic, 3, Eigen::RowMajor>;

struct Mesh {
    MatrixX3fR V;   ///< #V by 3 vertex positions, model space (cm unless a format says otherwise)
    MatrixX3iR F;   ///< #F by 3 vertex indices, counter-clockwise seen from outside
    MatrixX2fR UV;  ///< #V by 2 texture coordinates in [0,1] (v up), or 0 rows when absent
    MatrixX3fR N;   ///< #V by 3 unit vertex normals, or 0 rows when absent
    std::string name;

    int vertex_count() const { return static_cast<int>(V.rows()); }
    int face_count() const { return static_cast<int>(F.rows()); }
};

/// Axis-aligned bounds of a mesh's vertices; min > max for an empty mesh.
struct Bounds {
    Eigen::Vector3f min{1.f, 1.f, 1.f};
    Eigen::Vector3f max{-1.f, -1.f, -1.f};
    Eigen::Vector3f center() const { return 0.5f * (min + max); }
    float diagonal() const { return (max - min).norm(); }
    bool empty() const { return (min.array() > max.array()).any(); }
};

Bounds bounds(const Mesh& mesh);

/// #V by 3 area-weighted vertex normals of mesh.V / mesh.F (zero rows for isolated vertices).
MatrixX3fR vertex_normals(const Mesh& mesh);

}  // namespace likeness::core
