#include "engine/eval/expression_energy.hpp"

namespace likeness::eval {

double expression_energy_mm(const core::BlendshapeRig& model, const float* w) {
    const int n = model.vertex_count();
    if (n == 0) return 0.0;
    core::MatrixX3fR d = core::MatrixX3fR::Zero(n, 3);
    for (int i = 0; i < model.shape_count(); ++i)
        if (w[i] != 0.f) d += w[i] * model.deltas[static_cast<size_t>(i)];
    return 10.0 * d.rowwise().norm().cast<double>().mean();
}

}  // namespace likeness::eval
