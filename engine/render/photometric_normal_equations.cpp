#include "engine/render/photometric_normal_equations.hpp"

#include <omp.h>

#include <cassert>
#include <cmath>

#include "engine/core/sh_lighting.hpp"
#include "engine/render/pixel_jacobian.hpp"
#include "engine/render/renderer.hpp"
#include "engine/render/vertex_normal_derivatives.hpp"

namespace likeness::render {
namespace {

using RowMatrixXf = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
constexpr int kChunkPixels = 128;

// Per vertex k, 3 by m with m = 6 + K columns (ω, t, basis):
//   T_k = [ −[P_k − t]× J_l | I | R B_k ]                 (∂P_k / ∂·, camera space)
//   U_k = [ S_k (−[n_k]× J_l) | 0 | S_k R ∂n_k/∂θ ]        (∂s_k / ∂·), S_k = ∂s_k/∂n_cam
struct VertexTables {
    int m = 0;
    std::vector<float> T, U;  // #V · 3 · m, row-major per vertex
};

void vertex_tables(const Scene& scene, const Rendering& rendering,
                   const std::vector<core::MatrixX3fR>& basis, VertexTables* out) {
    const core::MatrixX3fR& X = scene.geometry();
    const int n = static_cast<int>(X.rows()), K = static_cast<int>(basis.size());
    const ShadedVertices& sv = rendering.vertices;
    const Eigen::Matrix3f& R = sv.R_cam_from_model;
    const Eigen::Matrix3f J_l = core::so3_left_jacobian(scene.pose.rotation);
    const Eigen::Vector3f t = scene.pose.translation_cm;
    const int m = 6 + K;
    out->m = m;
    out->T.assign(static_cast<size_t>(n) * 3 * static_cast<size_t>(m), 0.f);
    out->U.assign(out->T.size(), 0.f);

    std::vector<core::MatrixX3fR> dn(static_cast<size_t>(K));
    if (rendering.lit)
        for (int i = 0; i < K; ++i)
            normal_differential(X, scene.mesh->F, sv, basis[static_cast<size_t>(i)],
                                &dn[static_cast<size_t>(i)]);

#pragma omp parallel for schedule(static) if (rendering.threaded)
    for (int v = 0; v < n; ++v) {
        Eigen::Map<Eigen::Matrix<float, 3, Eigen::Dynamic, Eigen::RowMajor>> T(
            out->T.data() + static_cast<size_t>(v) * 3 * static_cast<size_t>(m), 3, m);
        Eigen::Map<Eigen::Matrix<float, 3, Eigen::Dynamic, Eigen::RowMajor>> U(
            out->U.data() + static_cast<size_t>(v) * 3 * static_cast<size_t>(m), 3, m);
        const Eigen::Vector3f q = sv.position_cam.row(v).transpose() - t;
        T.block<3, 3>(0, 0) = -core::skew(q) * J_l;
        T.block<3, 3>(0, 3).setIdentity();
        for (int i = 0; i < K; ++i)
            T.col(6 + i) = R * basis[static_cast<size_t>(i)].row(v).transpose();
        if (!rendering.lit) continue;
        const Eigen::Vector3f nc = sv.normal_cam.row(v).transpose();
        float dH[27];
        core::sh_basis_jacobian(nc.x(), nc.y(), nc.z(), dH);
        Eigen::Matrix3f S = Eigen::Matrix3f::Zero();
        for (int c = 0; c < 3; ++c)
            for (int b = 0; b < 9; ++b)
                for (int a = 0; a < 3; ++a)
                    S(c, a) += scene.lighting.gamma[static_cast<size_t>(9 * c + b)] * dH[3 * b + a];
        U.block<3, 3>(0, 0) = -S * core::skew(nc) * J_l;
        for (int i = 0; i < K; ++i)
            U.col(6 + i) = S * (R * dn[static_cast<size_t>(i)].row(v).transpose());
    }
}

}  // namespace

void photometric_normal_equations(const Scene& scene, const Rendering& rendering,
                                  const cv::Mat& residual, const cv::Mat& weight,
                                  const std::vector<core::MatrixX3fR>& basis,
                                  NormalEquations* out) {
    assert(out && scene.mesh);
    [[maybe_unused]] const int width = rendering.raster.width;
    [[maybe_unused]] const int height = rendering.raster.height;
    assert(residual.type() == CV_32FC3 && residual.isContinuous() && residual.cols == width &&
           residual.rows == height);
    assert(weight.empty() || (weight.type() == CV_32F && weight.isContinuous() &&
                              weight.cols == width && weight.rows == height));
    const int K = static_cast<int>(basis.size());
    const int cols = SceneParameter::kCount + K;

    VertexTables tables;
    vertex_tables(scene, rendering, basis, &tables);
    const int m = tables.m;
    const ShadedVertices& sv = rendering.vertices;
    const float* r = residual.ptr<float>();
    const float* w_img = weight.empty() ? nullptr : weight.ptr<float>();
    const unsigned char* mask = rendering.mask.ptr<unsigned char>();
    const int covered = static_cast<int>(rendering.covered.size());
    const int threads = rendering.threaded ? omp_get_max_threads() : 1;

    std::vector<Eigen::MatrixXd> JtWJ(static_cast<size_t>(threads));
    std::vector<Eigen::VectorXd> JtWr(static_cast<size_t>(threads));
    std::vector<double> cost(static_cast<size_t>(threads), 0.0);
    std::vector<int> pixels(static_cast<size_t>(threads), 0);
#pragma omp parallel num_threads(threads) if (threads > 1)
    {
        const int id = omp_get_thread_num(), count = omp_get_num_threads();
        Eigen::MatrixXd& A = JtWJ[static_cast<size_t>(id)];
        Eigen::VectorXd& g = JtWr[static_cast<size_t>(id)];
        A.setZero(cols, cols);
        g.setZero(cols);
        RowMatrixXf J(3 * kChunkPixels, cols);
        Eigen::VectorXf rw(3 * kChunkPixels);
        Eigen::MatrixXf chunk(cols, cols);
        Eigen::Matrix<float, 3, Eigen::Dynamic, Eigen::RowMajor> block(3, m);
        int rows = 0;
        auto flush = [&]() {
            if (rows == 0) return;
            chunk.setZero();
            chunk.selfadjointView<Eigen::Lower>().rankUpdate(J.topRows(rows).transpose());
            A.triangularView<Eigen::Lower>() += chunk.cast<double>();
            g += (J.topRows(rows).transpose() * rw.head(rows)).cast<double>();
            rows = 0;
        };
        const int begin = static_cast<int>(static_cast<long>(covered) * id / count);
        const int end = static_cast<int>(static_cast<long>(covered) * (id + 1) / count);
        for (int j = begin; j < end; ++j) {
            const int i = rendering.covered[static_cast<size_t>(j)];
            const float w = w_img ? w_img[i] : (mask[i] ? 1.f : 0.f);
            if (!(w > 0.f)) continue;
            PixelJacobian pj;
            pixel_jacobian(scene, rendering, i, &pj);
            block.setZero();
            for (int k = 0; k < 3; ++k) {
                const size_t off = static_cast<size_t>(pj.vertex[k]) * 3 * static_cast<size_t>(m);
                Eigen::Map<const Eigen::Matrix<float, 3, Eigen::Dynamic, Eigen::RowMajor>> T(
                    tables.T.data() + off, 3, m);
                const Eigen::Map<const Eigen::Matrix<float, 3, 3, Eigen::RowMajor>> dc_dP(
                    &pj.dc_dP[k][0][0]);
                block.noalias() += dc_dP * T;
                if (rendering.lit) {
                    Eigen::Map<const Eigen::Matrix<float, 3, Eigen::Dynamic, Eigen::RowMajor>> U(
                        tables.U.data() + off, 3, m);
                    for (int c = 0; c < 3; ++c)
                        block.row(c) += (pj.rho[c] * pj.b[k]) * U.row(c);
                }
            }
            float h[9] = {};
            if (rendering.lit)
                for (int k = 0; k < 3; ++k) {
                    const float* H = sv.sh_basis.row(pj.vertex[k]).data();
                    for (int b = 0; b < 9; ++b)
                        h[b] += pj.b[k] * H[b];
                }
            const float sw = std::sqrt(w);
            for (int c = 0; c < 3; ++c) {
                auto row = J.row(rows);
                row.setZero();
                row.head<6>() = sw * block.row(c).head<6>();
                row.tail(K) = sw * block.row(c).tail(K);
                row[SceneParameter::kFocal] = sw * pj.dc_dfocal[c];
                if (rendering.lit)
                    for (int b = 0; b < 9; ++b)
                        row[SceneParameter::kLighting + 9 * c + b] = sw * pj.rho[c] * h[b];
                const float rc = r[3 * static_cast<size_t>(i) + c];
                rw[rows] = sw * rc;
                cost[static_cast<size_t>(id)] += 0.5 * w * static_cast<double>(rc) * rc;
                ++rows;
            }
            ++pixels[static_cast<size_t>(id)];
            if (rows == J.rows()) flush();
        }
        flush();
    }
    out->JtWJ = JtWJ[0];
    out->JtWr = JtWr[0];
    out->cost = cost[0];
    out->pixels = pixels[0];
    for (int id = 1; id < threads; ++id) {
        out->JtWJ += JtWJ[static_cast<size_t>(id)];
        out->JtWr += JtWr[static_cast<size_t>(id)];
        out->cost += cost[static_cast<size_t>(id)];
        out->pixels += pixels[static_cast<size_t>(id)];
    }
    out->JtWJ.triangularView<Eigen::StrictlyUpper>() = out->JtWJ.transpose();
}

}  // namespace likeness::render
