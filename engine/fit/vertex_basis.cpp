#include "engine/fit/vertex_basis.hpp"

#include <cassert>

namespace likeness::fit {
namespace {

VertexBasis::Table regroup(const std::vector<core::MatrixX3fR>& directions) {
    const int K = static_cast<int>(directions.size());
    const Eigen::Index n = K > 0 ? directions.front().rows() : 0;
    VertexBasis::Table out(n, 3 * K);
    for (int i = 0; i < K; ++i) {
        const core::MatrixX3fR& d = directions[static_cast<size_t>(i)];
        assert(d.rows() == n && "every direction has one row per vertex");
        for (Eigen::Index v = 0; v < n; ++v)
            for (int a = 0; a < 3; ++a)
                out(v, a * K + i) = d(v, a);
    }
    return out;
}

}  // namespace

VertexBasis vertex_basis(const std::vector<core::MatrixX3fR>& basis,
                         const std::vector<core::MatrixX3fR>* normal_directions) {
    VertexBasis b;
    b.directions = static_cast<int>(basis.size());
    b.positions = regroup(basis);
    if (normal_directions) {
        assert(normal_directions->size() == basis.size() && "one normal direction per direction");
        b.normals = regroup(*normal_directions);
    }
    const int K = b.directions;
    const Eigen::Index n = b.positions.rows();
    b.first.assign(1, 0);
    for (Eigen::Index v = 0; v < n; ++v) {
        for (int i = 0; i < K; ++i) {
            float e[6] = {};
            for (int a = 0; a < 3; ++a) {
                e[a] = b.positions(v, a * K + i);
                if (b.normals.rows() > 0) e[3 + a] = b.normals(v, a * K + i);
            }
            if (e[0] == 0.f && e[1] == 0.f && e[2] == 0.f && e[3] == 0.f && e[4] == 0.f &&
                e[5] == 0.f)
                continue;
            b.direction.push_back(i);
            b.entry.insert(b.entry.end(), e, e + 6);
        }
        b.first.push_back(static_cast<int>(b.direction.size()));
    }
    return b;
}

}  // namespace likeness::fit
