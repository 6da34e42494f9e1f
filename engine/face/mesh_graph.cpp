#include "engine/face/mesh_graph.hpp"

#include <Eigen/SparseCholesky>
#include <algorithm>
#include <limits>
#include <queue>

#include "engine/face/template_error.hpp"

namespace likeness::face {

MeshGraph::MeshGraph(const core::Mesh& mesh, const std::vector<bool>& active)
    : neighbours_(static_cast<size_t>(mesh.V.rows())) {
    auto add = [&](int a, int b) {
        auto& na = neighbours_[static_cast<size_t>(a)];
        for (const Edge& e : na)
            if (e.to == b) return;
        const float len = (mesh.V.row(a) - mesh.V.row(b)).norm();
        na.push_back({b, len});
        neighbours_[static_cast<size_t>(b)].push_back({a, len});
    };
    for (Eigen::Index f = 0; f < mesh.F.rows(); ++f) {
        if (!active.empty() && !active[static_cast<size_t>(f)]) continue;
        for (int k = 0; k < 3; ++k)
            add(mesh.F(f, k), mesh.F(f, (k + 1) % 3));
    }
}

Eigen::VectorXf MeshGraph::distance_from(const std::vector<int>& sources) const {
    const float inf = std::numeric_limits<float>::infinity();
    Eigen::VectorXf d = Eigen::VectorXf::Constant(vertex_count(), inf);
    using Item = std::pair<float, int>;
    std::priority_queue<Item, std::vector<Item>, std::greater<Item>> queue;
    for (int s : sources) {
        d[s] = 0.f;
        queue.push({0.f, s});
    }
    while (!queue.empty()) {
        const auto [dist, v] = queue.top();
        queue.pop();
        if (dist > d[v]) continue;
        for (const Edge& e : neighbours_[static_cast<size_t>(v)]) {
            const float nd = dist + e.length;
            if (nd < d[e.to]) {
                d[e.to] = nd;
                queue.push({nd, e.to});
            }
        }
    }
    return d;
}

Eigen::MatrixXf MeshGraph::harmonic_extension(const Eigen::MatrixXf& values,
                                              const std::vector<bool>& fixed) const {
    const int n = vertex_count();
    std::vector<int> free_index(static_cast<size_t>(n), -1);
    int m = 0;
    for (int v = 0; v < n; ++v)
        if (!fixed[static_cast<size_t>(v)] && connected(v))
            free_index[static_cast<size_t>(v)] = m++;
    Eigen::MatrixXf out = values;
    if (m == 0) return out;
    std::vector<Eigen::Triplet<double>> t;
    Eigen::MatrixXd rhs = Eigen::MatrixXd::Zero(m, values.cols());
    for (int v = 0; v < n; ++v) {
        const int i = free_index[static_cast<size_t>(v)];
        if (i < 0) continue;
        double diag = 0.0;
        for (const Edge& e : neighbours_[static_cast<size_t>(v)]) {
            const double w = 1.0 / std::max(e.length, 1e-6f);
            diag += w;
            const int j = free_index[static_cast<size_t>(e.to)];
            if (j >= 0)
                t.emplace_back(i, j, -w);
            else if (fixed[static_cast<size_t>(e.to)])
                rhs.row(i) += w * values.row(e.to).cast<double>();
        }
        t.emplace_back(i, i, diag);
    }
    Eigen::SparseMatrix<double> L(m, m);
    L.setFromTriplets(t.begin(), t.end());
    Eigen::SimplicialLDLT<Eigen::SparseMatrix<double>> solver(L);
    if (solver.info() != Eigen::Success)
        throw TemplateError("harmonic field: a region has no fixed vertex to anchor it");
    const Eigen::MatrixXd x = solver.solve(rhs);
    for (int v = 0; v < n; ++v) {
        const int i = free_index[static_cast<size_t>(v)];
        if (i >= 0) out.row(v) = x.row(i).cast<float>();
    }
    return out;
}

Eigen::VectorXf MeshGraph::harmonic(const std::vector<int>& one,
                                    const std::vector<int>& zero) const {
    std::vector<bool> fixed(static_cast<size_t>(vertex_count()), false);
    Eigen::MatrixXf values = Eigen::MatrixXf::Zero(vertex_count(), 1);
    for (int v : zero)
        fixed[static_cast<size_t>(v)] = true;
    for (int v : one) {
        fixed[static_cast<size_t>(v)] = true;
        values(v, 0) = 1.f;
    }
    // Components without any fixed vertex would make the system singular: pin them to 0.
    std::vector<int> seen(static_cast<size_t>(vertex_count()), 0);
    for (int s = 0; s < vertex_count(); ++s) {
        if (seen[static_cast<size_t>(s)] || !connected(s)) continue;
        std::vector<int> component{s}, stack{s};
        seen[static_cast<size_t>(s)] = 1;
        bool anchored = false;
        while (!stack.empty()) {
            const int v = stack.back();
            stack.pop_back();
            anchored = anchored || fixed[static_cast<size_t>(v)];
            for (const Edge& e : neighbours_[static_cast<size_t>(v)])
                if (!seen[static_cast<size_t>(e.to)]) {
                    seen[static_cast<size_t>(e.to)] = 1;
                    component.push_back(e.to);
                    stack.push_back(e.to);
                }
        }
        if (!anchored)
            for (int v : component)
                fixed[static_cast<size_t>(v)] = true;
    }
    Eigen::VectorXf u = harmonic_extension(values, fixed).col(0);
    return u.cwiseMax(0.f).cwiseMin(1.f);
}

float smooth_falloff(float d, float inner, float outer) {
    if (d <= inner) return 1.f;
    if (d >= outer) return 0.f;
    const float t = (d - inner) / (outer - inner);
    return 1.f - t * t * (3.f - 2.f * t);
}

}  // namespace likeness::face
