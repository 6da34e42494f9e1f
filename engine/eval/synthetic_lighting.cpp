#include "engine/eval/synthetic_lighting.hpp"

#include <algorithm>
#include <cmath>

namespace likeness::eval {

core::ShLighting random_lighting(const LightingOptions& o, Rng& rng) {
    using namespace core::sh_constant;
    const double a = rng.uniform(o.min_ambient, o.max_ambient);
    const double b = rng.uniform(o.min_directional, o.max_directional);
    // Uniform over the spherical cap of half-angle max_light_angle around +z.
    const double cos_max = std::cos(o.max_light_angle);
    const double cos_theta = rng.uniform(cos_max, 1.0);
    const double sin_theta = std::sqrt(std::max(0.0, 1.0 - cos_theta * cos_theta));
    const double phi = rng.uniform(0.0, 6.283185307179586);
    const double dx = sin_theta * std::cos(phi), dy = sin_theta * std::sin(phi), dz = cos_theta;
    // Shading terms per basis function (sh_basis order), then γ_b = term_b / k_b.
    double term[core::kShBasisCount] = {a, b * dy, b * dz, b * dx, 0, 0, 0, 0, 0};
    for (int k = 4; k < core::kShBasisCount; ++k)
        term[k] = o.second_order_sigma * rng.clamped_normal(2.5);
    const double k_of[core::kShBasisCount] = {k0, k1, k1, k1, k2, k2, k3, k2, k4};
    core::ShLighting L;
    for (int c = 0; c < 3; ++c) {
        const double tint = 1.0 + o.tint_sigma * rng.clamped_normal(2.5);
        for (int k = 0; k < core::kShBasisCount; ++k)
            L.gamma[static_cast<size_t>(9 * c + k)] = static_cast<float>(tint * term[k] / k_of[k]);
    }
    return L;
}

core::ShLighting blend(const core::ShLighting& a, const core::ShLighting& b, float s) {
    core::ShLighting out;
    for (size_t k = 0; k < out.gamma.size(); ++k)
        out.gamma[k] = (1.f - s) * a.gamma[k] + s * b.gamma[k];
    return out;
}

float min_front_shading(const core::ShLighting& lighting) {
    float lowest = INFINITY;
    for (int i = 0; i <= 20; ++i) {
        const float cos_t = i / 20.f, sin_t = std::sqrt(1.f - cos_t * cos_t);
        for (int j = 0; j < 96; ++j) {
            const float phi = 6.2831853f * j / 96.f;
            const Eigen::Vector3f n(sin_t * std::cos(phi), sin_t * std::sin(phi), cos_t);
            lowest = std::min(lowest, lighting.shade(n).minCoeff());
        }
    }
    return lowest;
}

}  // namespace likeness::eval
