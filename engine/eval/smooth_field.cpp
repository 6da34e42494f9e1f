#include "engine/eval/smooth_field.hpp"

#include <cassert>
#include <cmath>

namespace likeness::eval {
namespace {

/// Index drawn with probability proportional to weight (all equal when weight is empty).
int draw_index(const Eigen::VectorXf& weight, int count, double total, Rng& rng) {
    if (weight.size() == 0) return rng.below(count);
    double u = rng.uniform() * total;
    for (int v = 0; v < count; ++v) {
        u -= weight[v];
        if (u < 0.0) return v;
    }
    for (int v = count - 1; v >= 0; --v)
        if (weight[v] > 0.f) return v;
    return 0;
}

}  // namespace

core::MatrixX3fR smooth_random_field(const core::MatrixX3fR& V, const Eigen::VectorXf& weight,
                                     const SmoothFieldOptions& o, Rng& rng) {
    const int n = static_cast<int>(V.rows());
    assert((weight.size() == 0 || weight.size() == n) && "one centre weight per vertex");
    core::MatrixX3fR field = core::MatrixX3fR::Zero(n, 3);
    const double total = weight.size() ? weight.cast<double>().sum() : static_cast<double>(n);
    if (n == 0 || !(total > 0.0)) return field;
    for (int k = 0; k < o.bumps; ++k) {
        const int c = draw_index(weight, n, total, rng);
        const Eigen::Vector3f centre = V.row(c).transpose();
        const float sigma = static_cast<float>(rng.uniform(o.min_radius_cm, o.max_radius_cm));
        const Eigen::Vector3f a(static_cast<float>(rng.normal(0.0, o.amplitude_cm)),
                                static_cast<float>(rng.normal(0.0, o.amplitude_cm)),
                                static_cast<float>(rng.normal(0.0, o.amplitude_cm)));
        const float inv = -0.5f / (sigma * sigma);
        const float reach2 = 16.f * sigma * sigma;  // exp(-8) beyond 4 sigma: skipped
        for (int v = 0; v < n; ++v) {
            const float d2 = (V.row(v).transpose() - centre).squaredNorm();
            if (d2 < reach2) field.row(v) += std::exp(inv * d2) * a.transpose();
        }
    }
    return field;
}

core::MatrixX3fR symmetrized(const core::MatrixX3fR& field, const std::vector<int>& mirror,
                             float s) {
    assert(mirror.size() == static_cast<size_t>(field.rows()) && "one mirror index per row");
    core::MatrixX3fR out(field.rows(), 3);
    for (Eigen::Index v = 0; v < field.rows(); ++v) {
        Eigen::RowVector3f m = field.row(mirror[static_cast<size_t>(v)]);
        m.x() = -m.x();
        out.row(v) = (1.f - s) * field.row(v) + 0.5f * s * (field.row(v) + m);
    }
    return out;
}

float rms_length(const core::MatrixX3fR& field, const std::vector<int>& rows) {
    double sum = 0.0;
    size_t count = 0;
    if (rows.empty()) {
        sum = field.cast<double>().squaredNorm();
        count = static_cast<size_t>(field.rows());
    } else {
        for (int r : rows)
            sum += field.row(r).cast<double>().squaredNorm();
        count = rows.size();
    }
    return count ? static_cast<float>(std::sqrt(sum / static_cast<double>(count))) : 0.f;
}

}  // namespace likeness::eval
