#include "engine/eval/expression_deviation.hpp"

#include <algorithm>

#include "engine/eval/smooth_field.hpp"

namespace likeness::eval {

std::vector<core::MatrixX3fR> expression_deviations(const face::TemplateRig& rig,
                                                    const ExpressionDeviationOptions& o, Rng& rng) {
    std::vector<core::MatrixX3fR> out;
    out.reserve(static_cast<size_t>(rig.shape_count()));
    for (int i = 0; i < rig.shape_count(); ++i) {
        const core::MatrixX3fR& dS = rig.deltas[static_cast<size_t>(i)];
        const Eigen::VectorXf& A = rig.vertex_attention[static_cast<size_t>(i)];
        // Draw for every shape, even unchanged ones, so the list does not shift the stream.
        const float gain = static_cast<float>(o.gain_sigma * rng.clamped_normal(2.5));
        const float max_cm = dS.rows() ? dS.rowwise().norm().maxCoeff() : 0.f;
        SmoothFieldOptions field;
        field.bumps = o.bumps;
        field.min_radius_cm = o.min_radius_cm;
        field.max_radius_cm = o.max_radius_cm;
        field.amplitude_cm = o.relative_amplitude * max_cm;
        core::MatrixX3fR f = smooth_random_field(rig.neutral.V, A, field, rng);
        const bool unchanged =
            std::find(o.unchanged.begin(), o.unchanged.end(),
                      rig.shape_names[static_cast<size_t>(i)]) != o.unchanged.end();
        if (unchanged) {
            out.push_back(core::MatrixX3fR::Zero(dS.rows(), 3));
            continue;
        }
        // A_i ⊙ (gain dS_i / A_i + f_i): the gain term too vanishes where the mask does (dS_i
        // has sub-threshold dust there), so D_i is exactly of the form A_i Δ_i of eq. 1.
        for (Eigen::Index v = 0; v < f.rows(); ++v)
            f.row(v) = A[v] > 0.f ? Eigen::RowVector3f(A[v] * f.row(v) + gain * dS.row(v))
                                  : Eigen::RowVector3f::Zero();
        out.push_back(f);
    }
    return out;
}

}  // namespace likeness::eval
