#include "engine/render/rasterizer.hpp"

#include <omp.h>

#include <algorithm>
#include <cassert>
#include <cmath>

namespace likeness::render {
namespace {

// a × b written out so that cross(b, a) is bit-for-bit −cross(a, b): neighbouring triangles
// must see exactly opposite edge functions on their shared edge.
inline void cross(const float* a, const float* b, float* out) {
    const float p0 = a[1] * b[2], q0 = a[2] * b[1];
    const float p1 = a[2] * b[0], q1 = a[0] * b[2];
    const float p2 = a[0] * b[1], q2 = a[1] * b[0];
    out[0] = p0 - q0;
    out[1] = p1 - q1;
    out[2] = p2 - q2;
}

TriangleSetup set_up(const float* P[3], const float* px[3], const core::Camera& camera,
                     const RasterOptions& options) {
    TriangleSetup s;
    s.x_min = 1;
    s.x_max = 0;
    s.y_min = 1;
    s.y_max = 0;
    for (int k = 0; k < 3; ++k)
        if (-P[k][2] < options.near_cm) return s;

    float C[3][3];
    for (int k = 0; k < 3; ++k)
        cross(P[(k + 1) % 3], P[(k + 2) % 3], C[k]);
    // det(P0, P1, P2) = N·P0 with N the face normal: < 0 when the front (CCW) side faces us.
    const float det = P[0][0] * C[0][0] + P[0][1] * C[0][1] + P[0][2] * C[0][2];
    if (det == 0.f) return s;  // edge-on: the plane passes through the camera centre
    if (det > 0.f && options.culling == FaceCulling::Back) return s;

    // ê_k = f d·C_k with d = ((x − cx)/f, −(y − cy)/f, −1), flipped so inside is ≥ 0.
    const float sign = det < 0.f ? -1.f : 1.f;
    for (int k = 0; k < 3; ++k) {
        const float cx = C[k][0], cy = C[k][1], cz = C[k][2];
        s.a[k] = sign * cx;
        s.b[k] = sign * -cy;
        s.c[k] = sign * ((-camera.cx_px * cx + camera.cy_px * cy) - camera.focal_px * cz);
    }
    s.inverse_depth_scale = 1.f / (camera.focal_px * std::fabs(det));

    // The bounds only skip pixels: a small pad keeps pixels on a corner inside them.
    constexpr float kPad = 1e-3f;
    const float xmin = std::min({px[0][0], px[1][0], px[2][0]}) - kPad;
    const float xmax = std::max({px[0][0], px[1][0], px[2][0]}) + kPad;
    const float ymin = std::min({px[0][1], px[1][1], px[2][1]}) - kPad;
    const float ymax = std::max({px[0][1], px[1][1], px[2][1]}) + kPad;
    if (!(xmax >= 0.f && ymax >= 0.f && xmin <= camera.width - 1.f && ymin <= camera.height - 1.f))
        return s;  // off screen (or NaN)
    s.x_min = std::max(0, static_cast<int>(std::ceil(xmin)));
    s.x_max = std::min(camera.width - 1, static_cast<int>(std::floor(xmax)));
    s.y_min = std::max(0, static_cast<int>(std::ceil(ymin)));
    s.y_max = std::min(camera.height - 1, static_cast<int>(std::floor(ymax)));
    return s;
}

void draw_band(const std::vector<TriangleSetup>& setups, int y_begin, int y_end, int width,
               int* triangle, float* inverse_depth) {
    const int face_count = static_cast<int>(setups.size());
    for (int t = 0; t < face_count; ++t) {
        const TriangleSetup& s = setups[static_cast<size_t>(t)];
        const int y0 = std::max(s.y_min, y_begin), y1 = std::min(s.y_max, y_end - 1);
        if (s.x_min > s.x_max || y0 > y1) continue;
        for (int y = y0; y <= y1; ++y) {
            const float fy = static_cast<float>(y);
            const float r0 = s.b[0] * fy + s.c[0];
            const float r1 = s.b[1] * fy + s.c[1];
            const float r2 = s.b[2] * fy + s.c[2];
            const size_t row = static_cast<size_t>(y) * static_cast<size_t>(width);
            for (int x = s.x_min; x <= s.x_max; ++x) {
                const float fx = static_cast<float>(x);
                const float e0 = s.a[0] * fx + r0;
                const float e1 = s.a[1] * fx + r1;
                const float e2 = s.a[2] * fx + r2;
                if (e0 < 0.f || e1 < 0.f || e2 < 0.f) continue;
                const float inv_depth = (e0 + e1 + e2) * s.inverse_depth_scale;
                const size_t i = row + static_cast<size_t>(x);
                if (inv_depth > inverse_depth[i]) {
                    inverse_depth[i] = inv_depth;
                    triangle[i] = t;
                }
            }
        }
    }
}

}  // namespace

void rasterize(const core::MatrixX3fR& vertices_cam, const core::MatrixX2fR& vertices_px,
               const core::MatrixX3iR& F, const core::Camera& camera, const RasterOptions& options,
               RasterBuffers* out) {
    assert(out && vertices_cam.rows() == vertices_px.rows() && "one image position per vertex");
    assert(camera.width >= 0 && camera.height >= 0 && camera.focal_px > 0.f);
    const int width = camera.width, height = camera.height;
    const size_t pixels = static_cast<size_t>(width) * static_cast<size_t>(height);
    out->width = width;
    out->height = height;
    out->triangle.assign(pixels, -1);
    out->inverse_depth.assign(pixels, 0.f);
    const int face_count = static_cast<int>(F.rows());
    out->setups.resize(static_cast<size_t>(face_count));

    const bool threaded = static_cast<long>(pixels) >= kMinPixelsForThreads;
    const float* Pd = vertices_cam.data();
    const float* Xd = vertices_px.data();
#pragma omp parallel for schedule(static) if (threaded)
    for (int t = 0; t < face_count; ++t) {
        const float* P[3];
        const float* px[3];
        for (int k = 0; k < 3; ++k) {
            const int v = F(t, k);
            P[k] = Pd + 3 * static_cast<size_t>(v);
            px[k] = Xd + 2 * static_cast<size_t>(v);
        }
        out->setups[static_cast<size_t>(t)] = set_up(P, px, camera, options);
    }

    // Row bands, one per thread: no two threads write the same pixel, and each keeps the
    // face order, so the result does not depend on the thread count.
    const int bands = threaded ? std::max(1, std::min(omp_get_max_threads(), height)) : 1;
#pragma omp parallel for schedule(static, 1) if (bands > 1)
    for (int band = 0; band < bands; ++band) {
        const int y_begin = static_cast<int>(static_cast<long>(height) * band / bands);
        const int y_end = static_cast<int>(static_cast<long>(height) * (band + 1) / bands);
        draw_band(out->setups, y_begin, y_end, width, out->triangle.data(),
                  out->inverse_depth.data());
    }
}

}  // namespace likeness::render
