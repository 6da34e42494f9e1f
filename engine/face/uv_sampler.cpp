#include "engine/face/uv_sampler.hpp"

#include <algorithm>
#include <cassert>

namespace likeness::face {

UvSampler::UvSampler(const core::MatrixX2fR& uv, int size) : size_(size) {
    assert(size > 0 && "UvSampler needs a positive map size");
    taps_.resize(static_cast<size_t>(uv.rows()));
    const float last = static_cast<float>(size - 1);
    for (Eigen::Index v = 0; v < uv.rows(); ++v) {
        // Texel centres at (x + 0.5) / size, row 0 at v = 1 (uv_raster.hpp).
        const float fx = std::clamp(uv(v, 0) * size - 0.5f, 0.f, last);
        const float fy = std::clamp((1.f - uv(v, 1)) * size - 0.5f, 0.f, last);
        const int x0 = static_cast<int>(fx), y0 = static_cast<int>(fy);
        const int x1 = std::min(x0 + 1, size - 1), y1 = std::min(y0 + 1, size - 1);
        const float tx = fx - static_cast<float>(x0), ty = fy - static_cast<float>(y0);
        Taps& t = taps_[static_cast<size_t>(v)];
        t.texel = {y0 * size + x0, y0 * size + x1, y1 * size + x0, y1 * size + x1};
        t.weight = {(1 - ty) * (1 - tx), (1 - ty) * tx, ty * (1 - tx), ty * tx};
    }
}

void UvSampler::sample(const cv::Mat& map, core::MatrixX3fR* out) const {
    assert(map.type() == CV_32FC3 && map.isContinuous() && map.rows == size_ && map.cols == size_);
    const float* m = map.ptr<float>();
    out->resize(vertex_count(), 3);
    for (size_t v = 0; v < taps_.size(); ++v) {
        const Taps& t = taps_[v];
        float s[3] = {0.f, 0.f, 0.f};
        for (int k = 0; k < 4; ++k) {
            const float* p = m + 3 * static_cast<size_t>(t.texel[static_cast<size_t>(k)]);
            const float w = t.weight[static_cast<size_t>(k)];
            s[0] += w * p[0];
            s[1] += w * p[1];
            s[2] += w * p[2];
        }
        out->row(static_cast<Eigen::Index>(v)) << s[0], s[1], s[2];
    }
}

void UvSampler::sample_masked(const cv::Mat& map, const cv::Mat& mask,
                              core::MatrixX3fR* out) const {
    assert(map.type() == CV_32FC3 && map.isContinuous() && map.rows == size_ && map.cols == size_);
    assert(mask.type() == CV_32F && mask.isContinuous() && mask.size() == map.size());
    const float* m = map.ptr<float>();
    const float* a = mask.ptr<float>();
    out->resize(vertex_count(), 3);
    for (size_t v = 0; v < taps_.size(); ++v) {
        const Taps& t = taps_[v];
        float s[3] = {0.f, 0.f, 0.f};
        for (int k = 0; k < 4; ++k) {
            const int i = t.texel[static_cast<size_t>(k)];
            const float w = t.weight[static_cast<size_t>(k)] * a[i];
            const float* p = m + 3 * static_cast<size_t>(i);
            s[0] += w * p[0];
            s[1] += w * p[1];
            s[2] += w * p[2];
        }
        out->row(static_cast<Eigen::Index>(v)) << s[0], s[1], s[2];
    }
}

void UvSampler::scatter_add(const core::MatrixX3fR& values, float scale, cv::Mat* map) const {
    assert(values.rows() == vertex_count());
    if (map->empty()) *map = cv::Mat::zeros(size_, size_, CV_32FC3);
    assert(map->type() == CV_32FC3 && map->isContinuous() && map->rows == size_);
    float* m = map->ptr<float>();
    for (size_t v = 0; v < taps_.size(); ++v) {
        const Taps& t = taps_[v];
        const float* g = values.row(static_cast<Eigen::Index>(v)).data();
        for (int k = 0; k < 4; ++k) {
            float* p = m + 3 * static_cast<size_t>(t.texel[static_cast<size_t>(k)]);
            const float w = scale * t.weight[static_cast<size_t>(k)];
            p[0] += w * g[0];
            p[1] += w * g[1];
            p[2] += w * g[2];
        }
    }
}

void UvSampler::scatter_add_masked(const core::MatrixX3fR& values, const cv::Mat& mask, float scale,
                                   cv::Mat* map) const {
    assert(values.rows() == vertex_count());
    assert(mask.type() == CV_32F && mask.isContinuous() && mask.rows == size_);
    if (map->empty()) *map = cv::Mat::zeros(size_, size_, CV_32FC3);
    assert(map->type() == CV_32FC3 && map->isContinuous() && map->rows == size_);
    float* m = map->ptr<float>();
    const float* a = mask.ptr<float>();
    for (size_t v = 0; v < taps_.size(); ++v) {
        const Taps& t = taps_[v];
        const float* g = values.row(static_cast<Eigen::Index>(v)).data();
        for (int k = 0; k < 4; ++k) {
            const int i = t.texel[static_cast<size_t>(k)];
            const float w = scale * t.weight[static_cast<size_t>(k)] * a[i];
            if (w == 0.f) continue;
            float* p = m + 3 * static_cast<size_t>(i);
            p[0] += w * g[0];
            p[1] += w * g[1];
            p[2] += w * g[2];
        }
    }
}

cv::Mat UvSampler::footprint() const {
    cv::Mat out = cv::Mat::zeros(size_, size_, CV_8U);
    unsigned char* p = out.ptr<unsigned char>();
    for (const Taps& t : taps_)
        for (int k = 0; k < 4; ++k)
            if (t.weight[static_cast<size_t>(k)] > 0.f) p[t.texel[static_cast<size_t>(k)]] = 255;
    return out;
}

}  // namespace likeness::face
