#include "engine/face/loop_subdivision.hpp"

#include <Eigen/SparseLU>
#include <array>
#include <cassert>
#include <cmath>
#include <map>
#include <utility>

#include "engine/face/template_error.hpp"

namespace likeness::face {
namespace {

using SparseR = Eigen::SparseMatrix<float, Eigen::RowMajor>;
using Triplet = Eigen::Triplet<float>;

struct EdgeInfo {
    int a, b;
    int opposite[2] = {-1, -1};  // the third corner of each adjacent triangle
    int count = 0;
};

struct OneLevel {
    SparseR S;            // (#V + #E) by #V
    core::MatrixX3iR F;   // 4 #F triangles
    core::MatrixX2fR UV;  // (#V + #E) by 2
};

OneLevel subdivide_once(const core::MatrixX3iR& F, const core::MatrixX2fR& UV, int n) {
    std::map<std::pair<int, int>, int> edge_id;
    std::vector<EdgeInfo> edges;
    auto edge_of = [&](int a, int b) {
        const auto key = std::minmax(a, b);
        auto it = edge_id.find(key);
        if (it != edge_id.end()) return it->second;
        edges.push_back(EdgeInfo{key.first, key.second});
        return edge_id[key] = static_cast<int>(edges.size()) - 1;
    };
    std::vector<std::array<int, 3>> face_edges(static_cast<size_t>(F.rows()));
    for (Eigen::Index f = 0; f < F.rows(); ++f)
        for (int k = 0; k < 3; ++k) {
            const int a = F(f, k), b = F(f, (k + 1) % 3), c = F(f, (k + 2) % 3);
            const int e = edge_of(a, b);
            EdgeInfo& info = edges[static_cast<size_t>(e)];
            if (info.count < 2) info.opposite[info.count] = c;
            ++info.count;
            face_edges[static_cast<size_t>(f)][static_cast<size_t>(k)] = e;
        }

    // Vertex neighbourhoods: all neighbours, and the neighbours along boundary edges.
    std::vector<std::vector<int>> ring(static_cast<size_t>(n)),
        boundary_ring(static_cast<size_t>(n));
    for (const EdgeInfo& e : edges) {
        if (e.count > 2)
            throw TemplateError("cannot subdivide a non-manifold mesh (an edge has " +
                                std::to_string(e.count) + " triangles)");
        ring[static_cast<size_t>(e.a)].push_back(e.b);
        ring[static_cast<size_t>(e.b)].push_back(e.a);
        if (e.count == 1) {
            boundary_ring[static_cast<size_t>(e.a)].push_back(e.b);
            boundary_ring[static_cast<size_t>(e.b)].push_back(e.a);
        }
    }

    const int m = n + static_cast<int>(edges.size());
    std::vector<Triplet> t;
    t.reserve(static_cast<size_t>(n) * 7 + edges.size() * 4);
    for (int v = 0; v < n; ++v) {
        const auto& nb = ring[static_cast<size_t>(v)];
        const auto& bnb = boundary_ring[static_cast<size_t>(v)];
        if (nb.empty()) {
            t.emplace_back(v, v, 1.f);
        } else if (!bnb.empty()) {
            if (bnb.size() == 2) {
                t.emplace_back(v, v, 0.75f);
                t.emplace_back(v, bnb[0], 0.125f);
                t.emplace_back(v, bnb[1], 0.125f);
            } else {
                t.emplace_back(v, v, 1.f);  // a corner where boundaries meet: keep it
            }
        } else {
            const double k = static_cast<double>(nb.size());
            const double c = 0.375 + 0.25 * std::cos(2.0 * M_PI / k);
            const double beta = (0.625 - c * c) / k;
            t.emplace_back(v, v, static_cast<float>(1.0 - k * beta));
            for (int u : nb)
                t.emplace_back(v, u, static_cast<float>(beta));
        }
    }
    core::MatrixX2fR uv(m, 2);
    if (UV.rows() == n) uv.topRows(n) = UV;
    for (size_t e = 0; e < edges.size(); ++e) {
        const EdgeInfo& info = edges[e];
        const int row = n + static_cast<int>(e);
        if (info.count == 2) {
            t.emplace_back(row, info.a, 0.375f);
            t.emplace_back(row, info.b, 0.375f);
            t.emplace_back(row, info.opposite[0], 0.125f);
            t.emplace_back(row, info.opposite[1], 0.125f);
        } else {
            t.emplace_back(row, info.a, 0.5f);
            t.emplace_back(row, info.b, 0.5f);
        }
        if (UV.rows() == n) uv.row(row) = 0.5f * (UV.row(info.a) + UV.row(info.b));
    }
    OneLevel out;
    out.S.resize(m, n);
    out.S.setFromTriplets(t.begin(), t.end());
    out.UV = UV.rows() == n ? uv : core::MatrixX2fR(0, 2);
    out.F.resize(F.rows() * 4, 3);
    for (Eigen::Index f = 0; f < F.rows(); ++f) {
        const auto& fe = face_edges[static_cast<size_t>(f)];
        const int a = F(f, 0), b = F(f, 1), c = F(f, 2);
        const int ab = n + fe[0], bc = n + fe[1], ca = n + fe[2];
        out.F.row(4 * f + 0) << a, ab, ca;
        out.F.row(4 * f + 1) << b, bc, ab;
        out.F.row(4 * f + 2) << c, ca, bc;
        out.F.row(4 * f + 3) << ab, bc, ca;
    }
    return out;
}

}  // namespace

Subdivision loop_subdivide(const core::Mesh& coarse, int levels, bool interpolate_coarse) {
    assert(levels >= 0 && "levels must be non-negative");
    const int n0 = coarse.vertex_count();
    Subdivision out;
    SparseR S(n0, n0);
    S.setIdentity();
    core::MatrixX3iR F = coarse.F;
    core::MatrixX2fR UV = coarse.UV;
    std::vector<int> parent(static_cast<size_t>(F.rows()));
    for (size_t f = 0; f < parent.size(); ++f)
        parent[f] = static_cast<int>(f);
    int n = n0;
    for (int level = 0; level < levels; ++level) {
        OneLevel one = subdivide_once(F, UV, n);
        S = (one.S * S).pruned();
        std::vector<int> next(parent.size() * 4);
        for (size_t f = 0; f < parent.size(); ++f)
            for (size_t k = 0; k < 4; ++k)
                next[4 * f + k] = parent[f];
        parent.swap(next);
        F = std::move(one.F);
        UV = std::move(one.UV);
        n = static_cast<int>(S.rows());
    }

    Eigen::MatrixXf P = coarse.V.cast<float>();
    if (interpolate_coarse && levels > 0) {
        // Fine vertex i (i < n0) is a fixed combination of coarse vertices: solve M P = V.
        const Eigen::SparseMatrix<float> M = S.topRows(n0);
        Eigen::SparseLU<Eigen::SparseMatrix<float>> lu;
        lu.compute(M);
        if (lu.info() != Eigen::Success)
            throw TemplateError("the mesh cannot be subdivided through its own vertices");
        const Eigen::MatrixXf X = coarse.V;
        P = lu.solve(X);
        if (lu.info() != Eigen::Success || !P.allFinite())
            throw TemplateError("the interpolating subdivision did not converge");
    }
    out.mesh.V = S * P;
    out.mesh.F = std::move(F);
    out.mesh.UV = std::move(UV);
    out.mesh.name = coarse.name;
    out.S = std::move(S);
    out.parent_face = std::move(parent);
    return out;
}

}  // namespace likeness::face
