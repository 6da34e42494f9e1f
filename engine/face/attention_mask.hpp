#pragma once
// Attention masks A_i (paper §3.2): where blend shape i moves the template, used to keep the
// personal corrections A_i * Delta_i local (eq. 1 and 2).
#include <Eigen/Core>
#include <opencv2/core.hpp>

#include "engine/core/mesh.hpp"

namespace likeness::face {

struct AttentionMaskOptions {
    /// Per-vertex motion (cm) at or below which a vertex counts as still. The paper thresholds
    /// at 0.001 in its template's units; ours are cm and 0.01 cm = 0.1 mm, under a tenth of a
    /// pixel for a face filling a 1080p frame, so only numerical dust is cut.
    float threshold_cm = 0.01f;
    int uv_size = 128;               ///< side of the UV mask (texels); see TemplateRigOptions
    float blur_sigma_texels = 1.0f;  ///< "a small amount of Gaussian blur" [33]
};

/// #V per-vertex mask: |dS(v)| / max_v |dS(v)| where |dS(v)| > threshold, else 0 (all zero for
/// a shape that does not move). dS is #V by 3 (cm).
Eigen::VectorXf vertex_attention(const core::MatrixX3fR& dS, const AttentionMaskOptions& options);

/// The per-vertex mask rasterised to UV (CV_32F, uv_size square), blurred, clamped to [0,1].
cv::Mat uv_attention(const core::Mesh& mesh, const Eigen::VectorXf& vertex_mask,
                     const AttentionMaskOptions& options);

}  // namespace likeness::face
