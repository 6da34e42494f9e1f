#include "engine/fit/image_gradient_term.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "engine/render/renderer.hpp"

namespace likeness::fit {

double image_gradient_loss(const render::Rendering& rendering, const cv::Mat& target, float scale,
                           const PixelLossOutputs& outputs) {
    assert(target.type() == CV_32FC3 && target.isContinuous());
    assert(target.size() == rendering.colour.size());
    const int width = target.cols, height = target.rows;
    if (outputs.adjoint)
        outputs.adjoint->create(target.size(), CV_32FC3), outputs.adjoint->setTo(0);
    if (outputs.irls_weight)
        outputs.irls_weight->create(target.size(), CV_32F), outputs.irls_weight->setTo(0);
    const float* I = target.ptr<float>();
    const float* R = rendering.colour.ptr<float>();
    const unsigned char* M = rendering.mask.ptr<unsigned char>();
    int count = 0;
    for (int q : rendering.covered)
        if (M[q]) ++count;
    if (count == 0) return 0.0;
    const float per_pixel = scale / static_cast<float>(count);
    float* a = outputs.adjoint ? outputs.adjoint->ptr<float>() : nullptr;
    float* w = outputs.irls_weight ? outputs.irls_weight->ptr<float>() : nullptr;
    double sum = 0.0;
    for (int q : rendering.covered) {
        if (!M[q]) continue;
        const int x = q % width, y = q / width;
        const int right = x + 1 < width && M[q + 1] ? q + 1 : -1;
        const int down = y + 1 < height && M[q + width] ? q + width : -1;
        if (right < 0 && down < 0) continue;
        float g[6] = {0.f, 0.f, 0.f, 0.f, 0.f, 0.f};
        const size_t k = 3 * static_cast<size_t>(q);
        for (int c = 0; c < 3; ++c) {
            const float d = R[k + c] - I[k + c];
            if (right >= 0)
                g[c] = R[3 * static_cast<size_t>(right) + c] -
                       I[3 * static_cast<size_t>(right) + c] - d;
            if (down >= 0)
                g[3 + c] =
                    R[3 * static_cast<size_t>(down) + c] - I[3 * static_cast<size_t>(down) + c] - d;
        }
        float n2 = 0.f;
        for (float v : g)
            n2 += v * v;
        const float n = std::sqrt(n2);
        sum += n;
        if (w) w[q] = per_pixel / std::max(n, kResidualFloor);
        if (a && n > 0.f) {
            const float f = per_pixel / n;
            for (int c = 0; c < 3; ++c) {
                if (right >= 0) {
                    a[3 * static_cast<size_t>(right) + c] += f * g[c];
                    a[k + c] -= f * g[c];
                }
                if (down >= 0) {
                    a[3 * static_cast<size_t>(down) + c] += f * g[3 + c];
                    a[k + c] -= f * g[3 + c];
                }
            }
        }
    }
    return sum / count;
}

}  // namespace likeness::fit
