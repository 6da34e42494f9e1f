#include "engine/nn/depthwise_conv2d.hpp"

#include <algorithm>
#include <cstring>
#include <numeric>

#include "engine/nn/aligned_buffer.hpp"

namespace likeness::nn {
namespace {

/// Taps k in [lo, hi) whose input coordinate origin + k·dil lies inside [0, size).
void valid_taps(long origin, int taps, int dil, long size, int& lo, int& hi) {
    lo = 0;
    while (lo < taps && origin + static_cast<long>(lo) * dil < 0)
        ++lo;
    hi = taps;
    while (hi > lo && origin + static_cast<long>(hi - 1) * dil >= size)
        --hi;
}

class DepthwiseStep final : public Step {
  public:
    explicit DepthwiseStep(const DepthwiseSpec& spec)
        : w_(spec.window),
          in_c_(spec.in_c),
          mult_(spec.multiplier),
          out_c_(static_cast<long>(spec.in_c) * spec.multiplier),
          filter_(static_cast<std::size_t>(w_.k_h) * w_.k_w * out_c_) {
        std::copy(spec.filter, spec.filter + filter_.size(), filter_.data());
        // For stride 1 the output row of one tap is a contiguous run over (x, channel): the
        // filter repeated to a whole number of channel groups lets that run vectorise freely.
        if (mult_ == 1 && w_.stride_w == 1) {
            period_ = out_c_;
            while (period_ < 64)
                period_ += out_c_;
            const int taps = w_.k_h * w_.k_w;
            repeated_ = AlignedBuffer(static_cast<std::size_t>(taps) * period_);
            for (int t = 0; t < taps; ++t)
                for (long j = 0; j < period_; ++j)
                    repeated_.data()[t * period_ + j] = filter_.data()[t * out_c_ + j % out_c_];
        }
    }

    void run(const Workspace& ws) const override {
        const float* input = in(ws, 0);
        float* output = out(ws);
        for (int oy = 0; oy < w_.out_h; ++oy) {
            float* out_row = output + static_cast<long>(oy) * w_.out_w * out_c_;
            std::memset(out_row, 0, sizeof(float) * w_.out_w * out_c_);
            const long iy0 = static_cast<long>(oy) * w_.stride_h - w_.pad_top;
            int ky_lo, ky_hi;
            valid_taps(iy0, w_.k_h, w_.dil_h, w_.in_h, ky_lo, ky_hi);
            for (int ky = ky_lo; ky < ky_hi; ++ky) {
                const float* in_row =
                    input + (iy0 + static_cast<long>(ky) * w_.dil_h) * w_.in_w * in_c_;
                for (int kx = 0; kx < w_.k_w; ++kx) {
                    if (repeated_.size())
                        accumulate_stride1(in_row, ky * w_.k_w + kx, kx, out_row);
                    else
                        accumulate_general(in_row, ky * w_.k_w + kx, kx, out_row);
                }
            }
        }
    }

    double macs() const override {
        return static_cast<double>(w_.out_h) * w_.out_w * out_c_ * w_.k_h * w_.k_w;
    }

  private:
    /// Output columns ox whose tap kx falls inside the input row.
    void column_range(int kx, int& ox_lo, int& ox_hi) const {
        const long offset = static_cast<long>(kx) * w_.dil_w - w_.pad_left;  // ix = ox·s + offset
        ox_lo = 0;
        while (ox_lo < w_.out_w && static_cast<long>(ox_lo) * w_.stride_w + offset < 0)
            ++ox_lo;
        ox_hi = w_.out_w;
        while (ox_hi > ox_lo && static_cast<long>(ox_hi - 1) * w_.stride_w + offset >= w_.in_w)
            --ox_hi;
    }

    void accumulate_stride1(const float* in_row, int tap, int kx, float* out_row) const {
        int ox_lo, ox_hi;
        column_range(kx, ox_lo, ox_hi);
        const long offset = static_cast<long>(kx) * w_.dil_w - w_.pad_left;
        const float* __restrict src = in_row + (ox_lo + offset) * in_c_;
        float* __restrict dst = out_row + static_cast<long>(ox_lo) * out_c_;
        const float* __restrict f = repeated_.data() + static_cast<long>(tap) * period_;
        long n = static_cast<long>(ox_hi - ox_lo) * out_c_;
        for (; n >= period_; n -= period_, src += period_, dst += period_)
            for (long j = 0; j < period_; ++j)
                dst[j] += src[j] * f[j];
        for (long j = 0; j < n; ++j)
            dst[j] += src[j] * f[j];
    }

    void accumulate_general(const float* in_row, int tap, int kx, float* out_row) const {
        int ox_lo, ox_hi;
        column_range(kx, ox_lo, ox_hi);
        const long offset = static_cast<long>(kx) * w_.dil_w - w_.pad_left;
        const float* __restrict f = filter_.data() + static_cast<long>(tap) * out_c_;
        for (int ox = ox_lo; ox < ox_hi; ++ox) {
            const float* __restrict src =
                in_row + (static_cast<long>(ox) * w_.stride_w + offset) * in_c_;
            float* __restrict dst = out_row + static_cast<long>(ox) * out_c_;
            if (mult_ == 1) {
                for (long c = 0; c < out_c_; ++c)
                    dst[c] += src[c] * f[c];
            } else {
                for (long c = 0; c < out_c_; ++c)
                    dst[c] += src[c / mult_] * f[c];
            }
        }
    }

    Window w_;
    long in_c_, mult_, out_c_;
    AlignedBuffer filter_;
    AlignedBuffer repeated_;
    long period_ = 0;
};

}  // namespace

std::unique_ptr<Step> make_depthwise_conv2d(const DepthwiseSpec& spec) {
    return std::make_unique<DepthwiseStep>(spec);
}

}  // namespace likeness::nn
