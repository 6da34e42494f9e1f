#pragma once
// The forward renderer of analysis-by-synthesis (paper §3.3: Î = R(S̃, n, R, γ), its mask M of
// eq. 4 and the parsing render Î^pa = R(S̃, n, T) of eq. 5).
//
// Image formation per covered pixel q, with b the perspective-correct barycentrics of the
// visible face (rasterizer.hpp) and k its three corners:
//     uv(q) = Σ_k b_k uv_k,  ρ(q) = bilinear(R, uv(q)),  s̄(q) = Σ_k b_k s_k,  Î(q) = ρ(q) ⊙ s̄(q)
// i.e. Lambertian SH shading evaluated at the vertices and interpolated (Gouraud, as seed 003
// §3.2 interpolates vertex colours) times the albedo texture sampled at the pixel.
#include <bitset>
#include <opencv2/core.hpp>
#include <vector>

#include "engine/render/rasterizer.hpp"
#include "engine/render/scene.hpp"
#include "engine/render/shaded_vertices.hpp"

namespace likeness::render {

struct RenderOptions {
    FaceCulling culling = FaceCulling::Back;
    float near_cm = 1.f;  ///< see RasterOptions
    /// false: Î = ρ (no lighting), for drawing a UV map as it is, e.g. a colour-coded parsing
    /// map T for eq. 5; derivatives then have no lighting or normal terms.
    bool lit = true;
    cv::Vec3f background{0.f, 0.f, 0.f};  ///< colour of uncovered pixels
    /// Parsing labels left out of the photometric mask M (eq. 4): the caller lists the eyes
    /// and the mouth interior (face::photometric_label tells which).
    std::bitset<256> mask_excluded_labels;
    bool want_normals = false;  ///< fill Rendering::normals
    bool want_albedo = false;   ///< fill Rendering::albedo
    /// Images with at least this many pixels are rendered, and differentiated, with OpenMP
    /// threads; smaller ones on the calling thread (see kMinPixelsForThreads).
    int min_pixels_for_threads = kMinPixelsForThreads;
};

/// One rendered frame and everything its derivatives need. Reuse one object across frames:
/// buffers keep their memory when the image size does not change.
struct Rendering {
    // Images, camera.height by camera.width, row 0 at the top.
    cv::Mat colour;       ///< CV_32FC3 linear RGB Î = ρ ⊙ s̄; `background` where uncovered
    cv::Mat triangle;     ///< CV_32S index of the visible face, −1 where uncovered
    cv::Mat barycentric;  ///< CV_32FC3 b of the corners F(t, 0..2) (sum 1), 0 where uncovered
    cv::Mat depth;        ///< CV_32F depth along the optical axis (−z, cm), 0 where uncovered
    cv::Mat mask;         ///< CV_8U M: 255 covered and not excluded by label, else 0
    cv::Mat labels;       ///< CV_8U nearest label of T, 0 uncovered; empty without labels_uv
    cv::Mat normals;      ///< CV_32FC3 interpolated unit camera-space normal (want_normals)
    cv::Mat albedo;       ///< CV_32FC3 ρ (want_albedo)

    /// Row-major indices y·width + x of the covered pixels, in increasing order.
    std::vector<int> covered;
    std::vector<float> covered_uv;  ///< 2 per covered pixel: interpolated (u, v)
    ShadedVertices vertices;        ///< per-vertex stage of this frame
    RasterBuffers raster;           ///< z-buffer, face set-ups (see render_same_geometry)
    /// Where the images may differ from background / 0 (the faces' bounds of the last frame),
    /// and the background they were filled with: the next frame resets only that region.
    PixelRect dirty;
    cv::Vec3f dirty_background{0.f, 0.f, 0.f};
    bool lit = true;        ///< the options this frame was rendered with
    bool threaded = false;  ///< OpenMP for this frame and its derivatives
};

/// Renders `scene` into `out`. Work is O(#V + #F + pixels); OpenMP from
/// options.min_pixels_for_threads. Thread-safe for distinct `out` objects (e.g. one per frame
/// in a parallel loop over frames; nested regions then run on one thread).
void render(const Scene& scene, const RenderOptions& options, Rendering* out);

/// render() of a scene that differs from the one `same_geometry` was rendered from only in its
/// textures, labels and lighting (the same mesh, vertices, camera and pose, rendered with the
/// same culling and near plane): the per-vertex stage and the rasterisation are copied from
/// `same_geometry` instead of recomputed — e.g. the parsing render of eq. 5 beside the colour
/// render of eq. 4. The result equals render()'s, but for the rasteriser's own buffers:
/// out->raster keeps its size, bounds and triangle image, and leaves the face set-ups and the
/// z-buffer (which only drawing reads) with `same_geometry`.
void render_same_geometry(const Scene& scene, const RenderOptions& options,
                          const Rendering& same_geometry, Rendering* out);

}  // namespace likeness::render
