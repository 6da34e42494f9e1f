#include "engine/render/shaded_vertices.hpp"

#include <Eigen/Geometry>
#include <cassert>

namespace likeness::render {

void shade_vertices(const Scene& scene, bool lit, bool threaded, ShadedVertices* out) {
    assert(scene.mesh && out && "a scene needs a mesh");
    const core::MatrixX3fR& X = scene.geometry();
    const core::MatrixX3iR& F = scene.mesh->F;
    const int n = static_cast<int>(X.rows());
    const Eigen::Matrix3f R = scene.pose.R_cam_from_model();
    const Eigen::Vector3f t = scene.pose.translation_cm;
    out->R_cam_from_model = R;
    out->position_cam.resize(n, 3);
    out->position_px.resize(n, 2);
    out->normal_model.setZero(n, 3);
    out->normal_length.resize(n);
    out->normal_cam.resize(n, 3);
    out->sh_basis.resize(n, 9);
    out->shading.resize(n, 3);

    // m_v = Σ (X_b − X_a) × (X_c − X_a) over faces around v: the cross product's length is
    // twice the face area, so larger faces weigh more (as core::vertex_normals).
    for (Eigen::Index f = 0; f < F.rows(); ++f) {
        const Eigen::Vector3f a = X.row(F(f, 0)).transpose();
        const Eigen::Vector3f e1 = X.row(F(f, 1)).transpose() - a;
        const Eigen::Vector3f e2 = X.row(F(f, 2)).transpose() - a;
        const Eigen::RowVector3f m = e1.cross(e2).transpose();
        for (int k = 0; k < 3; ++k)
            out->normal_model.row(F(f, k)) += m;
    }

    const core::ShLighting& light = scene.lighting;
#pragma omp parallel for schedule(static) if (threaded)
    for (int v = 0; v < n; ++v) {
        const Eigen::Vector3f P = R * X.row(v).transpose() + t;
        out->position_cam.row(v) = P.transpose();
        out->position_px.row(v) = scene.camera.project(P).transpose();
        const float len = out->normal_model.row(v).norm();
        out->normal_length[v] = len;
        if (len > 0.f) out->normal_model.row(v) /= len;
        const Eigen::Vector3f nc = R * out->normal_model.row(v).transpose();
        out->normal_cam.row(v) = nc.transpose();
        float* H = out->sh_basis.row(v).data();
        core::sh_basis(nc.x(), nc.y(), nc.z(), H);
        for (int c = 0; c < 3; ++c) {
            float s = 1.f;
            if (lit) {
                s = 0.f;
                for (int b = 0; b < 9; ++b)
                    s += light.gamma[static_cast<size_t>(9 * c + b)] * H[b];
            }
            out->shading(v, c) = s;
        }
    }
}

}  // namespace likeness::render
