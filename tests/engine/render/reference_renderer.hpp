#pragma once
// A slow, double-precision restatement of the image formation (renderer.hpp), written apart
// from the engine's code, for fixed visibility: the colour a pixel gets through a given face.
// Finite differences of it check every analytic derivative without float noise or visibility
// jumps (which the renderer's derivatives ignore by design).
#include <Eigen/Core>
#include <Eigen/Geometry>
#include <cmath>
#include <vector>

#include "engine/core/sh_lighting.hpp"
#include "engine/render/renderer.hpp"

namespace likeness::render::test {

struct ReferenceParams {
    Eigen::MatrixXd X;  ///< #V by 3 model space
    Eigen::Vector3d omega = Eigen::Vector3d::Zero(), t = Eigen::Vector3d::Zero();
    double focal = 1.0, cx = 0.0, cy = 0.0;
    double gamma[27] = {};
    std::vector<double> texels;  ///< rows·cols·3, empty: albedo 1
    int tex_cols = 0, tex_rows = 0;
    bool lit = true;
};

inline ReferenceParams reference_params(const Scene& scene, bool lit = true) {
    ReferenceParams p;
    p.X = scene.geometry().cast<double>();
    p.omega = scene.pose.rotation.cast<double>();
    p.t = scene.pose.translation_cm.cast<double>();
    p.focal = scene.camera.focal_px;
    p.cx = scene.camera.cx_px;
    p.cy = scene.camera.cy_px;
    for (int i = 0; i < 27; ++i)
        p.gamma[i] = scene.lighting.gamma[static_cast<size_t>(i)];
    if (scene.albedo_uv && !scene.albedo_uv->empty()) {
        const cv::Mat& tex = *scene.albedo_uv;
        p.tex_cols = tex.cols;
        p.tex_rows = tex.rows;
        p.texels.assign(tex.ptr<float>(), tex.ptr<float>() + 3 * tex.total());
    }
    p.lit = lit;
    return p;
}

inline Eigen::Matrix3d rodrigues(const Eigen::Vector3d& w) {
    const double th = w.norm();
    if (th == 0.0) return Eigen::Matrix3d::Identity();
    return Eigen::AngleAxisd(th, w / th).toRotationMatrix();
}

/// A (pixel, face) pair whose colour the reference evaluates.
struct FixedPixel {
    int x, y, face;
};

/// Colours of `pixels` under `p`, faces and UVs from `mesh`.
inline std::vector<Eigen::Vector3d> reference_colours(const ReferenceParams& p,
                                                      const core::Mesh& mesh,
                                                      const std::vector<FixedPixel>& pixels) {
    const Eigen::Index n = p.X.rows();
    const Eigen::Matrix3d R = rodrigues(p.omega);
    Eigen::MatrixXd M = Eigen::MatrixXd::Zero(n, 3);
    for (Eigen::Index f = 0; f < mesh.F.rows(); ++f) {
        const Eigen::Vector3d a = p.X.row(mesh.F(f, 0)), b = p.X.row(mesh.F(f, 1)),
                              c = p.X.row(mesh.F(f, 2));
        const Eigen::Vector3d m = (b - a).cross(c - a);
        for (int k = 0; k < 3; ++k)
            M.row(mesh.F(f, k)) += m.transpose();
    }
    std::vector<Eigen::Vector3d> out;
    out.reserve(pixels.size());
    for (const FixedPixel& q : pixels) {
        Eigen::Vector3d P[3], s[3];
        Eigen::Vector2d uv[3];
        for (int k = 0; k < 3; ++k) {
            const int v = mesh.F(q.face, k);
            P[k] = R * p.X.row(v).transpose() + p.t;
            uv[k] = mesh.UV.row(v).transpose().cast<double>();
            const Eigen::Vector3d nc = R * M.row(v).transpose().normalized();
            double H[9];
            core::sh_basis(nc.x(), nc.y(), nc.z(), H);
            for (int c = 0; c < 3; ++c) {
                s[k][c] = 0.0;
                for (int b = 0; b < 9; ++b)
                    s[k][c] += p.gamma[9 * c + b] * H[b];
                if (!p.lit) s[k][c] = 1.0;
            }
        }
        // Ray–plane hit, then barycentrics from sub-triangle areas in the plane.
        const Eigen::Vector3d d((q.x - p.cx) / p.focal, -(q.y - p.cy) / p.focal, -1.0);
        const Eigen::Vector3d N = (P[1] - P[0]).cross(P[2] - P[0]);
        const Eigen::Vector3d hit = (N.dot(P[0]) / N.dot(d)) * d;
        double b[3];
        for (int k = 0; k < 3; ++k)
            b[k] = (P[(k + 1) % 3] - hit).cross(P[(k + 2) % 3] - hit).dot(N) / N.squaredNorm();
        const Eigen::Vector2d st = b[0] * uv[0] + b[1] * uv[1] + b[2] * uv[2];
        Eigen::Vector3d rho(1.0, 1.0, 1.0);
        if (!p.texels.empty()) {
            const double tx = st.x() * p.tex_cols - 0.5, ty = (1.0 - st.y()) * p.tex_rows - 0.5;
            const double x0 = std::floor(tx), y0 = std::floor(ty), fx = tx - x0, fy = ty - y0;
            auto texel = [&](double xi, double yi, int c) {
                const int xc = std::clamp(static_cast<int>(xi), 0, p.tex_cols - 1);
                const int yc = std::clamp(static_cast<int>(yi), 0, p.tex_rows - 1);
                return p.texels[3 * (static_cast<size_t>(yc) * p.tex_cols + xc) + c];
            };
            for (int c = 0; c < 3; ++c)
                rho[c] = (1 - fx) * (1 - fy) * texel(x0, y0, c) +
                         fx * (1 - fy) * texel(x0 + 1, y0, c) +
                         (1 - fx) * fy * texel(x0, y0 + 1, c) + fx * fy * texel(x0 + 1, y0 + 1, c);
        }
        Eigen::Vector3d colour;
        for (int c = 0; c < 3; ++c)
            colour[c] = rho[c] * (b[0] * s[0][c] + b[1] * s[1][c] + b[2] * s[2][c]);
        out.push_back(colour);
    }
    return out;
}

/// Σ_q a_q · colour_q, the linear functional whose gradient is J^T a.
inline double reference_functional(const ReferenceParams& p, const core::Mesh& mesh,
                                   const std::vector<FixedPixel>& pixels,
                                   const std::vector<Eigen::Vector3d>& adjoint) {
    const std::vector<Eigen::Vector3d> colours = reference_colours(p, mesh, pixels);
    double L = 0.0;
    for (size_t i = 0; i < colours.size(); ++i)
        L += adjoint[i].dot(colours[i]);
    return L;
}

/// The covered pixels of a rendering as fixed (pixel, face) pairs, leaving out pixels within
/// `margin` pixels of an uncovered one (silhouettes, where visibility would change).
inline std::vector<FixedPixel> interior_pixels(const Rendering& r, int margin) {
    std::vector<FixedPixel> out;
    const int w = r.raster.width, h = r.raster.height;
    for (int i : r.covered) {
        const int x = i % w, y = i / w;
        bool interior = true;
        for (int dy = -margin; dy <= margin && interior; ++dy)
            for (int dx = -margin; dx <= margin && interior; ++dx) {
                const int xx = x + dx, yy = y + dy;
                interior = xx >= 0 && yy >= 0 && xx < w && yy < h &&
                           r.raster.triangle[static_cast<size_t>(yy * w + xx)] >= 0;
            }
        if (interior) out.push_back({x, y, r.raster.triangle[static_cast<size_t>(i)]});
    }
    return out;
}

}  // namespace likeness::render::test
