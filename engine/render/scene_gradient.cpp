#include "engine/render/scene_gradient.hpp"

#include <omp.h>

#include <Eigen/Geometry>
#include <cassert>

#include "engine/core/sh_lighting.hpp"
#include "engine/render/pixel_jacobian.hpp"
#include "engine/render/renderer.hpp"
#include "engine/render/vertex_normal_derivatives.hpp"

namespace likeness::render {
namespace {

constexpr int kScratch = 5;  // per covered pixel: u, v, ρ̄ (3)

// Per-pixel reverse pass: scatters ∂L/∂P (camera space) and ∂L/∂s to the three corners.
void pixel_pass(const Scene& scene, const Rendering& rendering, const float* adjoint,
                float* position_bar, float* shading_bar, double* focal_bar, float* scratch,
                int j_begin, int j_end) {
    const RasterBuffers& raster = rendering.raster;
    const ShadedVertices& sv = rendering.vertices;
    const core::MatrixX3iR& F = scene.mesh->F;
    const core::MatrixX2fR& UV = scene.mesh->UV;
    const bool has_uv = UV.rows() > 0;
    const cv::Mat* tex = scene.albedo_uv && !scene.albedo_uv->empty() ? scene.albedo_uv : nullptr;
    const double focal = scene.camera.focal_px;
    const int width = raster.width;
    double f_bar = 0.0;
    for (int j = j_begin; j < j_end; ++j) {
        const int i = rendering.covered[static_cast<size_t>(j)];
        const float* a = adjoint + 3 * static_cast<size_t>(i);
        float* scr = scratch + kScratch * static_cast<size_t>(j);
        if (a[0] == 0.f && a[1] == 0.f && a[2] == 0.f) {
            scr[2] = scr[3] = scr[4] = 0.f;
            continue;
        }
        const int t = raster.triangle[static_cast<size_t>(i)];
        const int v[3] = {F(t, 0), F(t, 1), F(t, 2)};
        const float* P[3] = {sv.position_cam.row(v[0]).data(), sv.position_cam.row(v[1]).data(),
                             sv.position_cam.row(v[2]).data()};
        const RayHit hit = ray_hit(P, scene.camera, i % width, i / width);
        float b[3], uv[3][2] = {};
        float u = 0.f, w = 0.f;
        for (int k = 0; k < 3; ++k) {
            b[k] = static_cast<float>(hit.b[k]);
            if (has_uv) {
                uv[k][0] = UV(v[k], 0);
                uv[k][1] = UV(v[k], 1);
            }
            u += b[k] * uv[k][0];
            w += b[k] * uv[k][1];
        }
        float rho[3] = {1.f, 1.f, 1.f}, d_du[3] = {0.f, 0.f, 0.f}, d_dv[3] = {0.f, 0.f, 0.f};
        if (tex) {
            const RgbSample s = sample_rgb(tex->ptr<float>(), tex->cols, tex->rows, u, w);
            for (int c = 0; c < 3; ++c) {
                rho[c] = s.value[c];
                d_du[c] = s.d_du[c];
                d_dv[c] = s.d_dv[c];
            }
        }
        const float* s_k[3] = {sv.shading.row(v[0]).data(), sv.shading.row(v[1]).data(),
                               sv.shading.row(v[2]).data()};
        // α = a ⊙ s̄ (adjoint of ρ), β = a ⊙ ρ (adjoint of s̄).
        float alpha[3], beta[3];
        for (int c = 0; c < 3; ++c) {
            const float s_bar = b[0] * s_k[0][c] + b[1] * s_k[1][c] + b[2] * s_k[2][c];
            alpha[c] = a[c] * s_bar;
            beta[c] = a[c] * rho[c];
        }
        scr[0] = u;
        scr[1] = w;
        scr[2] = alpha[0];
        scr[3] = alpha[1];
        scr[4] = alpha[2];
        const float bu = alpha[0] * d_du[0] + alpha[1] * d_du[1] + alpha[2] * d_du[2];
        const float bv = alpha[0] * d_dv[0] + alpha[1] * d_dv[1] + alpha[2] * d_dv[2];
        double b_bar[3];
        for (int k = 0; k < 3; ++k) {
            b_bar[k] = bu * uv[k][0] + bv * uv[k][1] + beta[0] * s_k[k][0] + beta[1] * s_k[k][1] +
                       beta[2] * s_k[k][2];
            float* sb = shading_bar + 3 * static_cast<size_t>(v[k]);
            for (int c = 0; c < 3; ++c)
                sb[c] += b[k] * beta[c];
        }
        double P_bar[3][3] = {};
        add_barycentric_adjoint(hit, edge_derivatives(hit, focal), b_bar, P_bar, &f_bar);
        for (int k = 0; k < 3; ++k) {
            float* pb = position_bar + 3 * static_cast<size_t>(v[k]);
            for (int c = 0; c < 3; ++c)
                pb[c] += static_cast<float>(P_bar[k][c]);
        }
    }
    *focal_bar += f_bar;
}

}  // namespace

void scene_gradient(const Scene& scene, const Rendering& rendering, const cv::Mat& pixel_adjoint,
                    const GradientRequest& request, SceneGradient* out) {
    assert(out && scene.mesh);
    assert(pixel_adjoint.type() == CV_32FC3 && pixel_adjoint.isContinuous() &&
           pixel_adjoint.cols == rendering.raster.width &&
           pixel_adjoint.rows == rendering.raster.height && "adjoint: one RGB float per pixel");
    const core::MatrixX3fR& X = scene.geometry();
    const int n = static_cast<int>(X.rows());
    const ShadedVertices& sv = rendering.vertices;
    const int covered = static_cast<int>(rendering.covered.size());
    const int threads = rendering.threaded ? omp_get_max_threads() : 1;

    out->position_bar.resize(static_cast<size_t>(threads));
    out->shading_bar.resize(static_cast<size_t>(threads));
    out->pixel_scratch.resize(kScratch * static_cast<size_t>(covered));
    std::vector<double> focal_bar(static_cast<size_t>(threads), 0.0);
    const float* adjoint = pixel_adjoint.ptr<float>();
#pragma omp parallel num_threads(threads) if (threads > 1)
    {
        const int id = omp_get_thread_num(), count = omp_get_num_threads();
        core::MatrixX3fR& pb = out->position_bar[static_cast<size_t>(id)];
        core::MatrixX3fR& sb = out->shading_bar[static_cast<size_t>(id)];
        pb.setZero(n, 3);
        sb.setZero(n, 3);
        const int begin = static_cast<int>(static_cast<long>(covered) * id / count);
        const int end = static_cast<int>(static_cast<long>(covered) * (id + 1) / count);
        pixel_pass(scene, rendering, adjoint, pb.data(), sb.data(),
                   &focal_bar[static_cast<size_t>(id)], out->pixel_scratch.data(), begin, end);
    }
    core::MatrixX3fR& P_bar = out->position_bar[0];
    core::MatrixX3fR& s_bar = out->shading_bar[0];
    double f_bar = focal_bar[0];
    for (int id = 1; id < threads; ++id) {
        P_bar += out->position_bar[static_cast<size_t>(id)];
        s_bar += out->shading_bar[static_cast<size_t>(id)];
        f_bar += focal_bar[static_cast<size_t>(id)];
    }

    // Per vertex: γ̄ from s̄ (s is linear in γ), n̄ from s̄ through ∂H/∂n, then the pose: with
    // P = R X + t and n_cam = R n, d(R x)/dω = −[R x]× J_l(ω) (core/pose.hpp).
    out->scene.setZero();
    const Eigen::Matrix3f& R = sv.R_cam_from_model;
    const Eigen::Vector3f t = scene.pose.translation_cm;
    const std::array<float, core::kShCoefficientCount>& gamma = scene.lighting.gamma;
    Eigen::Vector3d omega_acc = Eigen::Vector3d::Zero(), t_bar = Eigen::Vector3d::Zero();
    Eigen::Matrix<double, core::kShCoefficientCount, 1> gamma_bar;
    gamma_bar.setZero();
    core::MatrixX3fR n_bar_model;
    if (rendering.lit && request.vertices) n_bar_model.resize(n, 3);
    if (request.vertices) out->vertices.resize(n, 3);
    for (int v = 0; v < n; ++v) {
        const Eigen::Vector3f pb = P_bar.row(v).transpose();
        const Eigen::Vector3f q = sv.position_cam.row(v).transpose() - t;
        omega_acc += q.cross(pb).cast<double>();
        t_bar += pb.cast<double>();
        if (request.vertices) out->vertices.row(v) = (R.transpose() * pb).transpose();
        if (!rendering.lit) continue;
        const float* sb = s_bar.row(v).data();
        const float* H = sv.sh_basis.row(v).data();
        for (int c = 0; c < 3; ++c)
            for (int b = 0; b < 9; ++b)
                gamma_bar[9 * c + b] += static_cast<double>(sb[c]) * H[b];
        const Eigen::Vector3f nc = sv.normal_cam.row(v).transpose();
        float dH[27];
        core::sh_basis_jacobian(nc.x(), nc.y(), nc.z(), dH);
        Eigen::Vector3f n_bar = Eigen::Vector3f::Zero();
        for (int c = 0; c < 3; ++c) {
            if (sb[c] == 0.f) continue;
            for (int b = 1; b < 9; ++b) {
                const float w = sb[c] * gamma[static_cast<size_t>(9 * c + b)];
                n_bar += w * Eigen::Vector3f(dH[3 * b], dH[3 * b + 1], dH[3 * b + 2]);
            }
        }
        omega_acc += nc.cross(n_bar).cast<double>();
        if (request.vertices) n_bar_model.row(v) = (R.transpose() * n_bar).transpose();
    }
    if (request.vertices && rendering.lit)
        add_normal_adjoint(X, scene.mesh->F, sv, n_bar_model, &out->vertices);

    const Eigen::Matrix3d J_l = core::so3_left_jacobian(scene.pose.rotation).cast<double>();
    out->scene.segment<3>(SceneParameter::kRotation) = J_l.transpose() * omega_acc;
    out->scene.segment<3>(SceneParameter::kTranslation) = t_bar;
    out->scene[SceneParameter::kFocal] = f_bar;
    if (rendering.lit)
        out->scene.segment<core::kShCoefficientCount>(SceneParameter::kLighting) = gamma_bar;

    if (request.albedo && scene.albedo_uv && !scene.albedo_uv->empty()) {
        const cv::Mat& tex = *scene.albedo_uv;
        out->albedo.create(tex.rows, tex.cols, CV_32FC3);
        out->albedo.setTo(cv::Scalar::all(0));
        float* g = out->albedo.ptr<float>();
        for (int j = 0; j < covered; ++j) {
            const float* scr = out->pixel_scratch.data() + kScratch * static_cast<size_t>(j);
            if (scr[2] == 0.f && scr[3] == 0.f && scr[4] == 0.f) continue;
            const TexelFootprint fp = texel_footprint(scr[0], scr[1], tex.cols, tex.rows);
            for (int m = 0; m < 4; ++m)
                for (int c = 0; c < 3; ++c)
                    g[3 * static_cast<size_t>(fp.offset[m]) + c] += fp.weight[m] * scr[2 + c];
        }
    } else if (request.albedo) {
        out->albedo.release();
    }
}

}  // namespace likeness::render
