#include "engine/face/mirror_map.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace likeness::face {

std::vector<int> mirror_map(const core::MatrixX3fR& V, float* max_error_cm) {
    const int n = static_cast<int>(V.rows());
    // Sort by y so each query scans only a slab around its own height.
    std::vector<int> order(static_cast<size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int a, int b) { return V(a, 1) < V(b, 1); });
    std::vector<float> ys(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i)
        ys[static_cast<size_t>(i)] = V(order[static_cast<size_t>(i)], 1);
    std::vector<int> mirror(static_cast<size_t>(n), -1);
    float worst = 0.f;
    for (int v = 0; v < n; ++v) {
        const Eigen::Vector3f r(-V(v, 0), V(v, 1), V(v, 2));
        float best = std::numeric_limits<float>::infinity();
        int best_i = v;
        const size_t start =
            static_cast<size_t>(std::lower_bound(ys.begin(), ys.end(), r.y()) - ys.begin());
        for (int dir : {1, -1}) {
            for (size_t k = dir > 0 ? start : start - 1; k < static_cast<size_t>(n);
                 k += static_cast<size_t>(dir)) {
                if (std::abs(ys[k] - r.y()) > std::sqrt(best)) break;
                const int u = order[k];
                const float d = (V.row(u).transpose() - r).squaredNorm();
                if (d < best) {
                    best = d;
                    best_i = u;
                }
            }
        }
        mirror[static_cast<size_t>(v)] = best_i;
        worst = std::max(worst, std::sqrt(best));
    }
    if (max_error_cm) *max_error_cm = worst;
    return mirror;
}

}  // namespace likeness::face
