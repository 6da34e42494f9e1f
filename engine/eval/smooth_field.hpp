#pragma once
// Smooth random displacement fields on a mesh: the building block of synthetic identities and
// of user-specific blend-shape deviations. A field is a sum of Gaussian bumps,
//     d(x) = Σ_k a_k exp(−|x − c_k|² / (2 σ_k²)),
// with centres c_k drawn among the vertices (optionally weighted, e.g. by an attention mask),
// radii σ_k and random vectors a_k. Smooth at the scale σ by construction, and local when σ is
// small against the face.
#include <Eigen/Core>
#include <vector>

#include "engine/core/mesh.hpp"
#include "engine/eval/rng.hpp"

namespace likeness::eval {

struct SmoothFieldOptions {
    int bumps = 12;              ///< number of Gaussian bumps
    float min_radius_cm = 1.5f;  ///< σ_k drawn uniformly in [min_radius_cm, max_radius_cm]
    float max_radius_cm = 3.0f;
    /// Standard deviation of each component of a_k (cm). Overlapping bumps add up, so the
    /// field's typical size grows with the density of bumps.
    float amplitude_cm = 0.2f;
};

/// #V by 3 field (cm, the frame of V) at the vertices V (#V by 3, cm). `centre_weight` (#V,
/// >= 0, or empty for uniform) is the probability of a vertex being a bump centre; an all-zero
/// weight gives a zero field.
core::MatrixX3fR smooth_random_field(const core::MatrixX3fR& V,
                                     const Eigen::VectorXf& centre_weight,
                                     const SmoothFieldOptions& options, Rng& rng);

/// Blends a field with its mirror image across x = 0: (1 − s) d + s (d + M d) / 2, where
/// (M d)(v) = diag(−1, 1, 1) d(mirror[v]). s = 1 gives a perfectly symmetric field.
core::MatrixX3fR symmetrized(const core::MatrixX3fR& field, const std::vector<int>& mirror,
                             float symmetry);

/// Root mean square of the rows' lengths (cm) over the rows in `rows` (all when empty).
float rms_length(const core::MatrixX3fR& field, const std::vector<int>& rows = {});

}  // namespace likeness::eval
