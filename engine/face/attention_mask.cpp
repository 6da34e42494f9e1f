#include "engine/face/attention_mask.hpp"

#include <opencv2/imgproc.hpp>

#include "engine/face/uv_raster.hpp"

namespace likeness::face {

Eigen::VectorXf vertex_attention(const core::MatrixX3fR& dS, const AttentionMaskOptions& options) {
    Eigen::VectorXf d = dS.rowwise().norm();
    for (Eigen::Index v = 0; v < d.size(); ++v)
        if (d[v] <= options.threshold_cm) d[v] = 0.f;
    const float max = d.size() ? d.maxCoeff() : 0.f;
    if (max > 0.f) d /= max;
    return d;
}

cv::Mat uv_attention(const core::Mesh& mesh, const Eigen::VectorXf& vertex_mask,
                     const AttentionMaskOptions& options) {
    cv::Mat map = rasterize_uv(mesh, vertex_mask, options.uv_size);
    if (options.blur_sigma_texels > 0.f)
        cv::GaussianBlur(map, map, cv::Size(0, 0), options.blur_sigma_texels);
    cv::min(map, 1.0, map);
    cv::max(map, 0.0, map);
    return map;
}

}  // namespace likeness::face
