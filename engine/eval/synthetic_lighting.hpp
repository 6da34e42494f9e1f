#pragma once
// Random scene lighting for synthetic sequences, as the paper's lighting prior expects it (eq. 8:
// mostly monochromatic, bounded): an ambient term, one broad directional light from the
// camera's side of the face, a little second-order SH variation, and a slight colour tint.
// Shading of a normal n (camera frame, core::ShLighting):
//     s_c(n) ≈ t_c (a + b n·d + second-order terms),   t_c = 1 + tint
#include "engine/core/sh_lighting.hpp"
#include "engine/eval/rng.hpp"

namespace likeness::eval {

struct LightingOptions {
    float min_ambient = 0.55f;  ///< a, drawn uniformly in [min_ambient, max_ambient]
    float max_ambient = 0.85f;
    float min_directional = 0.12f;  ///< b, drawn uniformly in [min_directional, max_directional]
    float max_directional = 0.45f;
    /// Largest angle (rad) between the light direction d and the camera's viewing axis (+z).
    float max_light_angle = 1.05f;
    float second_order_sigma = 0.03f;  ///< standard deviation of each band-2 shading term
    float tint_sigma = 0.04f;          ///< standard deviation of t_c − 1 (clamped at 2.5 sigma)
};

/// One random lighting.
core::ShLighting random_lighting(const LightingOptions& options, Rng& rng);

/// (1 − s) a + s b, coefficient-wise (s in [0, 1]).
core::ShLighting blend(const core::ShLighting& a, const core::ShLighting& b, float s);

/// The smallest shading value over normals facing the camera (n_z >= 0), any channel: a check
/// that a lighting leaves no visible part of a face black. Sampled on ~2000 directions.
float min_front_shading(const core::ShLighting& lighting);

}  // namespace likeness::eval
