#include "engine/fit/pixel_rows.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>

#include "engine/core/sh_lighting.hpp"
#include "engine/render/pixel_jacobian.hpp"
#include "engine/render/renderer.hpp"
#include "engine/render/scene_parameters.hpp"
#include "engine/render/vertex_normal_derivatives.hpp"

namespace likeness::fit {
namespace {

using render::SceneParameter;
using Rows3 = Eigen::Matrix<float, 3, Eigen::Dynamic, Eigen::RowMajor>;
constexpr int kChunkRows = 384;

/// Whether the per-vertex tables hold only the pose columns: with the K directions (and, when
/// lit, their normal changes) grouped per vertex, the pixel loop applies them directly —
/// (∂c/∂P_k R) B_v instead of ∂c/∂P_k (R B_v), the same product associated differently — so no
/// per-vertex 3 by K table is built (the mesh has more vertices than a tracking crop has pixels).
bool compact_tables(const render::Rendering& rendering, const NormalDirections& normals,
                    const VertexBasis* grouped) {
    return grouped && (!rendering.lit || (normals.given && grouped->normals.rows() > 0));
}

/// Per needed vertex, 3 by m position and shading derivatives (see the header), into out->T and
/// out->U (entries of other vertices are left as they were): m = 6 + K, or m = 6 with compact
/// tables, which keep S R (shading by model-space normal, 3 by 3) in out->SR instead.
void vertex_tables(const render::Scene& scene, const render::Rendering& rendering,
                   const std::vector<core::MatrixX3fR>& basis, const NormalDirections& normals,
                   const VertexBasis* grouped, PixelRows* out) {
    const core::MatrixX3fR& X = scene.geometry();
    const int n = static_cast<int>(X.rows()), K = static_cast<int>(basis.size());
    const render::ShadedVertices& sv = rendering.vertices;
    const Eigen::Matrix3f& R = sv.R_cam_from_model;
    const Eigen::Matrix3f J_l = core::so3_left_jacobian(scene.pose.rotation);
    const Eigen::Vector3f t = scene.pose.translation_cm;
    const bool compact = compact_tables(rendering, normals, grouped);
    const int m = compact ? 6 : 6 + K;
    const size_t size = static_cast<size_t>(n) * 3 * static_cast<size_t>(m);
    if (out->T.size() != size) out->T.resize(size);
    if (rendering.lit && out->U.size() != size) out->U.resize(size);
    if (compact && rendering.lit && out->SR.size() != static_cast<size_t>(n) * 9)
        out->SR.resize(static_cast<size_t>(n) * 9);
    std::vector<core::MatrixX3fR> exact;
    const std::vector<core::MatrixX3fR>* dn = normals.given;
    assert((!grouped || (grouped->directions == K && grouped->positions.rows() == n)) &&
           "grouped holds the same directions");
    const bool grouped_normals = grouped && dn && grouped->normals.rows() > 0;
    assert((!grouped || !dn || grouped_normals) && "grouped holds the given normal directions");
    if (rendering.lit && !dn) {
        exact.resize(static_cast<size_t>(K));
        for (int i = 0; i < K; ++i)
            render::normal_differential(X, scene.mesh->F, sv, basis[static_cast<size_t>(i)],
                                        &exact[static_cast<size_t>(i)]);
        dn = &exact;
    }
    for (int v = 0; v < n; ++v) {
        if (!out->needed[static_cast<size_t>(v)]) continue;
        const size_t off = static_cast<size_t>(v) * 3 * static_cast<size_t>(m);
        Eigen::Map<Rows3> T(out->T.data() + off, 3, m);
        const Eigen::Vector3f q = sv.position_cam.row(v).transpose() - t;
        T.block<3, 3>(0, 0) = -core::skew(q) * J_l;
        T.block<3, 3>(0, 3).setIdentity();
        if (grouped && !compact)
            T.rightCols(K).noalias() =
                R * Eigen::Map<const Rows3>(grouped->positions.row(v).data(), 3, K);
        else if (!grouped)
            for (int i = 0; i < K; ++i)
                T.col(6 + i) = R * basis[static_cast<size_t>(i)].row(v).transpose();
        if (!rendering.lit) continue;
        Eigen::Map<Rows3> U(out->U.data() + off, 3, m);
        const Eigen::Vector3f nc = sv.normal_cam.row(v).transpose();
        float dH[27];
        core::sh_basis_jacobian(nc.x(), nc.y(), nc.z(), dH);
        Eigen::Matrix3f S = Eigen::Matrix3f::Zero();
        for (int c = 0; c < 3; ++c)
            for (int b = 0; b < 9; ++b)
                for (int a = 0; a < 3; ++a)
                    S(c, a) += scene.lighting.gamma[static_cast<size_t>(9 * c + b)] * dH[3 * b + a];
        U.block<3, 3>(0, 0) = -S * core::skew(nc) * J_l;
        U.block<3, 3>(0, 3).setZero();
        const Eigen::Matrix3f SR = S * R;
        if (compact)
            Eigen::Map<Eigen::Matrix<float, 3, 3, Eigen::RowMajor>>(
                out->SR.data() + 9 * static_cast<size_t>(v)) = SR;
        else if (grouped_normals)
            U.rightCols(K).noalias() =
                SR * Eigen::Map<const Rows3>(grouped->normals.row(v).data(), 3, K);
        else
            for (int i = 0; i < K; ++i)
                U.col(6 + i) = SR * (*dn)[static_cast<size_t>(i)].row(v).transpose();
    }
}

/// block = Σ_k ∂c/∂P_k T_v + diag(ρ b_k) U_v over the pixel's corners k (v = pj.vertex[k]), the
/// tables' columns (3 by M, M the tables' width: fixed at 6 for compact tables, which lets the
/// products unroll).
template <int M>
void add_corner_tables(const render::PixelJacobian& pj, const PixelRows& tables, bool lit,
                       Eigen::Matrix<float, 3, M, Eigen::RowMajor>* block) {
    using Block = Eigen::Matrix<float, 3, M, Eigen::RowMajor>;
    using Mat3R = Eigen::Matrix<float, 3, 3, Eigen::RowMajor>;
    const Eigen::Index mt = block->cols();
    block->setZero();
    for (int k = 0; k < 3; ++k) {
        const size_t off = static_cast<size_t>(pj.vertex[k]) * 3 * static_cast<size_t>(mt);
        const Eigen::Map<const Block> T(tables.T.data() + off, 3, mt);
        const Eigen::Map<const Mat3R> dc_dP(&pj.dc_dP[k][0][0]);
        block->noalias() += dc_dP * T;
        if (!lit) continue;
        const Eigen::Map<const Block> U(tables.U.data() + off, 3, mt);
        for (int c = 0; c < 3; ++c)
            block->row(c) += (pj.rho[c] * pj.b[k]) * U.row(c);
    }
}

/// Adds corner k's share of the K direction columns to the pixel's three rows (compact tables):
/// (∂c/∂P_k R) B_v + diag(ρ b_k) (S R)_v ∂n_v/∂θ, with B_v and ∂n_v/∂θ read from the grouped
/// basis (3 by K each, row-major). Written out so that the K-long inner loop vectorises.
void add_direction_columns(const render::PixelJacobian& pj, int k, const Eigen::Matrix3f& R,
                           const VertexBasis& grouped, const std::vector<float>& SR, bool lit,
                           float* const row[3]) {
    using Mat3R = Eigen::Matrix<float, 3, 3, Eigen::RowMajor>;
    const int K = grouped.directions, v = pj.vertex[k];
    const Mat3R M = Eigen::Map<const Mat3R>(&pj.dc_dP[k][0][0]) * R;
    const float* B = grouped.positions.row(v).data();
    if (!lit) {
        for (int c = 0; c < 3; ++c) {
            float* __restrict o = row[c] + SceneParameter::kCount;
            const float m0 = M(c, 0), m1 = M(c, 1), m2 = M(c, 2);
            for (int j = 0; j < K; ++j)
                o[j] += m0 * B[j] + m1 * B[K + j] + m2 * B[2 * K + j];
        }
        return;
    }
    const float* N = grouped.normals.row(v).data();
    const Eigen::Map<const Mat3R> L(SR.data() + 9 * static_cast<size_t>(v));
    for (int c = 0; c < 3; ++c) {
        float* __restrict o = row[c] + SceneParameter::kCount;
        const float m0 = M(c, 0), m1 = M(c, 1), m2 = M(c, 2);
        const float s = pj.rho[c] * pj.b[k];
        const float l0 = s * L(c, 0), l1 = s * L(c, 1), l2 = s * L(c, 2);
        for (int j = 0; j < K; ++j)
            o[j] += m0 * B[j] + m1 * B[K + j] + m2 * B[2 * K + j] + l0 * N[j] + l1 * N[K + j] +
                    l2 * N[2 * K + j];
    }
}

/// add_direction_columns' factors of corner k, stored (PixelRows::direction_factors, 18 floats:
/// per channel m_k then l_k) instead of applied.
void store_direction_factors(const render::PixelJacobian& pj, int k, const Eigen::Matrix3f& R,
                             const std::vector<float>& SR, bool lit, float* out) {
    using Mat3R = Eigen::Matrix<float, 3, 3, Eigen::RowMajor>;
    const Mat3R M = Eigen::Map<const Mat3R>(&pj.dc_dP[k][0][0]) * R;
    for (int c = 0; c < 3; ++c) {
        float* f = out + 6 * c;
        for (int a = 0; a < 3; ++a)
            f[a] = M(c, a);
        if (!lit) {
            f[3] = f[4] = f[5] = 0.f;
            continue;
        }
        const Eigen::Map<const Mat3R> L(SR.data() + 9 * static_cast<size_t>(pj.vertex[k]));
        const float s = pj.rho[c] * pj.b[k];
        for (int a = 0; a < 3; ++a)
            f[3 + a] = s * L(c, a);
    }
}

/// Rank updates of weighted rows in chunks (the pattern of render's normal equations), one
/// accumulator per colour channel. γ is channel-major, so channel c of a pixel depends on the
/// lighting only through its own 9 coefficients: its row has at most 7 + 9 + K non-zero
/// entries of 34 + K, and H's lighting block is block-diagonal. Accumulating each channel over
/// its own columns gives the same H with (7 + 9 + K)² instead of (34 + K)² work per row
/// (0.63× for K = 52). A channel's columns are ordered with H's wanted columns first, so the
/// rank update runs on a leading block of the row.
class Accumulator {
  public:
    Accumulator(int columns, Eigen::MatrixXd* H, Eigen::VectorXd* g,
                const std::vector<unsigned char>* hessian_columns)
        : H_(H), g_(g) {
        if (H_ && H_->rows() != columns) H_->setZero(columns, columns);
        if (g_ && g_->size() != columns) g_->setZero(columns);
        assert((!hessian_columns || static_cast<int>(hessian_columns->size()) == columns) &&
               "one flag per column");
        const int K = columns - SceneParameter::kCount;
        for (int c = 0; c < 3; ++c) {
            std::vector<int> touched;
            for (int j = 0; j < SceneParameter::kLighting; ++j)
                touched.push_back(j);
            for (int b = 0; b < 9; ++b)
                touched.push_back(SceneParameter::kLighting + 9 * c + b);
            for (int i = 0; i < K; ++i)
                touched.push_back(SceneParameter::kCount + i);
            Channel& ch = channels_[static_cast<size_t>(c)];
            // Without g, columns H does not want are not gathered at all.
            for (bool wanted : {true, false})
                for (int j : touched)
                    if ((!hessian_columns || (*hessian_columns)[static_cast<size_t>(j)]) ==
                            wanted &&
                        (wanted || g_))
                        ch.column.push_back(j);
            ch.kept = 0;
            if (H_)
                for (int j : touched)
                    ch.kept += !hessian_columns || (*hessian_columns)[static_cast<size_t>(j)];
            const int n = static_cast<int>(ch.column.size());
            ch.J.resize(kChunkRows, n);
            ch.r.resize(kChunkRows);
            ch.chunk.resize(ch.kept, ch.kept);
            ch.H.setZero(ch.kept, ch.kept);
            ch.g.setZero(n);
        }
    }
    /// Scatters the channels' sums into H (lower triangle: wanted columns increase) and g.
    ~Accumulator() {
        for (Channel& ch : channels_) {
            flush(&ch);
            if (g_)
                for (size_t a = 0; a < ch.column.size(); ++a)
                    (*g_)[ch.column[a]] += ch.g[static_cast<Eigen::Index>(a)];
            if (H_)
                for (int a = 0; a < ch.kept; ++a)
                    for (int b = 0; b <= a; ++b)
                        (*H_)(ch.column[static_cast<size_t>(a)],
                              ch.column[static_cast<size_t>(b)]) += ch.H(a, b);
        }
    }
    /// The row s·(a − b) of channel c (b null: s·a), full width 34 + K, with residual s·r.
    void push(int c, const float* a, const float* b, float s, float r) {
        Channel& ch = channels_[static_cast<size_t>(c)];
        float* row = ch.J.row(ch.rows).data();
        const int n = static_cast<int>(ch.column.size());
        const int* col = ch.column.data();
        if (b)
            for (int k = 0; k < n; ++k)
                row[k] = s * (a[col[k]] - b[col[k]]);
        else
            for (int k = 0; k < n; ++k)
                row[k] = s * a[col[k]];
        ch.r[ch.rows++] = s * r;
        if (ch.rows == kChunkRows) flush(&ch);
    }

    /// Columns of channel c's compact rows.
    int width(int c) const { return static_cast<int>(channels_[static_cast<size_t>(c)].column.size()); }
    /// Channel c's compact row of the full-width row a (width(c) entries into out).
    void gather(int c, const float* a, float* out) const {
        const Channel& ch = channels_[static_cast<size_t>(c)];
        const int n = static_cast<int>(ch.column.size());
        const int* col = ch.column.data();
        for (int k = 0; k < n; ++k)
            out[k] = a[col[k]];
    }
    /// push() for rows already gathered into channel c's compact columns.
    void push_compact(int c, const float* a, const float* b, float s, float r) {
        Channel& ch = channels_[static_cast<size_t>(c)];
        float* __restrict row = ch.J.row(ch.rows).data();
        const int n = static_cast<int>(ch.column.size());
        if (b)
            for (int k = 0; k < n; ++k)
                row[k] = s * (a[k] - b[k]);
        else
            for (int k = 0; k < n; ++k)
                row[k] = s * a[k];
        ch.r[ch.rows++] = s * r;
        if (ch.rows == kChunkRows) flush(&ch);
    }

  private:
    struct Channel {
        std::vector<int> column;  ///< compact column → column of H; the first `kept` go into H
        int kept = 0;
        RowMatrixXf J;
        Eigen::VectorXf r;
        Eigen::MatrixXf chunk;
        Eigen::MatrixXd H;  ///< lower triangle, compact columns
        Eigen::VectorXd g;
        int rows = 0;
    };
    void flush(Channel* ch) const {
        if (ch->rows == 0) return;
        const auto J = ch->J.topRows(ch->rows);
        if (ch->kept > 0) {
            ch->chunk.setZero();
            ch->chunk.selfadjointView<Eigen::Lower>().rankUpdate(J.leftCols(ch->kept).transpose());
            ch->H.triangularView<Eigen::Lower>() += ch->chunk.cast<double>();
        }
        if (g_) ch->g += (J.transpose() * ch->r.head(ch->rows)).cast<double>();
        ch->rows = 0;
    }

    std::array<Channel, 3> channels_;
    Eigen::MatrixXd* H_;
    Eigen::VectorXd* g_;
};

/// g += Σ s_q a_q over full-width rows, for callers that want no H: an axpy per row needs none of
/// the Accumulator's per-channel gathers. Sums run in float over a few hundred rows, then in
/// double (the precision of the Accumulator's chunks).
class GradientSum {
  public:
    GradientSum(int columns, Eigen::VectorXd* g) : g_(g), acc_(Eigen::VectorXf::Zero(columns)) {
        if (g_->size() != columns) g_->setZero(columns);
    }
    ~GradientSum() { flush(); }
    /// acc += s·(a − b) (b null: s·a).
    void add(const float* a, const float* b, float s) {
        float* __restrict o = acc_.data();
        const int n = static_cast<int>(acc_.size());
        if (b)
            for (int k = 0; k < n; ++k)
                o[k] += s * (a[k] - b[k]);
        else
            for (int k = 0; k < n; ++k)
                o[k] += s * a[k];
        if (++rows_ == kChunkRows) flush();
    }

  private:
    void flush() {
        *g_ += acc_.cast<double>();
        acc_.setZero();
        rows_ = 0;
    }
    Eigen::VectorXd* g_;
    Eigen::VectorXf acc_;
    int rows_ = 0;
};

}  // namespace

bool can_defer_directions(const render::Rendering& rendering, const NormalDirections& normals,
                          const VertexBasis* grouped) {
    return compact_tables(rendering, normals, grouped);
}

void pixel_rows(const render::Scene& scene, const render::Rendering& rendering,
                const std::vector<core::MatrixX3fR>& basis, const cv::Mat& select,
                const NormalDirections& normals, PixelRows* out, const VertexBasis* grouped,
                bool defer_directions) {
    const int width = rendering.raster.width, height = rendering.raster.height;
    const int K = static_cast<int>(basis.size());
    const int cols = SceneParameter::kCount + K;
    assert(select.empty() ||
           (select.type() == CV_8U && select.cols == width && select.rows == height));
    const int m = 6 + K;
    const unsigned char* chosen =
        select.empty() ? rendering.mask.ptr<unsigned char>() : select.ptr<unsigned char>();
    const core::MatrixX3iR& F = scene.mesh->F;
    out->columns = cols;
    out->pixels.clear();
    out->row_of.assign(static_cast<size_t>(width) * static_cast<size_t>(height), -1);
    out->needed.assign(static_cast<size_t>(scene.geometry().rows()), 0);
    for (int q : rendering.covered)
        if (chosen[q]) {
            out->row_of[static_cast<size_t>(q)] = static_cast<int>(out->pixels.size());
            out->pixels.push_back(q);
            const int t = rendering.raster.triangle[static_cast<size_t>(q)];
            for (int k = 0; k < 3; ++k)
                out->needed[static_cast<size_t>(F(t, k))] = 1;
        }
    vertex_tables(scene, rendering, basis, normals, grouped, out);
    const bool compact = compact_tables(rendering, normals, grouped);
    assert((!defer_directions || compact) && "deferred columns need compact tables");
    const bool defer = defer_directions && compact;
    out->deferred = defer;
    out->lit = rendering.lit;
    out->filled.assign(static_cast<size_t>(K), static_cast<unsigned char>(!defer));
    const int mt = compact ? 6 : m;  // the tables' width
    const int count = static_cast<int>(out->pixels.size());
    if (out->J.rows() < 3 * count || out->J.cols() != cols) out->J.resize(3 * count, cols);
    if (defer) {
        out->corner.resize(3 * static_cast<size_t>(count));
        out->direction_factors.resize(54 * static_cast<size_t>(count));
    }
    const render::ShadedVertices& sv = rendering.vertices;
    const Eigen::Matrix3f& R = sv.R_cam_from_model;
#pragma omp parallel if (rendering.threaded)
    {
        Rows3 block(3, mt);  // one per thread: no allocation per pixel
        Eigen::Matrix<float, 3, 6, Eigen::RowMajor> pose_block;  // compact tables' fixed width
#pragma omp for schedule(static)
        for (int i = 0; i < count; ++i) {
            render::PixelJacobian pj;
            render::pixel_jacobian(scene, rendering, out->pixels[static_cast<size_t>(i)], &pj);
            float* row[3];
            for (int c = 0; c < 3; ++c) {
                row[c] = out->J.row(3 * i + c).data();
                std::fill(row[c], row[c] + cols, 0.f);
            }
            if (mt == 6)
                add_corner_tables<6>(pj, *out, rendering.lit, &pose_block);
            else
                add_corner_tables<Eigen::Dynamic>(pj, *out, rendering.lit, &block);
            for (int k = 0; k < 3; ++k) {
                if (defer)
                    store_direction_factors(
                        pj, k, R, out->SR, rendering.lit,
                        out->direction_factors.data() + (3 * static_cast<size_t>(i) + k) * 18);
                else if (compact)
                    add_direction_columns(pj, k, R, *grouped, out->SR, rendering.lit, row);
            }
            if (defer)
                for (int k = 0; k < 3; ++k)
                    out->corner[3 * static_cast<size_t>(i) + k] = pj.vertex[k];
            float h[9] = {};
            if (rendering.lit)
                for (int k = 0; k < 3; ++k) {
                    const float* H = sv.sh_basis.row(pj.vertex[k]).data();
                    for (int b = 0; b < 9; ++b)
                        h[b] += pj.b[k] * H[b];
                }
            for (int c = 0; c < 3; ++c) {
                for (int j = 0; j < 6; ++j)
                    row[c][j] = mt == 6 ? pose_block(c, j) : block(c, j);
                if (!compact)
                    for (int j = 0; j < K; ++j)
                        row[c][SceneParameter::kCount + j] = block(c, 6 + j);
                row[c][SceneParameter::kFocal] = pj.dc_dfocal[c];
                if (rendering.lit)
                    for (int b = 0; b < 9; ++b)
                        row[c][SceneParameter::kLighting + 9 * c + b] = pj.rho[c] * h[b];
            }
        }
    }
}

void accumulate_pixel_terms(const PixelRows& rows, const cv::Mat& residual, const cv::Mat& weight,
                            Eigen::MatrixXd* H, Eigen::VectorXd* g,
                            const std::vector<unsigned char>* hessian_columns) {
    assert(residual.type() == CV_32FC3 && weight.type() == CV_32F);
    const float* r = residual.ptr<float>();
    const float* w = weight.ptr<float>();
    if (!H) {
        if (!g) return;
        GradientSum sum(rows.columns, g);
        for (size_t i = 0; i < rows.pixels.size(); ++i) {
            const int q = rows.pixels[i];
            if (!(w[q] > 0.f)) continue;
            for (int c = 0; c < 3; ++c)
                sum.add(rows.J.row(3 * static_cast<Eigen::Index>(i) + c).data(), nullptr,
                        w[q] * r[3 * static_cast<size_t>(q) + c]);
        }
        return;
    }
    Accumulator acc(rows.columns, H, g, hessian_columns);
    for (size_t i = 0; i < rows.pixels.size(); ++i) {
        const int q = rows.pixels[i];
        if (!(w[q] > 0.f)) continue;
        const float s = std::sqrt(w[q]);
        for (int c = 0; c < 3; ++c)
            acc.push(c, rows.J.row(3 * static_cast<Eigen::Index>(i) + c).data(), nullptr, s,
                     r[3 * static_cast<size_t>(q) + c]);
    }
}

void accumulate_difference_terms(const PixelRows& rows, const cv::Mat& residual,
                                 const cv::Mat& weight, int width, Eigen::MatrixXd* H,
                                 Eigen::VectorXd* g,
                                 const std::vector<unsigned char>* hessian_columns) {
    assert(residual.type() == CV_32FC3 && weight.type() == CV_32F);
    const float* r = residual.ptr<float>();
    const float* w = weight.ptr<float>();
    if (!H) {
        if (!g) return;
        GradientSum sum(rows.columns, g);
        for (size_t i = 0; i < rows.pixels.size(); ++i) {
            const int q = rows.pixels[i];
            if (!(w[q] > 0.f)) continue;
            for_each_neighbour_row(rows, i, width, [&](int j, int nb) {
                for (int c = 0; c < 3; ++c)
                    sum.add(rows.J.row(3 * static_cast<Eigen::Index>(j) + c).data(),
                            rows.J.row(3 * static_cast<Eigen::Index>(i) + c).data(),
                            w[q] * (r[3 * static_cast<size_t>(nb) + c] -
                                    r[3 * static_cast<size_t>(q) + c]));
            });
        }
        return;
    }
    Accumulator acc(rows.columns, H, g, hessian_columns);
    for (size_t i = 0; i < rows.pixels.size(); ++i) {
        const int q = rows.pixels[i];
        if (!(w[q] > 0.f)) continue;
        const float s = std::sqrt(w[q]);
        for_each_neighbour_row(rows, i, width, [&](int j, int nb) {
            for (int c = 0; c < 3; ++c)
                acc.push(c, rows.J.row(3 * static_cast<Eigen::Index>(j) + c).data(),
                         rows.J.row(3 * static_cast<Eigen::Index>(i) + c).data(), s,
                         r[3 * static_cast<size_t>(nb) + c] - r[3 * static_cast<size_t>(q) + c]);
        });
    }
}

void accumulate_pixel_and_difference_terms(const PixelRows& rows, const cv::Mat& residual,
                                           const cv::Mat& pixel_weight,
                                           const cv::Mat& difference_weight, int width,
                                           Eigen::MatrixXd* H, Eigen::VectorXd* g,
                                           const std::vector<unsigned char>* hessian_columns,
                                           std::vector<float>* scratch) {
    assert(residual.type() == CV_32FC3 && pixel_weight.type() == CV_32F &&
           difference_weight.type() == CV_32F);
    const float* r = residual.ptr<float>();
    const float* wp = pixel_weight.ptr<float>();
    const float* wd = difference_weight.ptr<float>();
    const size_t count = rows.pixels.size();
    Accumulator acc(rows.columns, H, g, hessian_columns);
    // Every pixel's rows gathered once into the channels' compact columns.
    size_t stride = 0;
    size_t offset[3];
    for (int c = 0; c < 3; ++c) {
        offset[c] = stride;
        stride += static_cast<size_t>(acc.width(c));
    }
    if (scratch->size() < count * stride) scratch->resize(count * stride);
    float* compact = scratch->data();
    for (size_t i = 0; i < count; ++i)
        for (int c = 0; c < 3; ++c)
            acc.gather(c, rows.J.row(3 * static_cast<Eigen::Index>(i) + c).data(),
                       compact + i * stride + offset[c]);
    auto at = [&](size_t i, int c) { return compact + i * stride + offset[c]; };
    for (size_t i = 0; i < count; ++i) {
        const int q = rows.pixels[i];
        if (wp[q] > 0.f) {
            const float s = std::sqrt(wp[q]);
            for (int c = 0; c < 3; ++c)
                acc.push_compact(c, at(i, c), nullptr, s, r[3 * static_cast<size_t>(q) + c]);
        }
        if (!(wd[q] > 0.f)) continue;
        const float s = std::sqrt(wd[q]);
        for_each_neighbour_row(rows, i, width, [&](int j, int nb) {
            for (int c = 0; c < 3; ++c)
                acc.push_compact(c, at(static_cast<size_t>(j), c), at(i, c), s,
                                 r[3 * static_cast<size_t>(nb) + c] -
                                     r[3 * static_cast<size_t>(q) + c]);
        });
    }
}

}  // namespace likeness::fit
