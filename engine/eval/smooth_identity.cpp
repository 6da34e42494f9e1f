#include "engine/eval/smooth_identity.hpp"

namespace likeness::eval {

core::MatrixX3fR smooth_identity(const face::TemplateRig& rig, const SmoothIdentityOptions& o,
                                 Rng& rng) {
    const core::MatrixX3fR& V = rig.neutral.V;
    const Eigen::RowVector3f centre = V.colwise().mean();
    const Eigen::RowVector3f scale(
        static_cast<float>(o.proportion_sigma * rng.clamped_normal(2.5)),
        static_cast<float>(o.proportion_sigma * rng.clamped_normal(2.5)),
        static_cast<float>(1.5 * o.proportion_sigma * rng.clamped_normal(2.5)));
    core::MatrixX3fR delta(V.rows(), 3);
    for (Eigen::Index v = 0; v < V.rows(); ++v)
        delta.row(v) = (V.row(v) - centre).cwiseProduct(scale);
    const core::MatrixX3fR local = smooth_random_field(V, {}, o.shape, rng);
    delta += symmetrized(local, rig.mirror, o.symmetry);
    return delta;
}

}  // namespace likeness::eval
