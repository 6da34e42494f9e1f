#include "engine/render/pixel_jacobian.hpp"

#include <cassert>

#include "engine/render/renderer.hpp"

namespace likeness::render {
namespace {

inline void cross(const double* a, const double* b, double* out) {
    out[0] = a[1] * b[2] - a[2] * b[1];
    out[1] = a[2] * b[0] - a[0] * b[2];
    out[2] = a[0] * b[1] - a[1] * b[0];
}
inline double dot(const double* a, const double* b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

}  // namespace

RayHit ray_hit(const float* const P[3], const core::Camera& camera, int x, int y) {
    RayHit h;
    const double f = camera.focal_px;
    h.d[0] = (x - static_cast<double>(camera.cx_px)) / f;
    h.d[1] = -(y - static_cast<double>(camera.cy_px)) / f;
    h.d[2] = -1.0;
    for (int k = 0; k < 3; ++k)
        for (int a = 0; a < 3; ++a)
            h.P[k][a] = P[k][a];
    double e[3];
    for (int k = 0; k < 3; ++k) {
        cross(h.P[(k + 1) % 3], h.P[(k + 2) % 3], h.C[k]);
        e[k] = dot(h.d, h.C[k]);
    }
    h.D = e[0] + e[1] + e[2];
    for (int k = 0; k < 3; ++k)
        h.b[k] = e[k] / h.D;
    return h;
}

EdgeDerivatives edge_derivatives(const RayHit& h, double focal_px) {
    EdgeDerivatives e;
    for (int m = 0; m < 3; ++m) {
        cross(h.P[(m + 2) % 3], h.d, e.de_dP[m][0]);
        cross(h.d, h.P[(m + 1) % 3], e.de_dP[m][1]);
        e.de_df[m] = -(h.C[m][0] * h.d[0] + h.C[m][1] * h.d[1]) / focal_px;
    }
    return e;
}

void add_barycentric_adjoint(const RayHit& h, const EdgeDerivatives& e, const double b_bar[3],
                             double P_bar[3][3], double* focal_bar) {
    // ∂b_j/∂e_m = (δ_jm − b_j) / D, so ē_m = (b̄_m − Σ_j b̄_j b_j) / D.
    const double mean = b_bar[0] * h.b[0] + b_bar[1] * h.b[1] + b_bar[2] * h.b[2];
    const double inv_D = 1.0 / h.D;
    for (int m = 0; m < 3; ++m) {
        const double e_bar = (b_bar[m] - mean) * inv_D;
        const int j1 = (m + 1) % 3, j2 = (m + 2) % 3;
        for (int a = 0; a < 3; ++a) {
            P_bar[j1][a] += e_bar * e.de_dP[m][0][a];
            P_bar[j2][a] += e_bar * e.de_dP[m][1][a];
        }
        *focal_bar += e_bar * e.de_df[m];
    }
}

void pixel_jacobian(const Scene& scene, const Rendering& rendering, int pixel, PixelJacobian* out) {
    const int width = rendering.raster.width;
    const int t = rendering.raster.triangle[static_cast<size_t>(pixel)];
    assert(t >= 0 && "pixel_jacobian of an uncovered pixel");
    const core::MatrixX3iR& F = scene.mesh->F;
    const ShadedVertices& sv = rendering.vertices;
    out->pixel = pixel;
    const float* P[3];
    for (int k = 0; k < 3; ++k) {
        out->vertex[k] = F(t, k);
        P[k] = sv.position_cam.row(out->vertex[k]).data();
    }
    const RayHit hit = ray_hit(P, scene.camera, pixel % width, pixel / width);

    float uv[3][2] = {};
    float u = 0.f, v = 0.f;
    const core::MatrixX2fR& UV = scene.mesh->UV;
    for (int k = 0; k < 3; ++k) {
        out->b[k] = static_cast<float>(hit.b[k]);
        if (UV.rows() > 0) {
            uv[k][0] = UV(out->vertex[k], 0);
            uv[k][1] = UV(out->vertex[k], 1);
        }
        u += out->b[k] * uv[k][0];
        v += out->b[k] * uv[k][1];
    }
    float d_du[3] = {0.f, 0.f, 0.f}, d_dv[3] = {0.f, 0.f, 0.f};
    out->textured = scene.albedo_uv && !scene.albedo_uv->empty();
    if (out->textured) {
        const RgbSample s = sample_rgb(scene.albedo_uv->ptr<float>(), scene.albedo_uv->cols,
                                       scene.albedo_uv->rows, u, v);
        for (int c = 0; c < 3; ++c) {
            out->rho[c] = s.value[c];
            d_du[c] = s.d_du[c];
            d_dv[c] = s.d_dv[c];
        }
        out->texels = s.footprint;
    } else {
        for (int c = 0; c < 3; ++c)
            out->rho[c] = 1.f;
    }
    // g_k = ∂Î/∂b_k = (∂ρ/∂u u_k + ∂ρ/∂v v_k) ⊙ s̄ + ρ ⊙ s_k
    float g[3][3];
    for (int c = 0; c < 3; ++c) {
        float s_bar = 0.f;
        for (int k = 0; k < 3; ++k)
            s_bar += out->b[k] * sv.shading(out->vertex[k], c);
        out->shade[c] = s_bar;
        for (int k = 0; k < 3; ++k)
            g[k][c] = (d_du[c] * uv[k][0] + d_dv[c] * uv[k][1]) * s_bar +
                      out->rho[c] * sv.shading(out->vertex[k], c);
    }
    // ∂Î_c/∂P_j = Σ_k g_kc ∂b_k/∂P_j: one barycentric adjoint per colour channel, b̄ = g[·][c]
    // (the 27 entries of ∂b/∂P are never formed).
    const EdgeDerivatives e = edge_derivatives(hit, scene.camera.focal_px);
    for (int c = 0; c < 3; ++c) {
        const double g_c[3] = {g[0][c], g[1][c], g[2][c]};
        double P_bar[3][3] = {}, f_bar = 0.0;
        add_barycentric_adjoint(hit, e, g_c, P_bar, &f_bar);
        out->dc_dfocal[c] = static_cast<float>(f_bar);
        for (int j = 0; j < 3; ++j)
            for (int a = 0; a < 3; ++a)
                out->dc_dP[j][c][a] = static_cast<float>(P_bar[j][a]);
    }
}

}  // namespace likeness::render
