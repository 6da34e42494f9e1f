#pragma once
// K linear vertex directions (the blend-shape deltas of eq. 1) and their normal changes,
// regrouped vertex by vertex: pixel_rows reads every direction of one vertex at a time, which
// from K separate #V by 3 arrays means K scattered reads per vertex. Built once per personal
// model (FitContext), like the normal directions themselves.
#include <Eigen/Core>
#include <vector>

#include "engine/core/mesh.hpp"

namespace likeness::fit {

struct VertexBasis {
    using Table = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    int directions = 0;  ///< K
    /// #V by 3K: row v holds vertex v's 3 by K block (row-major): [∂x/∂θ | ∂y/∂θ | ∂z/∂θ], cm.
    Table positions;
    /// #V by 3K, the same layout for ∂n/∂θ (model space); empty when none were given.
    Table normals;
    /// The same numbers vertex by vertex, non-zero directions only: a blend shape moves a
    /// region of the face, so a vertex has about 11 of the 52 (template). Vertex v's entries e
    /// in [first[v], first[v + 1]) name their direction[e] and hold 6 floats at entry[6e]:
    /// ∂X_v/∂θ (3, cm) then ∂n_v/∂θ (3; zeros without normals).
    std::vector<int> first, direction;
    std::vector<float> entry;
};

/// `basis`: K of #V by 3; `normal_directions`: null or K of #V by 3 (∂n/∂θ_i).
VertexBasis vertex_basis(const std::vector<core::MatrixX3fR>& basis,
                         const std::vector<core::MatrixX3fR>* normal_directions = nullptr);

}  // namespace likeness::fit
