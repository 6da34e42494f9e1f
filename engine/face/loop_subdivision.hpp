#pragma once
// Loop subdivision with UVs that keeps the coarse vertices first (fine vertex i < #V_coarse is
// coarse vertex i), so the FaceMesh landmark embedding stays exact.
#include <Eigen/Sparse>
#include <vector>

#include "engine/core/mesh.hpp"

namespace likeness::face {

struct Subdivision {
    core::Mesh mesh;  ///< fine mesh: V #V_fine by 3 (cm), F, UV #V_fine by 2
    /// #V_fine by #V_coarse linear map from coarse control points to fine positions.
    Eigen::SparseMatrix<float, Eigen::RowMajor> S;
    std::vector<int> parent_face;  ///< #F_fine: the coarse triangle each fine triangle lies in
};

/// `levels` rounds of Loop subdivision (Loop 1987: edge points 3/8,3/8,1/8,1/8; vertex points
/// with Warren's beta; boundary curves use the cubic B-spline 1/8,3/4,1/8 rule). UVs are
/// subdivided linearly (edge midpoints), positions of coarse vertices keep their UV.
///
/// interpolate_coarse = true solves for control points P (#V_coarse by 3) such that the fine
/// surface passes exactly through the coarse positions: (S P)_i = V_i for every coarse vertex i,
/// so fine vertex i is exactly landmark i while the surface stays Loop-smooth.
Subdivision loop_subdivide(const core::Mesh& coarse, int levels, bool interpolate_coarse);

}  // namespace likeness::face
