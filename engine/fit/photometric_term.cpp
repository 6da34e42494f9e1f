#include "engine/fit/photometric_term.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "engine/render/renderer.hpp"

namespace likeness::fit {

double photometric_loss(const render::Rendering& rendering, const cv::Mat& target, float scale,
                        const PixelLossOutputs& outputs, int* pixels) {
    assert(target.type() == CV_32FC3 && target.isContinuous());
    assert(target.size() == rendering.colour.size());
    if (outputs.adjoint)
        outputs.adjoint->create(target.size(), CV_32FC3), outputs.adjoint->setTo(0);
    if (outputs.irls_weight)
        outputs.irls_weight->create(target.size(), CV_32F), outputs.irls_weight->setTo(0);
    const float* I = target.ptr<float>();
    const float* R = rendering.colour.ptr<float>();
    const unsigned char* M = rendering.mask.ptr<unsigned char>();
    double sum = 0.0;
    int count = 0;
    for (int q : rendering.covered)
        if (M[q]) {
            const size_t k = 3 * static_cast<size_t>(q);
            const float d0 = R[k] - I[k], d1 = R[k + 1] - I[k + 1], d2 = R[k + 2] - I[k + 2];
            sum += std::sqrt(d0 * d0 + d1 * d1 + d2 * d2);
            ++count;
        }
    if (pixels) *pixels = count;
    if (count == 0) return 0.0;
    const float per_pixel = scale / static_cast<float>(count);
    if (outputs.adjoint || outputs.irls_weight) {
        float* a = outputs.adjoint ? outputs.adjoint->ptr<float>() : nullptr;
        float* w = outputs.irls_weight ? outputs.irls_weight->ptr<float>() : nullptr;
        for (int q : rendering.covered) {
            if (!M[q]) continue;
            const size_t k = 3 * static_cast<size_t>(q);
            const float d0 = R[k] - I[k], d1 = R[k + 1] - I[k + 1], d2 = R[k + 2] - I[k + 2];
            const float n = std::sqrt(d0 * d0 + d1 * d1 + d2 * d2);
            if (a && n > 0.f) {
                const float f = per_pixel / n;
                a[k] = f * d0;
                a[k + 1] = f * d1;
                a[k + 2] = f * d2;
            }
            if (w) w[q] = per_pixel / std::max(n, kResidualFloor);
        }
    }
    return sum / count;
}

}  // namespace likeness::fit
