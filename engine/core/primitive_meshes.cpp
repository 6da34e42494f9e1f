#include "engine/core/primitive_meshes.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <map>
#include <utility>
#include <vector>

namespace likeness::core {

Mesh icosphere(int levels, float radius_cm) {
    assert(levels >= 0 && radius_cm > 0.f);
    const double g = (1.0 + std::sqrt(5.0)) / 2.0;
    std::vector<Eigen::Vector3d> V = {{-1, g, 0}, {1, g, 0}, {-1, -g, 0}, {1, -g, 0},
                                      {0, -1, g}, {0, 1, g}, {0, -1, -g}, {0, 1, -g},
                                      {g, 0, -1}, {g, 0, 1}, {-g, 0, -1}, {-g, 0, 1}};
    std::vector<Eigen::Vector3i> F = {{0, 11, 5}, {0, 5, 1},  {0, 1, 7},   {0, 7, 10}, {0, 10, 11},
                                      {1, 5, 9},  {5, 11, 4}, {11, 10, 2}, {10, 7, 6}, {7, 1, 8},
                                      {3, 9, 4},  {3, 4, 2},  {3, 2, 6},   {3, 6, 8},  {3, 8, 9},
                                      {4, 9, 5},  {2, 4, 11}, {6, 2, 10},  {8, 6, 7},  {9, 8, 1}};
    for (auto& v : V)
        v.normalize();
    for (int level = 0; level < levels; ++level) {
        std::map<std::pair<int, int>, int> midpoint;
        auto mid = [&](int a, int b) {
            const std::pair<int, int> key(std::min(a, b), std::max(a, b));
            const auto it = midpoint.find(key);
            if (it != midpoint.end()) return it->second;
            V.push_back((V[static_cast<size_t>(a)] + V[static_cast<size_t>(b)]).normalized());
            const int id = static_cast<int>(V.size()) - 1;
            midpoint.emplace(key, id);
            return id;
        };
        std::vector<Eigen::Vector3i> finer;
        finer.reserve(F.size() * 4);
        for (const auto& f : F) {
            const int a = mid(f[0], f[1]), b = mid(f[1], f[2]), c = mid(f[2], f[0]);
            finer.emplace_back(f[0], a, c);
            finer.emplace_back(f[1], b, a);
            finer.emplace_back(f[2], c, b);
            finer.emplace_back(a, b, c);
        }
        F.swap(finer);
    }
    Mesh mesh;
    mesh.name = "icosphere";
    const int n = static_cast<int>(V.size());
    mesh.V.resize(n, 3);
    mesh.N.resize(n, 3);
    mesh.UV.resize(n, 2);
    constexpr double kPi = 3.14159265358979324;
    for (int i = 0; i < n; ++i) {
        const Eigen::Vector3d& v = V[static_cast<size_t>(i)];
        mesh.N.row(i) = v.cast<float>().transpose();
        mesh.V.row(i) = (radius_cm * v.cast<float>()).transpose();
        mesh.UV(i, 0) = static_cast<float>(std::atan2(v.x(), v.z()) / (2.0 * kPi) + 0.5);
        mesh.UV(i, 1) = static_cast<float>(std::asin(std::clamp(v.y(), -1.0, 1.0)) / kPi + 0.5);
    }
    mesh.F.resize(static_cast<Eigen::Index>(F.size()), 3);
    for (size_t f = 0; f < F.size(); ++f)
        mesh.F.row(static_cast<Eigen::Index>(f)) = F[f].transpose();
    return mesh;
}

Mesh grid_mesh(int cells, float size_cm) {
    assert(cells >= 1 && size_cm > 0.f);
    Mesh mesh;
    mesh.name = "grid";
    const int side = cells + 1;
    mesh.V.resize(side * side, 3);
    mesh.UV.resize(side * side, 2);
    mesh.N.resize(side * side, 3);
    for (int j = 0; j < side; ++j)
        for (int i = 0; i < side; ++i) {
            const int v = j * side + i;
            const float u = static_cast<float>(i) / static_cast<float>(cells);
            const float w = static_cast<float>(j) / static_cast<float>(cells);
            mesh.V.row(v) << (u - 0.5f) * size_cm, (w - 0.5f) * size_cm, 0.f;
            mesh.UV.row(v) << u, w;
            mesh.N.row(v) << 0.f, 0.f, 1.f;
        }
    mesh.F.resize(2 * cells * cells, 3);
    int f = 0;
    for (int j = 0; j < cells; ++j)
        for (int i = 0; i < cells; ++i) {
            const int a = j * side + i, b = a + 1, c = a + side, d = c + 1;
            mesh.F.row(f++) << a, b, d;
            mesh.F.row(f++) << a, d, c;
        }
    return mesh;
}

}  // namespace likeness::core
