#include "engine/render/colour_differential.hpp"

#include <Eigen/Geometry>
#include <cassert>

#include "engine/core/sh_lighting.hpp"
#include "engine/render/pixel_jacobian.hpp"
#include "engine/render/renderer.hpp"
#include "engine/render/vertex_normal_derivatives.hpp"

namespace likeness::render {

void colour_differential(const Scene& scene, const Rendering& rendering,
                         const SceneDirection& direction, cv::Mat* colour_change) {
    assert(colour_change && scene.mesh);
    const core::MatrixX3fR& X = scene.geometry();
    const int n = static_cast<int>(X.rows());
    const ShadedVertices& sv = rendering.vertices;
    const Eigen::Matrix3f& R = sv.R_cam_from_model;
    const Eigen::Vector3f t = scene.pose.translation_cm;
    const SceneVector& ds = direction.scene;
    const Eigen::Vector3f d_omega = (core::so3_left_jacobian(scene.pose.rotation).cast<double>() *
                                     ds.segment<3>(SceneParameter::kRotation))
                                        .cast<float>();
    const Eigen::Vector3f d_t = ds.segment<3>(SceneParameter::kTranslation).cast<float>();
    const float d_focal = static_cast<float>(ds[SceneParameter::kFocal]);

    // Per vertex: δP = R δX + (J_l δω) × (P − t) + δt and, when lit,
    // δs_c = Σ_b γ_cb ∂H_b/∂n · δn_cam + Σ_b δγ_cb H_b with δn_cam = R δn + (J_l δω) × n_cam.
    core::MatrixX3fR dn_model;
    if (direction.vertices && rendering.lit)
        normal_differential(X, scene.mesh->F, sv, *direction.vertices, &dn_model);
    core::MatrixX3fR dP(n, 3), dS(n, 3);
    for (int v = 0; v < n; ++v) {
        const Eigen::Vector3f q = sv.position_cam.row(v).transpose() - t;
        Eigen::Vector3f dp = d_omega.cross(q) + d_t;
        if (direction.vertices) dp += R * direction.vertices->row(v).transpose();
        dP.row(v) = dp.transpose();
        if (!rendering.lit) {
            dS.row(v).setZero();
            continue;
        }
        const Eigen::Vector3f nc = sv.normal_cam.row(v).transpose();
        Eigen::Vector3f dnc = d_omega.cross(nc);
        if (direction.vertices) dnc += R * dn_model.row(v).transpose();
        float dH[27];
        core::sh_basis_jacobian(nc.x(), nc.y(), nc.z(), dH);
        const float* H = sv.sh_basis.row(v).data();
        for (int c = 0; c < 3; ++c) {
            double acc = 0.0;
            for (int b = 0; b < 9; ++b) {
                const double dHb =
                    dH[3 * b] * dnc.x() + dH[3 * b + 1] * dnc.y() + dH[3 * b + 2] * dnc.z();
                acc += scene.lighting.gamma[static_cast<size_t>(9 * c + b)] * dHb +
                       ds[SceneParameter::kLighting + 9 * c + b] * H[b];
            }
            dS(v, c) = static_cast<float>(acc);
        }
    }

    [[maybe_unused]] const int width = rendering.raster.width;
    [[maybe_unused]] const int height = rendering.raster.height;
    colour_change->create(height, width, CV_32FC3);
    colour_change->setTo(cv::Scalar::all(0));
    float* out = colour_change->ptr<float>();
    const float* d_tex =
        direction.albedo && !direction.albedo->empty() ? direction.albedo->ptr<float>() : nullptr;
    const int covered = static_cast<int>(rendering.covered.size());
#pragma omp parallel for schedule(static) if (rendering.threaded)
    for (int j = 0; j < covered; ++j) {
        const int i = rendering.covered[static_cast<size_t>(j)];
        PixelJacobian pj;
        pixel_jacobian(scene, rendering, i, &pj);
        for (int c = 0; c < 3; ++c) {
            double acc = pj.dc_dfocal[c] * d_focal;
            for (int k = 0; k < 3; ++k) {
                const int v = pj.vertex[k];
                for (int a = 0; a < 3; ++a)
                    acc += pj.dc_dP[k][c][a] * dP(v, a);
                acc += pj.rho[c] * pj.b[k] * dS(v, c);
            }
            if (d_tex && pj.textured) {
                float d_rho = 0.f;
                for (int m = 0; m < 4; ++m)
                    d_rho += pj.texels.weight[m] *
                             d_tex[3 * static_cast<size_t>(pj.texels.offset[m]) + c];
                acc += d_rho * pj.shade[c];
            }
            out[3 * static_cast<size_t>(i) + c] = static_cast<float>(acc);
        }
    }
}

}  // namespace likeness::render
