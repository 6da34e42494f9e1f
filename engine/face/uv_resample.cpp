#include "engine/face/uv_resample.hpp"

#include <algorithm>
#include <cassert>
#include <vector>

namespace likeness::face {
namespace {

/// The two source taps and weights of each destination column (or row).
struct Taps1d {
    std::vector<int> i0, i1;
    std::vector<float> w1;  ///< weight of i1; i0 has 1 − w1
};

Taps1d taps(int src, int dst) {
    Taps1d t;
    t.i0.resize(static_cast<size_t>(dst));
    t.i1.resize(static_cast<size_t>(dst));
    t.w1.resize(static_cast<size_t>(dst));
    const float ratio = static_cast<float>(src) / static_cast<float>(dst);
    for (int x = 0; x < dst; ++x) {
        const float f = std::clamp((static_cast<float>(x) + 0.5f) * ratio - 0.5f, 0.f,
                                   static_cast<float>(src - 1));
        const int a = static_cast<int>(f);
        t.i0[static_cast<size_t>(x)] = a;
        t.i1[static_cast<size_t>(x)] = std::min(a + 1, src - 1);
        t.w1[static_cast<size_t>(x)] = f - static_cast<float>(a);
    }
    return t;
}

void ensure(cv::Mat* m, int size) {
    if (m->empty()) *m = cv::Mat::zeros(size, size, CV_32FC3);
    assert(m->type() == CV_32FC3 && m->rows == size && m->cols == size && m->isContinuous());
}

}  // namespace

void add_resampled(const cv::Mat& src, float scale, int dst_size, cv::Mat* dst,
                   const cv::Rect& src_support) {
    assert(src.type() == CV_32FC3 && src.rows == src.cols && src.isContinuous());
    ensure(dst, dst_size);
    const int n = src.rows;
    const Taps1d t = taps(n, dst_size);
    const float* s = src.ptr<float>();
    // The destination rows and columns with a tap inside the support (taps increase with x).
    const cv::Rect support = src_support.empty() ? cv::Rect(0, 0, n, n) : src_support;
    const auto reads = [&](size_t x, int begin, int end) {
        return (t.i0[x] >= begin && t.i0[x] < end) || (t.i1[x] >= begin && t.i1[x] < end);
    };
    int x_begin = 0, x_end = dst_size, y_begin = 0, y_end = dst_size;
    while (x_begin < dst_size &&
           !reads(static_cast<size_t>(x_begin), support.x, support.x + support.width))
        ++x_begin;
    while (x_end > x_begin &&
           !reads(static_cast<size_t>(x_end - 1), support.x, support.x + support.width))
        --x_end;
    while (y_begin < dst_size &&
           !reads(static_cast<size_t>(y_begin), support.y, support.y + support.height))
        ++y_begin;
    while (y_end > y_begin &&
           !reads(static_cast<size_t>(y_end - 1), support.y, support.y + support.height))
        --y_end;
    for (int y = y_begin; y < y_end; ++y) {
        const size_t yy = static_cast<size_t>(y);
        const float wy = t.w1[yy];
        const float* r0 = s + 3 * static_cast<size_t>(t.i0[yy]) * static_cast<size_t>(n);
        const float* r1 = s + 3 * static_cast<size_t>(t.i1[yy]) * static_cast<size_t>(n);
        float* d = dst->ptr<float>(y);
        for (int x = x_begin; x < x_end; ++x) {
            const size_t xx = static_cast<size_t>(x);
            const float wx = t.w1[xx];
            const size_t a = 3 * static_cast<size_t>(t.i0[xx]),
                         b = 3 * static_cast<size_t>(t.i1[xx]);
            const float w00 = scale * (1 - wy) * (1 - wx), w01 = scale * (1 - wy) * wx;
            const float w10 = scale * wy * (1 - wx), w11 = scale * wy * wx;
            for (int c = 0; c < 3; ++c)
                d[3 * xx + c] +=
                    w00 * r0[a + c] + w01 * r0[b + c] + w10 * r1[a + c] + w11 * r1[b + c];
        }
    }
}

void add_resampled_transpose(const cv::Mat& dst_grad, float scale, int src_size,
                             cv::Mat* src_grad) {
    assert(dst_grad.type() == CV_32FC3 && dst_grad.rows == dst_grad.cols &&
           dst_grad.isContinuous());
    ensure(src_grad, src_size);
    const int n = dst_grad.rows;
    const Taps1d t = taps(src_size, n);
    float* s = src_grad->ptr<float>();
    for (int y = 0; y < n; ++y) {
        const size_t yy = static_cast<size_t>(y);
        const float wy = t.w1[yy];
        float* r0 = s + 3 * static_cast<size_t>(t.i0[yy]) * static_cast<size_t>(src_size);
        float* r1 = s + 3 * static_cast<size_t>(t.i1[yy]) * static_cast<size_t>(src_size);
        const float* d = dst_grad.ptr<float>(y);
        for (int x = 0; x < n; ++x) {
            const size_t xx = static_cast<size_t>(x);
            const float wx = t.w1[xx];
            const size_t a = 3 * static_cast<size_t>(t.i0[xx]),
                         b = 3 * static_cast<size_t>(t.i1[xx]);
            const float w00 = scale * (1 - wy) * (1 - wx), w01 = scale * (1 - wy) * wx;
            const float w10 = scale * wy * (1 - wx), w11 = scale * wy * wx;
            for (int c = 0; c < 3; ++c) {
                const float g = d[3 * xx + c];
                r0[a + c] += w00 * g;
                r0[b + c] += w01 * g;
                r1[a + c] += w10 * g;
                r1[b + c] += w11 * g;
            }
        }
    }
}

}  // namespace likeness::face
