#include "engine/face/closest_point.hpp"

#include <Eigen/Geometry>
#include <algorithm>
#include <cmath>
#include <limits>

namespace likeness::face {

Eigen::Vector3f closest_point_on_triangle(const Eigen::Vector3f& p, const Eigen::Vector3f& a,
                                          const Eigen::Vector3f& b, const Eigen::Vector3f& c,
                                          Eigen::Vector3f* bary) {
    // Voronoi regions of the triangle's vertices, edges and face (Ericson, Real-Time Collision
    // Detection, 5.1.5).
    const Eigen::Vector3f ab = b - a, ac = c - a, ap = p - a;
    const float d1 = ab.dot(ap), d2 = ac.dot(ap);
    if (d1 <= 0.f && d2 <= 0.f) return *bary = {1, 0, 0}, a;
    const Eigen::Vector3f bp = p - b;
    const float d3 = ab.dot(bp), d4 = ac.dot(bp);
    if (d3 >= 0.f && d4 <= d3) return *bary = {0, 1, 0}, b;
    const float vc = d1 * d4 - d3 * d2;
    if (vc <= 0.f && d1 >= 0.f && d3 <= 0.f) {
        const float v = d1 / (d1 - d3);
        *bary = {1 - v, v, 0};
        return a + v * ab;
    }
    const Eigen::Vector3f cp = p - c;
    const float d5 = ab.dot(cp), d6 = ac.dot(cp);
    if (d6 >= 0.f && d5 <= d6) return *bary = {0, 0, 1}, c;
    const float vb = d5 * d2 - d1 * d6;
    if (vb <= 0.f && d2 >= 0.f && d6 <= 0.f) {
        const float w = d2 / (d2 - d6);
        *bary = {1 - w, 0, w};
        return a + w * ac;
    }
    const float va = d3 * d6 - d5 * d4;
    if (va <= 0.f && (d4 - d3) >= 0.f && (d5 - d6) >= 0.f) {
        const float w = (d4 - d3) / ((d4 - d3) + (d5 - d6));
        *bary = {0, 1 - w, w};
        return b + w * (c - b);
    }
    const float denom = 1.f / (va + vb + vc);
    const float v = vb * denom, w = vc * denom;
    *bary = {1 - v - w, v, w};
    return a + v * ab + w * ac;
}

ClosestPointQuery::ClosestPointQuery(const core::MatrixX3fR& V, const core::MatrixX3iR& F,
                                     const std::vector<bool>& active)
    : V_(V), F_(F) {
    Eigen::Vector3f lo = Eigen::Vector3f::Constant(std::numeric_limits<float>::max());
    Eigen::Vector3f hi = -lo;
    double edge_sum = 0.0;
    int used = 0;
    for (Eigen::Index f = 0; f < F.rows(); ++f) {
        if (!active.empty() && !active[static_cast<size_t>(f)]) continue;
        for (int k = 0; k < 3; ++k) {
            lo = lo.cwiseMin(V.row(F(f, k)).transpose());
            hi = hi.cwiseMax(V.row(F(f, k)).transpose());
        }
        edge_sum += (V.row(F(f, 0)) - V.row(F(f, 1))).norm();
        ++used;
    }
    if (used == 0) return;
    cell_ = std::max(1e-4f, static_cast<float>(2.0 * edge_sum / used));
    origin_ = lo;
    dims_ = ((hi - lo) / cell_).array().floor().cast<int>() + 1;
    cells_.assign(static_cast<size_t>(dims_.prod()), {});
    for (Eigen::Index f = 0; f < F.rows(); ++f) {
        if (!active.empty() && !active[static_cast<size_t>(f)]) continue;
        Eigen::Vector3f tlo = V.row(F(f, 0)).transpose(), thi = tlo;
        for (int k = 1; k < 3; ++k) {
            tlo = tlo.cwiseMin(V.row(F(f, k)).transpose());
            thi = thi.cwiseMax(V.row(F(f, k)).transpose());
        }
        const Eigen::Vector3i a = ((tlo - origin_) / cell_).array().floor().cast<int>();
        const Eigen::Vector3i b = ((thi - origin_) / cell_).array().floor().cast<int>();
        for (int z = a.z(); z <= b.z(); ++z)
            for (int y = a.y(); y <= b.y(); ++y)
                for (int x = a.x(); x <= b.x(); ++x)
                    cells_[static_cast<size_t>(cell_key(x, y, z))].push_back(static_cast<int>(f));
    }
}

long ClosestPointQuery::cell_key(int x, int y, int z) const {
    return (static_cast<long>(z) * dims_.y() + y) * dims_.x() + x;
}

SurfacePoint ClosestPointQuery::closest(const Eigen::Vector3f& p, float max_distance) const {
    return search(p, max_distance, nullptr, 0.f);
}

SurfacePoint ClosestPointQuery::closest(const Eigen::Vector3f& p, float max_distance,
                                        const Eigen::Vector3f& normal, float min_normal_dot) const {
    return search(p, max_distance, &normal, min_normal_dot);
}

SurfacePoint ClosestPointQuery::search(const Eigen::Vector3f& p, float max_distance,
                                       const Eigen::Vector3f* normal, float min_normal_dot) const {
    SurfacePoint best;
    best.distance = max_distance;
    if (cells_.empty()) return best;
    const Eigen::Vector3f rel = (p - origin_) / cell_;
    const Eigen::Vector3i c = rel.array().floor().cast<int>();
    const int max_ring = static_cast<int>(std::ceil(max_distance / cell_)) + 1;
    for (int ring = 0; ring <= max_ring; ++ring) {
        // Any triangle in ring r is at least (r - 1) cells away.
        if (best.face >= 0 && static_cast<float>(ring - 1) * cell_ > best.distance) break;
        for (int z = c.z() - ring; z <= c.z() + ring; ++z)
            for (int y = c.y() - ring; y <= c.y() + ring; ++y)
                for (int x = c.x() - ring; x <= c.x() + ring; ++x) {
                    if (std::max({std::abs(x - c.x()), std::abs(y - c.y()), std::abs(z - c.z())}) !=
                        ring)
                        continue;
                    if (x < 0 || y < 0 || z < 0 || x >= dims_.x() || y >= dims_.y() ||
                        z >= dims_.z())
                        continue;
                    for (int f : cells_[static_cast<size_t>(cell_key(x, y, z))]) {
                        if (normal) {
                            const Eigen::Vector3f a = V_.row(F_(f, 0)).transpose();
                            const Eigen::Vector3f ab = V_.row(F_(f, 1)).transpose() - a;
                            const Eigen::Vector3f ac = V_.row(F_(f, 2)).transpose() - a;
                            const Eigen::Vector3f n = ab.cross(ac);
                            const float len = n.norm();
                            if (!(len > 0.f) || n.dot(*normal) < min_normal_dot * len) continue;
                        }
                        Eigen::Vector3f bary;
                        const Eigen::Vector3f q = closest_point_on_triangle(
                            p, V_.row(F_(f, 0)).transpose(), V_.row(F_(f, 1)).transpose(),
                            V_.row(F_(f, 2)).transpose(), &bary);
                        const float d = (q - p).norm();
                        if (d < best.distance || (best.face < 0 && d <= max_distance)) {
                            best = {f, bary, q, d};
                        }
                    }
                }
    }
    return best;
}

}  // namespace likeness::face
