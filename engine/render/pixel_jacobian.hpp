#pragma once
// Local derivatives of one covered pixel's colour Î(q) = ρ(uv(q)) ⊙ Σ_k b_k s_k (renderer.hpp)
// with respect to what it directly depends on: the camera-space corners P_j of its visible face
// (through the barycentrics b and hence uv), the focal length (through the pixel's ray), the
// corner shadings s_k, and the albedo texels. Visibility is held fixed: the gradient is
// distributed over the visible face by its barycentrics and there is no silhouette term
// (seed 003 §3.2: "cannot differentiate through the visibility check").
//
// Geometry in double precision: b_k = d·C_k / Σ_j d·C_j, C_k = P_{k+1} × P_{k+2}, d the ray.
#include "engine/core/camera.hpp"
#include "engine/render/texel_footprint.hpp"

namespace likeness::render {

struct Rendering;
struct Scene;

/// The ray through a pixel and its barycentrics in a camera-space triangle.
struct RayHit {
    double d[3];     ///< ray direction camera.ray(x, y) (z = −1)
    double P[3][3];  ///< corners P_k, camera space, cm
    double C[3][3];  ///< C_k = P_{k+1} × P_{k+2}
    double D = 0.0;  ///< Σ_k d·C_k (= d·N, N the face's unnormalised normal)
    double b[3];     ///< barycentrics d·C_k / D
};

/// The hit of pixel (x, y) with corners P[k] (#3 pointers to camera-space xyz, cm).
RayHit ray_hit(const float* const P[3], const core::Camera& camera, int x, int y);

/// What every adjoint through a hit shares: the derivatives of e_m = P_{m+1}·(P_{m+2} × d)
/// (b_m = e_m / D). de_dP[m][0] = ∂e_m/∂P_{m+1} = P_{m+2} × d, de_dP[m][1] = ∂e_m/∂P_{m+2} =
/// d × P_{m+1}, de_df[m] = ∂e_m/∂f = C_m · ∂d/∂f with ∂d/∂f = −(d_x, d_y, 0) / f.
struct EdgeDerivatives {
    double de_dP[3][2][3];
    double de_df[3];
};
EdgeDerivatives edge_derivatives(const RayHit& hit, double focal_px);

/// Reverse mode of the barycentrics: adds Σ_k b̄_k ∂b_k/∂P_j to P_bar[j] and Σ_k b̄_k ∂b_k/∂f
/// to *focal_bar (`e`: edge_derivatives(hit, f)).
void add_barycentric_adjoint(const RayHit& hit, const EdgeDerivatives& e, const double b_bar[3],
                             double P_bar[3][3], double* focal_bar);

/// Everything one covered pixel's colour depends on locally.
struct PixelJacobian {
    int pixel = -1;  ///< y·width + x
    int vertex[3];   ///< corners F(t, 0..2)
    float b[3];      ///< barycentrics
    float rho[3];    ///< albedo ρ at the pixel (1 without a texture)
    float shade[3];  ///< s̄ = Σ_k b_k s_k (1 when unlit)
    /// dc_dP[j][c][a] = ∂Î_c / ∂P_j[a] (per cm, camera space), through b (uv and s̄ move).
    float dc_dP[3][3][3];
    float dc_dfocal[3];  ///< ∂Î_c / ∂focal_px
    // ∂Î_c / ∂s_{k,c} = ρ_c b_k and ∂Î_c / ∂γ[9c + b] = ρ_c Σ_k b_k H_b(n_k) follow from the
    // fields above and ShadedVertices; ∂Î_c / ∂texel_n = texels.weight[n] shade[c].
    bool textured = false;
    TexelFootprint texels;
};

/// Fills `out` for covered pixel `pixel` (an entry of rendering.covered) of a rendering of
/// `scene`.
void pixel_jacobian(const Scene& scene, const Rendering& rendering, int pixel, PixelJacobian* out);

}  // namespace likeness::render
