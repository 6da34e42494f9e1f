#pragma once
// Z-buffer rasterisation of a triangle mesh already in camera space (paper §3.3 renderer R;
// seed 003 §3.2: "for each pixel, the 3D face points which project into it, z-buffering to
// select the visible triangle").
//
// Each pixel is a ray d = camera.ray(x, y) from the camera centre. For a triangle P0 P1 P2 the
// ray's hit has barycentrics b_k = d·C_k / Σ_j d·C_j with C_k = P_{k+1} × P_{k+2} (the volumes
// of the tetrahedra the ray spans with each edge), which are perspective-correct by
// construction and affine in the pixel coordinates (homogeneous rasterisation, Olano & Greer
// 1997). The same expression drives the inside test, the depth test and, in pixel_jacobian.hpp,
// the derivatives. Shared edges see exactly opposite edge functions, so a closed mesh renders
// without cracks.
#include <cmath>
#include <vector>

#include "engine/core/camera.hpp"
#include "engine/core/mesh.hpp"

namespace likeness::render {

enum class FaceCulling {
    Back,  ///< triangles seen from behind (CW on screen) are skipped
    None,  ///< both sides are drawn (the shading normal is not flipped)
};

struct RasterOptions {
    FaceCulling culling = FaceCulling::Back;
    /// Triangles with a corner nearer than this depth (cm) are dropped, not clipped: the face
    /// is never that close to the camera, and nothing behind the camera is ever drawn.
    float near_cm = 1.f;
    bool threaded = false;  ///< split set-up and row bands over OpenMP threads
};

/// Screen-space set-up of one triangle: edge functions ê_k(x, y) = a_k x + b_k y + c_k
/// (ê_k = focal_px · d·C_k, signed so that inside is ê_k ≥ 0 for all k), and
/// 1 / depth_cm = (ê_0 + ê_1 + ê_2) · inverse_depth_scale.
struct TriangleSetup {
    float a[3], b[3], c[3];
    float inverse_depth_scale;
    int x_min, x_max, y_min, y_max;  ///< inclusive pixel bounds
    int face;                        ///< index into F
};

/// A pixel rectangle [x0, x1) × [y0, y1).
struct PixelRect {
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    bool empty() const { return x1 <= x0 || y1 <= y0; }
};

/// a·x + b as every edge-function evaluation computes it: one rounding with FMA hardware, two
/// without, but the same everywhere (the crack-free guarantee needs bit-identical values).
inline float edge_madd(float a, float x, float b) {
#if defined(__FMA__)
    return std::fma(a, x, b);
#else
    return a * x + b;
#endif
}

struct RasterBuffers {
    int width = 0, height = 0;
    /// Holds every drawn face's pixel bounds: outside it `triangle` is −1 and
    /// `inverse_depth` 0. Lets large images (full-frame overlays) clear and scan only the
    /// region the face covers.
    PixelRect bounds;
    std::vector<int> triangle;         ///< width·height, row-major: visible face index or −1
    std::vector<float> inverse_depth;  ///< width·height: 1 / depth_cm of the visible hit, 0 none
    /// Faces that may cover a pixel centre (in front, facing the camera unless culling is
    /// off, bounds holding a pixel), in increasing face order.
    std::vector<TriangleSetup> setups;
    std::vector<int> setup_of_face;  ///< #F: index into setups, meaningful for drawn faces only
    std::vector<std::vector<TriangleSetup>> per_thread;  ///< workspace

    /// Perspective-correct barycentrics (sum 1) of the corners F(t, 0..2) at pixel (x, y).
    void barycentrics(int t, int x, int y, float* bary) const {
        const TriangleSetup& s = setups[static_cast<size_t>(setup_of_face[static_cast<size_t>(t)])];
        const float fx = static_cast<float>(x), fy = static_cast<float>(y);
        float e[3];
        for (int k = 0; k < 3; ++k)
            e[k] = edge_madd(s.a[k], fx, edge_madd(s.b[k], fy, s.c[k]));
        const float inv_sum = 1.f / (e[0] + e[1] + e[2]);
        for (int k = 0; k < 3; ++k)
            bary[k] = e[k] * inv_sum;
    }
};

/// Rasterises faces F over `vertices_cam` (#V by 3, camera space, cm) whose image positions are
/// `vertices_px` (#V by 2, camera.project of each row). The nearest hit wins (ties: the lower
/// face index). Buffers are resized to the camera's image and reused between calls. Runs over
/// row bands in parallel (OpenMP) when the image has at least kMinPixelsForThreads pixels.
void rasterize(const core::MatrixX3fR& vertices_cam, const core::MatrixX2fR& vertices_px,
               const core::MatrixX3iR& F, const core::Camera& camera, const RasterOptions& options,
               RasterBuffers* out);

/// Default of RenderOptions::min_pixels_for_threads. A 224×224 fitting crop renders in about
/// 2 ms, too little to share: with the cores busy elsewhere (other frames, other programs) a
/// thread team's barriers cost more than they save, so solvers parallelise over frames and
/// each frame renders on its calling thread. Full-frame overlays (≥ 256×256) use OpenMP.
constexpr int kMinPixelsForThreads = 256 * 256;

}  // namespace likeness::render
