#include "engine/render/renderer.hpp"

#include <cassert>
#include <cmath>

#include "engine/render/texel_footprint.hpp"

namespace likeness::render {
namespace {

struct TextureView {
    const float* data = nullptr;  // RGB, row-major
    int cols = 0, rows = 0;
};

TextureView albedo_view(const cv::Mat* albedo) {
    if (!albedo || albedo->empty()) return {};
    assert(albedo->type() == CV_32FC3 && albedo->isContinuous() && "albedo: continuous RGB float");
    return {albedo->ptr<float>(), albedo->cols, albedo->rows};
}

/// The per-pixel stage of render(), after out->vertices is filled, from the rasterisation
/// `raster` (out->raster, or the one render_same_geometry shares).
void draw_pixels(const Scene& scene, const RenderOptions& options, const RasterBuffers& raster,
                 Rendering* out);

}  // namespace

void render(const Scene& scene, const RenderOptions& options, Rendering* out) {
    assert(scene.mesh && out);
    const int width = scene.camera.width, height = scene.camera.height;
    out->lit = options.lit;
    out->threaded = width * height >= options.min_pixels_for_threads;
    shade_vertices(scene, options.lit, out->threaded, &out->vertices);
    const ShadedVertices& sv = out->vertices;
    rasterize(sv.position_cam, sv.position_px, scene.mesh->F, scene.camera,
              {options.culling, options.near_cm, out->threaded}, &out->raster);
    draw_pixels(scene, options, out->raster, out);
}

void render_same_geometry(const Scene& scene, const RenderOptions& options,
                          const Rendering& same_geometry, Rendering* out) {
    assert(scene.mesh && out && out != &same_geometry);
    assert(same_geometry.vertices.position_cam.rows() == scene.geometry().rows() &&
           same_geometry.raster.width == scene.camera.width &&
           same_geometry.raster.height == scene.camera.height && "the same geometry and camera");
    out->lit = options.lit;
    out->threaded = same_geometry.threaded;
    // Of the rasterisation, what a rendering's users read: the triangle image. The per-face
    // set-ups and the z-buffer (most of its bytes) serve the drawing below, which reads them
    // from `same_geometry`; they are left empty here (rasterize() then starts afresh).
    const RasterBuffers& from = same_geometry.raster;
    RasterBuffers& to = out->raster;
    to.width = from.width;
    to.height = from.height;
    to.bounds = from.bounds;
    to.triangle = from.triangle;
    to.inverse_depth.clear();
    to.setups.clear();
    to.setup_of_face.clear();
    ShadedVertices& sv = out->vertices;
    sv = same_geometry.vertices;
    if (!options.lit) {
        sv.shading.setOnes();
    } else {
        // s_c = Σ_b γ[9c + b] H_b in shade_vertices' order: only the lighting may differ.
        const core::ShLighting& light = scene.lighting;
        for (Eigen::Index v = 0; v < sv.shading.rows(); ++v)
            for (int c = 0; c < 3; ++c) {
                float s = 0.f;
                for (int b = 0; b < 9; ++b)
                    s += light.gamma[static_cast<size_t>(9 * c + b)] * sv.sh_basis(v, b);
                sv.shading(v, c) = s;
            }
    }
    draw_pixels(scene, options, from, out);
}

namespace {

void draw_pixels(const Scene& scene, const RenderOptions& options, const RasterBuffers& raster,
                 Rendering* out) {
    assert(scene.mesh->UV.rows() == scene.geometry().rows() || !scene.albedo_uv ||
           scene.albedo_uv->empty());
    const int width = scene.camera.width, height = scene.camera.height;
    const bool threaded = out->threaded;
    const ShadedVertices& sv = out->vertices;

    // Covered pixels in increasing order, without a branch per pixel, inside the faces' bounds.
    const PixelRect& now = raster.bounds;
    std::vector<int>& covered_list = out->covered;
    covered_list.resize(static_cast<size_t>(now.x1 - now.x0) *
                        static_cast<size_t>(now.y1 - now.y0));
    int count = 0;
    for (int y = now.y0; y < now.y1; ++y)
        for (int i = y * width + now.x0, end = y * width + now.x1; i < end; ++i) {
            covered_list[static_cast<size_t>(count)] = i;
            count += raster.triangle[static_cast<size_t>(i)] >= 0;
        }
    covered_list.resize(static_cast<size_t>(count));

    // Outputs: reset only the region the previous frame drew into, unless they are new.
    const PixelRect previous = out->dirty;
    const bool same_background = out->dirty_background == options.background;
    auto prepare = [&](cv::Mat* m, int type, const cv::Scalar& value, bool keep = true) {
        const bool fresh = m->rows != height || m->cols != width || m->type() != type;
        m->create(height, width, type);
        if (fresh || !keep)
            m->setTo(value);
        else if (!previous.empty())
            (*m)(cv::Rect(previous.x0, previous.y0, previous.x1 - previous.x0,
                          previous.y1 - previous.y0))
                .setTo(value);
    };
    const cv::Scalar background(options.background[0], options.background[1],
                                options.background[2]);
    prepare(&out->triangle, CV_32S, cv::Scalar::all(-1));
    for (int y = now.y0; y < now.y1; ++y)
        std::copy(raster.triangle.begin() + y * width + now.x0,
                  raster.triangle.begin() + y * width + now.x1, out->triangle.ptr<int>(y) + now.x0);
    prepare(&out->colour, CV_32FC3, background, same_background);
    prepare(&out->barycentric, CV_32FC3, cv::Scalar::all(0));
    prepare(&out->depth, CV_32F, cv::Scalar::all(0));
    prepare(&out->mask, CV_8U, cv::Scalar::all(0));
    const bool want_labels = scene.labels_uv && !scene.labels_uv->empty();
    if (want_labels) {
        assert(scene.labels_uv->type() == CV_8U && scene.labels_uv->isContinuous());
        prepare(&out->labels, CV_8U, cv::Scalar::all(0));
    } else {
        out->labels.release();
    }
    // Outputs not asked for are released, so a later request starts from a clean image.
    if (options.want_normals)
        prepare(&out->normals, CV_32FC3, cv::Scalar::all(0));
    else
        out->normals.release();
    if (options.want_albedo)
        prepare(&out->albedo, CV_32FC3, cv::Scalar::all(0));
    else
        out->albedo.release();
    out->dirty = now;
    out->dirty_background = options.background;

    float* colour = out->colour.ptr<float>();
    const TextureView tex = albedo_view(scene.albedo_uv);
    const core::MatrixX3iR& F = scene.mesh->F;
    const core::MatrixX2fR& UV = scene.mesh->UV;
    const bool has_uv = UV.rows() > 0;
    float* bary_out = out->barycentric.ptr<float>();
    float* depth = out->depth.ptr<float>();
    unsigned char* mask = out->mask.ptr<unsigned char>();
    unsigned char* labels = want_labels ? out->labels.ptr<unsigned char>() : nullptr;
    float* normals = options.want_normals ? out->normals.ptr<float>() : nullptr;
    float* albedo = options.want_albedo ? out->albedo.ptr<float>() : nullptr;

    const int covered = static_cast<int>(out->covered.size());
    out->covered_uv.resize(2 * static_cast<size_t>(covered));
#pragma omp parallel for schedule(static) if (threaded)
    for (int j = 0; j < covered; ++j) {
        const int i = out->covered[static_cast<size_t>(j)];
        const int t = raster.triangle[static_cast<size_t>(i)];
        const int x = i % width, y = i / width;
        float b[3];
        raster.barycentrics(t, x, y, b);
        const int v[3] = {F(t, 0), F(t, 1), F(t, 2)};
        const size_t i3 = 3 * static_cast<size_t>(i);

        float u = 0.f, w = 0.f;
        if (has_uv) {
            for (int k = 0; k < 3; ++k) {
                u += b[k] * UV(v[k], 0);
                w += b[k] * UV(v[k], 1);
            }
        }
        out->covered_uv[2 * static_cast<size_t>(j)] = u;
        out->covered_uv[2 * static_cast<size_t>(j) + 1] = w;
        for (int c = 0; c < 3; ++c) {
            colour[i3 + c] = b[0] * sv.shading(v[0], c) + b[1] * sv.shading(v[1], c) +
                             b[2] * sv.shading(v[2], c);
            bary_out[i3 + c] = b[c];
        }
        depth[i] = 1.f / raster.inverse_depth[static_cast<size_t>(i)];
        unsigned char label = 0;
        if (labels) {
            label = scene.labels_uv
                        ->data[nearest_texel(u, w, scene.labels_uv->cols, scene.labels_uv->rows)];
            labels[i] = label;
        }
        mask[i] = options.mask_excluded_labels.test(label) ? 0 : 255;
        if (normals) {
            Eigen::Vector3f n = Eigen::Vector3f::Zero();
            for (int k = 0; k < 3; ++k)
                n += b[k] * sv.normal_cam.row(v[k]).transpose();
            const float len = n.norm();
            if (len > 0.f) n /= len;
            for (int c = 0; c < 3; ++c)
                normals[i3 + c] = n[c];
        }
    }

    // Albedo in a second, short loop: texture reads miss the cache, and a small loop body lets
    // the processor keep many of them in flight.
    if (!tex.data && !albedo) return;
#pragma omp parallel for schedule(static) if (threaded)
    for (int j = 0; j < covered; ++j) {
        const size_t i3 = 3 * static_cast<size_t>(out->covered[static_cast<size_t>(j)]);
        float rho[3] = {1.f, 1.f, 1.f};
        if (tex.data) {
            const TexelFootprint fp = texel_footprint(
                out->covered_uv[2 * static_cast<size_t>(j)],
                out->covered_uv[2 * static_cast<size_t>(j) + 1], tex.cols, tex.rows);
            for (int c = 0; c < 3; ++c) {
                float r = 0.f;
                for (int n = 0; n < 4; ++n)
                    r += fp.weight[n] * tex.data[3 * static_cast<size_t>(fp.offset[n]) + c];
                rho[c] = r;
            }
        }
        for (int c = 0; c < 3; ++c) {
            colour[i3 + c] *= rho[c];
            if (albedo) albedo[i3 + c] = rho[c];
        }
    }
}

}  // namespace

}  // namespace likeness::render
