#include "engine/render/vertex_normal_equation_blocks.hpp"

#include <cassert>

#include "engine/core/sh_lighting.hpp"
#include "engine/render/pixel_jacobian.hpp"
#include "engine/render/renderer.hpp"

namespace likeness::render {
namespace {

// ∂s_k/∂X_j (3 by 3, model space) for every vertex j whose position moves the normal of k:
// k itself and its one-ring. Row-compressed: entries [offset[k], offset[k + 1]).
struct ShadingJacobian {
    std::vector<int> offset, vertex;
    std::vector<Eigen::Matrix3f> block;
};

void shading_jacobian(const Scene& scene, const Rendering& rendering, ShadingJacobian* out) {
    const core::MatrixX3fR& X = scene.geometry();
    const core::MatrixX3iR& F = scene.mesh->F;
    const int n = static_cast<int>(X.rows());
    const ShadedVertices& sv = rendering.vertices;
    // Faces around each vertex.
    std::vector<int> face_offset(static_cast<size_t>(n) + 1, 0), faces(3 * F.rows());
    for (Eigen::Index f = 0; f < F.rows(); ++f)
        for (int k = 0; k < 3; ++k)
            ++face_offset[static_cast<size_t>(F(f, k)) + 1];
    for (int v = 0; v < n; ++v)
        face_offset[static_cast<size_t>(v) + 1] += face_offset[static_cast<size_t>(v)];
    {
        std::vector<int> fill(face_offset.begin(), face_offset.end() - 1);
        for (Eigen::Index f = 0; f < F.rows(); ++f)
            for (int k = 0; k < 3; ++k)
                faces[static_cast<size_t>(fill[static_cast<size_t>(F(f, k))]++)] =
                    static_cast<int>(f);
    }
    out->offset.assign(static_cast<size_t>(n) + 1, 0);
    out->vertex.clear();
    out->block.clear();
    const Eigen::Matrix3f& R = sv.R_cam_from_model;
    for (int v = 0; v < n; ++v) {
        const size_t begin = out->vertex.size();
        // ∂m_v/∂X_j: for face abc, cross = (X_b − X_a) × (X_c − X_a) moves with
        // ∂/∂X_a = [X_c − X_b]×, ∂/∂X_b = −[X_c − X_a]×, ∂/∂X_c = [X_b − X_a]×.
        for (int e = face_offset[static_cast<size_t>(v)];
             e < face_offset[static_cast<size_t>(v) + 1]; ++e) {
            const int f = faces[static_cast<size_t>(e)];
            const int a = F(f, 0), b = F(f, 1), c = F(f, 2);
            const Eigen::Vector3f Xa = X.row(a), Xb = X.row(b), Xc = X.row(c);
            const Eigen::Matrix3f d[3] = {core::skew(Xc - Xb), -core::skew(Xc - Xa),
                                          core::skew(Xb - Xa)};
            const int corner[3] = {a, b, c};
            for (int k = 0; k < 3; ++k) {
                size_t slot = begin;
                while (slot < out->vertex.size() && out->vertex[slot] != corner[k])
                    ++slot;
                if (slot == out->vertex.size()) {
                    out->vertex.push_back(corner[k]);
                    out->block.push_back(Eigen::Matrix3f::Zero());
                }
                out->block[slot] += d[k];
            }
        }
        // ∂s_v/∂X_j = S_v R (I − n nᵀ)/|m| ∂m_v/∂X_j, S_v = ∂s/∂n_cam.
        const float len = sv.normal_length[v];
        Eigen::Matrix3f chain = Eigen::Matrix3f::Zero();
        if (len > 0.f) {
            const Eigen::Vector3f nm = sv.normal_model.row(v).transpose();
            const Eigen::Vector3f nc = sv.normal_cam.row(v).transpose();
            float dH[27];
            core::sh_basis_jacobian(nc.x(), nc.y(), nc.z(), dH);
            Eigen::Matrix3f S = Eigen::Matrix3f::Zero();
            for (int c = 0; c < 3; ++c)
                for (int b = 0; b < 9; ++b)
                    for (int a = 0; a < 3; ++a)
                        S(c, a) +=
                            scene.lighting.gamma[static_cast<size_t>(9 * c + b)] * dH[3 * b + a];
            chain = S * R * (Eigen::Matrix3f::Identity() - nm * nm.transpose()) / len;
        }
        for (size_t slot = begin; slot < out->vertex.size(); ++slot)
            out->block[slot] = chain * out->block[slot];
        out->offset[static_cast<size_t>(v) + 1] = static_cast<int>(out->vertex.size());
    }
}

}  // namespace

void vertex_normal_equation_blocks(const Scene& scene, const Rendering& rendering,
                                   const cv::Mat& weight, std::vector<Eigen::Matrix3f>* blocks) {
    assert(blocks && scene.mesh);
    [[maybe_unused]] const int width = rendering.raster.width;
    [[maybe_unused]] const int height = rendering.raster.height;
    assert(weight.empty() ||
           (weight.type() == CV_32F && weight.cols == width && weight.rows == height));
    const int n = static_cast<int>(scene.geometry().rows());
    blocks->assign(static_cast<size_t>(n), Eigen::Matrix3f::Zero());
    ShadingJacobian sj;
    if (rendering.lit) shading_jacobian(scene, rendering, &sj);
    const Eigen::Matrix3f& R = rendering.vertices.R_cam_from_model;
    const float* w_img = weight.empty() ? nullptr : weight.ptr<float>();
    const unsigned char* mask = rendering.mask.ptr<unsigned char>();

    // Per pixel: gather J_qj for every vertex j it depends on, then add w J_qjᵀ J_qj. Serial:
    // pixels of one face update the same blocks.
    std::vector<int> ids;
    std::vector<Eigen::Matrix3f> J;
    for (const int i : rendering.covered) {
        const float w = w_img ? w_img[i] : (mask[i] ? 1.f : 0.f);
        if (!(w > 0.f)) continue;
        PixelJacobian pj;
        pixel_jacobian(scene, rendering, i, &pj);
        ids.clear();
        J.clear();
        auto slot = [&](int v) -> Eigen::Matrix3f& {
            for (size_t s = 0; s < ids.size(); ++s)
                if (ids[s] == v) return J[s];
            ids.push_back(v);
            J.push_back(Eigen::Matrix3f::Zero());
            return J.back();
        };
        for (int k = 0; k < 3; ++k) {
            const Eigen::Map<const Eigen::Matrix<float, 3, 3, Eigen::RowMajor>> dc_dP(
                &pj.dc_dP[k][0][0]);
            slot(pj.vertex[k]) += dc_dP * R;  // P = R X + t
            if (!rendering.lit) continue;
            const int v = pj.vertex[k];
            const Eigen::Vector3f scale(pj.rho[0] * pj.b[k], pj.rho[1] * pj.b[k],
                                        pj.rho[2] * pj.b[k]);
            for (int e = sj.offset[static_cast<size_t>(v)];
                 e < sj.offset[static_cast<size_t>(v) + 1]; ++e)
                slot(sj.vertex[static_cast<size_t>(e)]) +=
                    scale.asDiagonal() * sj.block[static_cast<size_t>(e)];
        }
        for (size_t s = 0; s < ids.size(); ++s)
            (*blocks)[static_cast<size_t>(ids[s])].noalias() += w * J[s].transpose() * J[s];
    }
}

}  // namespace likeness::render
