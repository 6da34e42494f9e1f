#include "engine/retarget/position_weld.hpp"

#include <algorithm>
#include <numeric>

namespace likeness::retarget {
namespace {

int find_root(std::vector<int>& parent, int v) {
    while (parent[static_cast<size_t>(v)] != v) {
        parent[static_cast<size_t>(v)] =
            parent[static_cast<size_t>(parent[static_cast<size_t>(v)])];
        v = parent[static_cast<size_t>(v)];
    }
    return v;
}

}  // namespace

WeldedMesh weld_by_position(const core::Mesh& mesh) {
    WeldedMesh out;
    const int n = mesh.vertex_count();
    std::vector<int> order(static_cast<size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    auto less = [&](int a, int b) {
        for (int k = 0; k < 3; ++k)
            if (mesh.V(a, k) != mesh.V(b, k)) return mesh.V(a, k) < mesh.V(b, k);
        return a < b;
    };
    std::sort(order.begin(), order.end(), less);
    out.welded.assign(static_cast<size_t>(n), -1);
    std::vector<int> first;  // welded vertex -> an input vertex
    for (size_t i = 0; i < order.size(); ++i) {
        const int v = order[i];
        if (i > 0 && mesh.V.row(v) == mesh.V.row(order[i - 1])) {
            out.welded[static_cast<size_t>(v)] = out.welded[static_cast<size_t>(order[i - 1])];
        } else {
            out.welded[static_cast<size_t>(v)] = static_cast<int>(first.size());
            first.push_back(v);
        }
    }
    const auto w = static_cast<Eigen::Index>(first.size());
    out.mesh.V.resize(w, 3);
    for (Eigen::Index i = 0; i < w; ++i)
        out.mesh.V.row(i) = mesh.V.row(first[static_cast<size_t>(i)]);

    std::vector<Eigen::Vector3i> tris;
    for (Eigen::Index f = 0; f < mesh.F.rows(); ++f) {
        const Eigen::Vector3i t(out.welded[static_cast<size_t>(mesh.F(f, 0))],
                                out.welded[static_cast<size_t>(mesh.F(f, 1))],
                                out.welded[static_cast<size_t>(mesh.F(f, 2))]);
        if (t[0] == t[1] || t[1] == t[2] || t[0] == t[2]) continue;
        tris.push_back(t);
        out.face_of.push_back(static_cast<int>(f));
    }
    out.mesh.F.resize(static_cast<Eigen::Index>(tris.size()), 3);
    for (size_t f = 0; f < tris.size(); ++f)
        out.mesh.F.row(static_cast<Eigen::Index>(f)) = tris[f].transpose();

    std::vector<int> parent(first.size());
    std::iota(parent.begin(), parent.end(), 0);
    for (const Eigen::Vector3i& t : tris)
        for (int k = 1; k < 3; ++k) {
            const int a = find_root(parent, t[0]), b = find_root(parent, t[k]);
            if (a != b) parent[static_cast<size_t>(std::max(a, b))] = std::min(a, b);
        }
    out.component.assign(first.size(), -1);
    std::vector<int> id_of_root(first.size(), -1);
    for (size_t v = 0; v < first.size(); ++v) {
        const int r = find_root(parent, static_cast<int>(v));
        if (id_of_root[static_cast<size_t>(r)] < 0)
            id_of_root[static_cast<size_t>(r)] = out.component_count++;
        out.component[v] = id_of_root[static_cast<size_t>(r)];
    }
    return out;
}

core::MatrixX3fR unweld(const WeldedMesh& weld, const core::MatrixX3fR& welded_field) {
    core::MatrixX3fR out(static_cast<Eigen::Index>(weld.welded.size()), 3);
    for (size_t v = 0; v < weld.welded.size(); ++v)
        out.row(static_cast<Eigen::Index>(v)) = welded_field.row(weld.welded[v]);
    return out;
}

}  // namespace likeness::retarget
