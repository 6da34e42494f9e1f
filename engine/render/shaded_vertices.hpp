#pragma once
// The per-vertex half of the image formation (paper §3.3; seed 003 §3.2 eq. 4): posed positions
// S̃ = R S + t, their projection Φ, area-weighted normals n rotated into the camera frame, and
// the SH shading s(n; γ). Computed once per render; every derivative reuses it.
#include <Eigen/Core>

#include "engine/core/mesh.hpp"
#include "engine/render/scene.hpp"

namespace likeness::render {

using MatrixX9fR = Eigen::Matrix<float, Eigen::Dynamic, 9, Eigen::RowMajor>;

struct ShadedVertices {
    Eigen::Matrix3f R_cam_from_model = Eigen::Matrix3f::Identity();  ///< the pose's rotation
    core::MatrixX3fR position_cam;  ///< #V by 3, P = R X + t, camera space, cm
    core::MatrixX2fR position_px;   ///< #V by 2, Φ(P), image coordinates, px (meaningless when
                                    ///< the vertex is behind the camera)
    core::MatrixX3fR normal_model;  ///< #V by 3 unit normals n = m / |m|, model space
    Eigen::VectorXf normal_length;  ///< #V, |m| with m = Σ over adjacent faces of
                                    ///< (X_b − X_a) × (X_c − X_a) (cm²); 0: isolated vertex
    core::MatrixX3fR normal_cam;    ///< #V by 3, R n, camera space
    MatrixX9fR sh_basis;            ///< #V by 9, H_b(R n) (sh_lighting.hpp)
    core::MatrixX3fR shading;       ///< #V by 3, s_c = Σ_b γ[9c + b] H_b; 1 when unlit
};

/// Fills `out` for the scene's geometry and pose; `lit` false leaves shading at 1 (unlit
/// rendering, e.g. of the parsing map). Buffers are reused between calls. `threaded`: OpenMP
/// over vertices.
void shade_vertices(const Scene& scene, bool lit, bool threaded, ShadedVertices* out);

}  // namespace likeness::render
