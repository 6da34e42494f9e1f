#include "engine/render/albedo_normal_equations.hpp"

#include <cassert>

#include "engine/render/renderer.hpp"
#include "engine/render/texel_footprint.hpp"

namespace likeness::render {

void albedo_normal_equations(const Scene& scene, const Rendering& rendering,
                             const cv::Mat& residual, const cv::Mat& weight, cv::Mat* JtWJ_diagonal,
                             cv::Mat* JtWr) {
    assert(JtWJ_diagonal && JtWr && scene.albedo_uv && !scene.albedo_uv->empty() &&
           "albedo normal equations need an albedo texture");
    [[maybe_unused]] const int width = rendering.raster.width;
    [[maybe_unused]] const int height = rendering.raster.height;
    assert(residual.type() == CV_32FC3 && residual.cols == width && residual.rows == height);
    assert(weight.empty() ||
           (weight.type() == CV_32F && weight.cols == width && weight.rows == height));
    const cv::Mat& tex = *scene.albedo_uv;
    JtWJ_diagonal->create(tex.rows, tex.cols, CV_32FC3);
    JtWJ_diagonal->setTo(cv::Scalar::all(0));
    JtWr->create(tex.rows, tex.cols, CV_32FC3);
    JtWr->setTo(cv::Scalar::all(0));
    float* H = JtWJ_diagonal->ptr<float>();
    float* g = JtWr->ptr<float>();
    const float* r = residual.ptr<float>();
    const float* w_img = weight.empty() ? nullptr : weight.ptr<float>();
    const unsigned char* mask = rendering.mask.ptr<unsigned char>();
    const core::MatrixX3iR& F = scene.mesh->F;
    const ShadedVertices& sv = rendering.vertices;
    // Serial: neighbouring pixels share texels, and this pass is a small part of a solve.
    for (size_t j = 0; j < rendering.covered.size(); ++j) {
        const int i = rendering.covered[j];
        const float w = w_img ? w_img[i] : (mask[i] ? 1.f : 0.f);
        if (!(w > 0.f)) continue;
        const int t = rendering.raster.triangle[static_cast<size_t>(i)];
        const float* b = rendering.barycentric.ptr<float>() + 3 * static_cast<size_t>(i);
        TexelFootprint fp = texel_footprint(rendering.covered_uv[2 * j],
                                            rendering.covered_uv[2 * j + 1], tex.cols, tex.rows);
        // At the border clamping maps several corners to one texel: merge them first.
        for (int n = 1; n < 4; ++n)
            for (int m = 0; m < n; ++m)
                if (fp.offset[n] == fp.offset[m] && fp.weight[m] != 0.f) {
                    fp.weight[m] += fp.weight[n];
                    fp.weight[n] = 0.f;
                    break;
                }
        for (int c = 0; c < 3; ++c) {
            const float s = b[0] * sv.shading(F(t, 0), c) + b[1] * sv.shading(F(t, 1), c) +
                            b[2] * sv.shading(F(t, 2), c);
            const float rc = r[3 * static_cast<size_t>(i) + c];
            for (int n = 0; n < 4; ++n) {
                const float d = fp.weight[n] * s;  // ∂Î_c / ∂T_{n,c}
                const size_t o = 3 * static_cast<size_t>(fp.offset[n]) + c;
                H[o] += w * d * d;
                g[o] += w * d * rc;
            }
        }
    }
}

}  // namespace likeness::render
