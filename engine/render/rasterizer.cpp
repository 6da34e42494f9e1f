#include "engine/render/rasterizer.hpp"

#include <omp.h>

#include <algorithm>
#include <cassert>
#include <cmath>

#if defined(__SSE2__)
#include <immintrin.h>
#endif

namespace likeness::render {
namespace {

// a × b such that cross(b, a) is bit-for-bit −cross(a, b): neighbouring triangles must see
// exactly opposite edge functions on their shared edge. Float products are exact in double, so
// each component is rounded once however the compiler fuses the multiply-adds.
inline void cross(const float* a, const float* b, float* out) {
    const double a0 = a[0], a1 = a[1], a2 = a[2], b0 = b[0], b1 = b[1], b2 = b[2];
    out[0] = static_cast<float>(a1 * b2 - a2 * b1);
    out[1] = static_cast<float>(a2 * b0 - a0 * b2);
    out[2] = static_cast<float>(a0 * b1 - a1 * b0);
}

// Fills `s` and returns true when the face may cover a pixel centre.
bool set_up(const float* P[3], const float* px[3], const core::Camera& camera,
            const RasterOptions& options, TriangleSetup& s) {
    for (int k = 0; k < 3; ++k)
        if (-P[k][2] < options.near_cm) return false;

    // Pixel bounds first: most faces of a dense mesh cover no pixel centre at all. A small pad
    // keeps pixels on a corner inside the bounds.
    constexpr float kPad = 1e-3f;
    const float xmin = std::min({px[0][0], px[1][0], px[2][0]}) - kPad;
    const float xmax = std::max({px[0][0], px[1][0], px[2][0]}) + kPad;
    const float ymin = std::min({px[0][1], px[1][1], px[2][1]}) - kPad;
    const float ymax = std::max({px[0][1], px[1][1], px[2][1]}) + kPad;
    if (!(xmax >= 0.f && ymax >= 0.f && xmin <= camera.width - 1.f && ymin <= camera.height - 1.f))
        return false;  // off screen (or NaN)
    const int x_min = std::max(0, static_cast<int>(std::ceil(xmin)));
    const int x_max = std::min(camera.width - 1, static_cast<int>(std::floor(xmax)));
    const int y_min = std::max(0, static_cast<int>(std::ceil(ymin)));
    const int y_max = std::min(camera.height - 1, static_cast<int>(std::floor(ymax)));
    if (x_min > x_max || y_min > y_max) return false;
    // In front of the camera, projection keeps orientation: a front (CCW) face has negative
    // signed area in image coordinates (y down). Cheap early culling; det decides below.
    const float area2 = (px[1][0] - px[0][0]) * (px[2][1] - px[0][1]) -
                        (px[1][1] - px[0][1]) * (px[2][0] - px[0][0]);
    if (area2 > 0.f && options.culling == FaceCulling::Back) return false;

    float C[3][3];
    for (int k = 0; k < 3; ++k)
        cross(P[(k + 1) % 3], P[(k + 2) % 3], C[k]);
    // det(P0, P1, P2) = N·P0 with N the face normal: < 0 when the front (CCW) side faces us.
    const float det = P[0][0] * C[0][0] + P[0][1] * C[0][1] + P[0][2] * C[0][2];
    if (det == 0.f) return false;  // edge-on: the plane passes through the camera centre
    if (det > 0.f && options.culling == FaceCulling::Back) return false;

    // ê_k = f d·C_k with d = ((x − cx)/f, −(y − cy)/f, −1), flipped so inside is ≥ 0.
    const float sign = det < 0.f ? -1.f : 1.f;
    for (int k = 0; k < 3; ++k) {
        const float cx = C[k][0], cy = C[k][1], cz = C[k][2];
        s.a[k] = sign * cx;
        s.b[k] = sign * -cy;
        s.c[k] = sign * ((-camera.cx_px * cx + camera.cy_px * cy) - camera.focal_px * cz);
    }
    s.inverse_depth_scale = 1.f / (camera.focal_px * std::fabs(det));
    s.x_min = x_min;
    s.x_max = x_max;
    s.y_min = y_min;
    s.y_max = y_max;
    return true;
}

// Four pixels of one row at once. Every edge value is edge_madd(a, x, edge_madd(b, y, c)) in
// both paths, so neighbouring faces still see exactly opposite values on shared edges.
#if defined(__SSE2__)
inline __m128 madd4(__m128 a, __m128 b, __m128 c) {
#if defined(__FMA__)
    return _mm_fmadd_ps(a, b, c);
#else
    return _mm_add_ps(_mm_mul_ps(a, b), c);
#endif
}
#endif

void draw_band(const std::vector<TriangleSetup>& setups, int y_begin, int y_end, int width,
               int* triangle, float* inverse_depth) {
    for (const TriangleSetup& s : setups) {
        const int y0 = std::max(s.y_min, y_begin), y1 = std::min(s.y_max, y_end - 1);
        if (y0 > y1) continue;
        for (int y = y0; y <= y1; ++y) {
            const float fy = static_cast<float>(y);
            const float r0 = edge_madd(s.b[0], fy, s.c[0]);
            const float r1 = edge_madd(s.b[1], fy, s.c[1]);
            const float r2 = edge_madd(s.b[2], fy, s.c[2]);
            const size_t row = static_cast<size_t>(y) * static_cast<size_t>(width);
            int x = s.x_min;
#if defined(__SSE2__)
            // Branch-free 4-wide steps while they stay inside the row (faces here are a few
            // pixels wide: per-pixel branches mispredict about every other pixel).
            const __m128 lane = _mm_setr_ps(0.f, 1.f, 2.f, 3.f);
            for (; x <= s.x_max && x + 4 <= width; x += 4) {
                const __m128 fx = _mm_add_ps(_mm_set1_ps(static_cast<float>(x)), lane);
                const __m128 e0 = madd4(_mm_set1_ps(s.a[0]), fx, _mm_set1_ps(r0));
                const __m128 e1 = madd4(_mm_set1_ps(s.a[1]), fx, _mm_set1_ps(r1));
                const __m128 e2 = madd4(_mm_set1_ps(s.a[2]), fx, _mm_set1_ps(r2));
                const __m128 inv_depth = _mm_mul_ps(_mm_add_ps(_mm_add_ps(e0, e1), e2),
                                                    _mm_set1_ps(s.inverse_depth_scale));
                const __m128 zero = _mm_setzero_ps();
                const __m128 in_span = _mm_cmple_ps(fx, _mm_set1_ps(static_cast<float>(s.x_max)));
                float* z = inverse_depth + row + static_cast<size_t>(x);
                const __m128 old_z = _mm_loadu_ps(z);
                const __m128 wins = _mm_and_ps(
                    _mm_and_ps(_mm_and_ps(_mm_cmpge_ps(e0, zero), _mm_cmpge_ps(e1, zero)),
                               _mm_and_ps(_mm_cmpge_ps(e2, zero), in_span)),
                    _mm_cmpgt_ps(inv_depth, old_z));
                if (_mm_movemask_ps(wins) == 0) continue;
                _mm_storeu_ps(z,
                              _mm_or_ps(_mm_and_ps(wins, inv_depth), _mm_andnot_ps(wins, old_z)));
                int* t = triangle + row + static_cast<size_t>(x);
                const __m128i w = _mm_castps_si128(wins);
                const __m128i old_t = _mm_loadu_si128(reinterpret_cast<const __m128i*>(t));
                _mm_storeu_si128(reinterpret_cast<__m128i*>(t),
                                 _mm_or_si128(_mm_and_si128(w, _mm_set1_epi32(s.face)),
                                              _mm_andnot_si128(w, old_t)));
            }
#endif
            for (; x <= s.x_max; ++x) {
                const float fx = static_cast<float>(x);
                const float e0 = edge_madd(s.a[0], fx, r0);
                const float e1 = edge_madd(s.a[1], fx, r1);
                const float e2 = edge_madd(s.a[2], fx, r2);
                if (!(e0 >= 0.f && e1 >= 0.f && e2 >= 0.f)) continue;
                const float inv_depth = (e0 + e1 + e2) * s.inverse_depth_scale;
                const size_t i = row + static_cast<size_t>(x);
                if (inv_depth > inverse_depth[i]) {
                    inverse_depth[i] = inv_depth;
                    triangle[i] = s.face;
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
    if (out->width != width || out->height != height || out->triangle.size() != pixels ||
        out->inverse_depth.size() != pixels) {
        out->triangle.assign(pixels, -1);
        out->inverse_depth.assign(pixels, 0.f);
    } else {  // only last call's region holds faces
        const PixelRect& b = out->bounds;
        for (int y = b.y0; y < b.y1; ++y) {
            const size_t row = static_cast<size_t>(y) * static_cast<size_t>(width);
            std::fill(out->triangle.begin() + static_cast<std::ptrdiff_t>(row + b.x0),
                      out->triangle.begin() + static_cast<std::ptrdiff_t>(row + b.x1), -1);
            std::fill(out->inverse_depth.begin() + static_cast<std::ptrdiff_t>(row + b.x0),
                      out->inverse_depth.begin() + static_cast<std::ptrdiff_t>(row + b.x1), 0.f);
        }
    }
    out->width = width;
    out->height = height;
    const int face_count = static_cast<int>(F.rows());
    out->setup_of_face.resize(static_cast<size_t>(face_count));

    // Set-up in face order; threads fill their own lists over contiguous face ranges, joined
    // in thread order, so `setups` keeps increasing face indices.
    const bool threaded = options.threaded;
    const int threads = threaded ? omp_get_max_threads() : 1;
    out->per_thread.resize(static_cast<size_t>(threads));
    const float* Pd = vertices_cam.data();
    const float* Xd = vertices_px.data();
#pragma omp parallel num_threads(threads) if (threads > 1)
    {
        std::vector<TriangleSetup>& mine =
            out->per_thread[static_cast<size_t>(omp_get_thread_num())];
        mine.clear();
#pragma omp for schedule(static)
        for (int t = 0; t < face_count; ++t) {
            const float* P[3];
            const float* px[3];
            for (int k = 0; k < 3; ++k) {
                const int v = F(t, k);
                P[k] = Pd + 3 * static_cast<size_t>(v);
                px[k] = Xd + 2 * static_cast<size_t>(v);
            }
            TriangleSetup s;
            if (!set_up(P, px, camera, options, s)) continue;
            s.face = t;
            mine.push_back(s);
        }
    }
    out->setups.clear();
    if (threads == 1) out->setups.swap(out->per_thread.front());  // no copy on one thread
    for (int id = 0; id < threads && threads > 1; ++id) {
        const std::vector<TriangleSetup>& part = out->per_thread[static_cast<size_t>(id)];
        out->setups.insert(out->setups.end(), part.begin(), part.end());
    }
    // The bounds in locals: through out->bounds, every store to setup_of_face could alias them
    // and each step would wait on the previous one's store.
    PixelRect bounds{width, height, 0, 0};
    int* setup_of_face = out->setup_of_face.data();
    for (size_t j = 0; j < out->setups.size(); ++j) {
        const TriangleSetup& s = out->setups[j];
        setup_of_face[s.face] = static_cast<int>(j);
        bounds.x0 = std::min(bounds.x0, s.x_min);
        bounds.y0 = std::min(bounds.y0, s.y_min);
        bounds.x1 = std::max(bounds.x1, s.x_max + 1);
        bounds.y1 = std::max(bounds.y1, s.y_max + 1);
    }
    out->bounds = bounds.empty() ? PixelRect{} : bounds;

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
