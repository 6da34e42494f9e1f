#include "engine/fit/deferred_directions.hpp"

#include <cassert>

#include "engine/render/scene_parameters.hpp"

namespace likeness::fit {
namespace {

using render::SceneParameter;
constexpr int kChunkRows = 384;  // float sums over this many rows, then double (as pixel_rows)

}  // namespace

void fill_direction_columns(const VertexBasis& grouped, const std::vector<int>& directions,
                            PixelRows* rows) {
    assert(rows->deferred && "rows made with defer_directions");
    const int K = grouped.directions;
    assert(static_cast<int>(rows->filled.size()) == K && "the basis the rows were made with");
    std::vector<unsigned char> wanted(static_cast<size_t>(K), 0);
    bool any = false;
    for (int j : directions) {
        assert(j >= 0 && j < K);
        if (rows->filled[static_cast<size_t>(j)]) continue;
        rows->filled[static_cast<size_t>(j)] = 1;
        wanted[static_cast<size_t>(j)] = 1;
        any = true;
    }
    if (!any) return;
    // The wanted entries of each needed vertex, listed once (a branch per entry per pixel corner
    // mispredicted about every fourth time).
    const int V = static_cast<int>(grouped.first.size()) - 1;
    std::vector<int>& first = rows->wanted_first;
    std::vector<int>& list = rows->wanted_entry;
    first.resize(static_cast<size_t>(V) + 1);
    list.resize(grouped.direction.size());
    int n = 0;
    for (int v = 0; v < V; ++v) {
        first[static_cast<size_t>(v)] = n;
        if (!rows->needed[static_cast<size_t>(v)]) continue;
        for (int e = grouped.first[static_cast<size_t>(v)];
             e < grouped.first[static_cast<size_t>(v) + 1]; ++e) {
            list[static_cast<size_t>(n)] = e;
            n += wanted[static_cast<size_t>(grouped.direction[static_cast<size_t>(e)])];
        }
    }
    first[static_cast<size_t>(V)] = n;
    // Each corner adds m_k·∂X_v/∂θ + l_k·∂n_v/∂θ to the wanted columns among its vertex's
    // non-zero directions (the columns are zero before).
    const int count = static_cast<int>(rows->pixels.size());
    for (int i = 0; i < count; ++i) {
        float* row[3];
        for (int c = 0; c < 3; ++c)
            row[c] =
                rows->J.row(3 * static_cast<Eigen::Index>(i) + c).data() + SceneParameter::kCount;
        for (int k = 0; k < 3; ++k) {
            const int v = rows->corner[3 * static_cast<size_t>(i) + k];
            const float* f = rows->direction_factors.data() + (3 * static_cast<size_t>(i) + k) * 18;
            for (int a = first[static_cast<size_t>(v)]; a < first[static_cast<size_t>(v) + 1];
                 ++a) {
                const int e = list[static_cast<size_t>(a)];
                const int j = grouped.direction[static_cast<size_t>(e)];
                const float* d = grouped.entry.data() + 6 * static_cast<size_t>(e);
                for (int c = 0; c < 3; ++c) {
                    const float* fc = f + 6 * c;
                    row[c][j] += fc[0] * d[0] + fc[1] * d[1] + fc[2] * d[2] + fc[3] * d[3] +
                                 fc[4] * d[4] + fc[5] * d[5];
                }
            }
        }
    }
}

void add_pixel_term_adjoint(const PixelRows& rows, const cv::Mat& residual, const cv::Mat& weight,
                            std::vector<float>* adjoint) {
    assert(residual.type() == CV_32FC3 && weight.type() == CV_32F);
    assert(adjoint->size() == 3 * rows.pixels.size());
    const float* r = residual.ptr<float>();
    const float* w = weight.ptr<float>();
    for (size_t i = 0; i < rows.pixels.size(); ++i) {
        const size_t q = static_cast<size_t>(rows.pixels[i]);
        if (!(w[q] > 0.f)) continue;
        for (int c = 0; c < 3; ++c)
            (*adjoint)[3 * i + c] += w[q] * r[3 * q + c];
    }
}

void add_difference_term_adjoint(const PixelRows& rows, const cv::Mat& residual,
                                 const cv::Mat& weight, int width, std::vector<float>* adjoint) {
    assert(residual.type() == CV_32FC3 && weight.type() == CV_32F);
    assert(adjoint->size() == 3 * rows.pixels.size());
    const float* r = residual.ptr<float>();
    const float* w = weight.ptr<float>();
    for (size_t i = 0; i < rows.pixels.size(); ++i) {
        const int q = rows.pixels[i];
        if (!(w[q] > 0.f)) continue;
        for_each_neighbour_row(rows, i, width, [&](int j, int nb) {
            for (int c = 0; c < 3; ++c) {
                const float d =
                    w[q] * (r[3 * static_cast<size_t>(nb) + c] - r[3 * static_cast<size_t>(q) + c]);
                (*adjoint)[3 * static_cast<size_t>(j) + c] += d;
                (*adjoint)[3 * i + c] -= d;
            }
        });
    }
}

void add_adjoint_gradient(const PixelRows& rows, const std::vector<float>& adjoint,
                          const VertexBasis* grouped, Eigen::VectorXd* g,
                          std::vector<float>* scratch) {
    assert(adjoint.size() == 3 * rows.pixels.size());
    if (g->size() != rows.columns) g->setZero(rows.columns);
    const int count = static_cast<int>(rows.pixels.size());
    // The columns J holds: all, or the 34 scene columns when the directions are deferred.
    const int width = rows.deferred ? SceneParameter::kCount : rows.columns;
    Eigen::VectorXf sum = Eigen::VectorXf::Zero(width);
    for (int i = 0, chunk = 0; i < 3 * count; ++i) {
        const float a = adjoint[static_cast<size_t>(i)];
        if (a == 0.f) continue;
        sum += a * rows.J.row(i).head(width).transpose();
        if (++chunk == kChunkRows) {
            g->head(width) += sum.cast<double>();
            sum.setZero();
            chunk = 0;
        }
    }
    g->head(width) += sum.cast<double>();
    if (!rows.deferred) return;

    // ā_v and n̄_v (6 per needed vertex), then g_θ = Σ_v [B_v; ∂n_v/∂θ]ᵀ [ā_v; n̄_v].
    assert(grouped && grouped->directions == rows.columns - SceneParameter::kCount);
    const int V = static_cast<int>(grouped->positions.rows());
    scratch->assign(6 * static_cast<size_t>(V), 0.f);
    float* bar = scratch->data();
    for (int i = 0; i < count; ++i)
        for (int k = 0; k < 3; ++k) {
            float* b = bar + 6 * static_cast<size_t>(rows.corner[3 * static_cast<size_t>(i) + k]);
            const float* f = rows.direction_factors.data() + (3 * static_cast<size_t>(i) + k) * 18;
            for (int c = 0; c < 3; ++c) {
                const float a = adjoint[3 * static_cast<size_t>(i) + c];
                for (int e = 0; e < 6; ++e)
                    b[e] += a * f[6 * c + e];
            }
        }
    // (l_k and so n̄_v are zero when unlit.)
    for (int v = 0; v < V; ++v) {
        if (!rows.needed[static_cast<size_t>(v)]) continue;
        const float* b = bar + 6 * static_cast<size_t>(v);
        for (int e = grouped->first[static_cast<size_t>(v)];
             e < grouped->first[static_cast<size_t>(v) + 1]; ++e) {
            const float* d = grouped->entry.data() + 6 * static_cast<size_t>(e);
            (*g)[SceneParameter::kCount + grouped->direction[static_cast<size_t>(e)]] +=
                b[0] * d[0] + b[1] * d[1] + b[2] * d[2] + b[3] * d[3] + b[4] * d[4] + b[5] * d[5];
        }
    }
}

}  // namespace likeness::fit
