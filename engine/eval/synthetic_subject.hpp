#pragma once
// A synthetic person with known geometry and appearance: the ground truth of the personal
// model that Likeness's fitting must recover (paper eq. 1 and 2):
//   S(w) = S0 + Δ0 + Σ_i w_i (dS_i + D_i)       (Δ0: identity, D_i: expression deviations)
//   R(w) = R_photo + Σ_i w_i W_i                (static albedo from a real photo, wrinkles W_i)
// on the template's topology and UV layout, so every vertex corresponds to a template vertex.
#include <Eigen/Core>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/core/blendshape_rig.hpp"
#include "engine/eval/expression_deviation.hpp"
#include "engine/eval/ict_identity.hpp"
#include "engine/eval/photo_albedo.hpp"
#include "engine/eval/smooth_identity.hpp"
#include "engine/eval/wrinkle_albedo.hpp"
#include "engine/face/template_rig.hpp"

namespace likeness::eval {

enum class IdentitySource { Smooth, Ict };

/// "smooth" / "ict".
const char* identity_source_name(IdentitySource source);

struct SubjectOptions {
    std::uint64_t seed = 1;
    IdentitySource identity = IdentitySource::Smooth;
    /// Required for IdentitySource::Ict (see ict_identity_basis); its mode count is used.
    const IctIdentityBasis* ict = nullptr;
    /// Unwrapped real faces to draw the albedo from; null or empty: the template's mean
    /// albedo with a random skin tone and a little blotchiness.
    const std::vector<PhotoAlbedo>* photos = nullptr;
    SmoothIdentityOptions smooth_identity;
    ExpressionDeviationOptions expression;
    bool wrinkles = true;
    WrinkleOptions wrinkle;
    /// Per-channel gain on the photo's colours (skin tone variety), standard deviation.
    float tone_sigma = 0.05f;
};

struct SyntheticSubject {
    std::uint64_t seed = 0;
    IdentitySource identity_source = IdentitySource::Smooth;
    Eigen::VectorXf ict_coefficients;                    ///< the person's c_k (Ict only)
    std::string albedo_source;                           ///< the photo's file name, or "template"
    core::MatrixX3fR identity;                           ///< Δ0: #V by 3, model space, cm
    std::vector<core::MatrixX3fR> expression_deviation;  ///< 52 of D_i, #V by 3, cm
    /// The ground-truth personal model: neutral S0 + Δ0 with the template's faces and UVs,
    /// 52 deltas dS_i + D_i (ARKit order), static albedo (CV_32FC3, texture_size square).
    /// Dynamic albedo is kept sparse in `wrinkles` (rig.dynamic_albedo stays empty).
    core::BlendshapeRig rig;
    std::vector<WrinkleMap> wrinkles;

    /// S(w): #V by 3, model space, cm; `w` holds rig.shape_count() weights.
    core::MatrixX3fR vertices(const float* w) const;
};

/// Builds subject `options.seed`. Each part draws from its own stream of the seed (identity,
/// expression, albedo, wrinkles), so changing one option leaves the others' draws unchanged.
/// Throws std::invalid_argument when IdentitySource::Ict is asked without a basis.
SyntheticSubject make_subject(const face::TemplateRig& rig, const SubjectOptions& options);

/// Evaluates S0' + Σ w_i dS'_i for a rig (neutral + deltas), #V by 3; w has shape_count() entries.
core::MatrixX3fR rig_vertices(const core::BlendshapeRig& rig, const float* w);

}  // namespace likeness::eval
