#include "engine/nn/depthwise_conv2d.hpp"

#include <Eigen/Core>
#include <algorithm>

#include "engine/nn/aligned_buffer.hpp"

namespace likeness::nn {
namespace {

// Eigen's packet types carry vector attributes that GCC drops (harmlessly) when they are
// template arguments; Eigen silences the same warning internally.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wignored-attributes"
namespace ei = Eigen::internal;
using Full = ei::packet_traits<float>::type;  // widest SIMD register (16 floats with AVX-512)
using Half = ei::unpacket_traits<Full>::half;
constexpr long kFull = static_cast<long>(ei::unpacket_traits<Full>::size);
constexpr long kHalf = static_cast<long>(ei::unpacket_traits<Half>::size);
#pragma GCC diagnostic pop

/// Taps k in [lo, hi) whose coordinate origin + k·dil lies inside [0, size).
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
        // Output columns whose k_w taps all fall inside the input row.
        ox_lo_ = 0;
        while (ox_lo_ < w_.out_w && static_cast<long>(ox_lo_) * w_.stride_w - w_.pad_left < 0)
            ++ox_lo_;
        ox_hi_ = w_.out_w;
        while (ox_hi_ > ox_lo_ && static_cast<long>(ox_hi_ - 1) * w_.stride_w - w_.pad_left +
                                          static_cast<long>(w_.k_w - 1) * w_.dil_w >=
                                      w_.in_w)
            --ox_hi_;
    }

    void run(const Workspace& ws) const override {
        const float* input = in(ws, 0);
        float* output = out(ws);
        for (int oy = 0; oy < w_.out_h; ++oy) {
            const long iy0 = static_cast<long>(oy) * w_.stride_h - w_.pad_top;
            int ky_lo, ky_hi;
            valid_taps(iy0, w_.k_h, w_.dil_h, w_.in_h, ky_lo, ky_hi);
            const Rows rows{input, iy0, ky_lo, ky_hi};
            float* out_row = output + static_cast<long>(oy) * w_.out_w * out_c_;
            if (mult_ != 1) {
                for (int ox = 0; ox < w_.out_w; ++ox)
                    general_pixel(rows, ox, out_row);
                continue;
            }
            int ox = 0;
            for (; ox < ox_lo_; ++ox)
                border_pixel(rows, ox, out_row);
            for (; ox + 4 <= ox_hi_; ox += 4)
                interior_pixels<4>(rows, ox, out_row);
            for (; ox < ox_hi_; ++ox)
                interior_pixels<1>(rows, ox, out_row);
            for (; ox < w_.out_w; ++ox)
                border_pixel(rows, ox, out_row);
        }
    }

    double macs() const override {
        return static_cast<double>(w_.out_h) * w_.out_w * out_c_ * w_.k_h * w_.k_w;
    }

  private:
    /// The input rows one output row reads: kernel rows [ky_lo, ky_hi) are inside the image.
    struct Rows {
        const float* input;
        long iy0;
        int ky_lo, ky_hi;
    };

    const float* input_row(const Rows& r, int ky) const {
        return r.input + (r.iy0 + static_cast<long>(ky) * w_.dil_h) * w_.in_w * in_c_;
    }

    /// NP consecutive output pixels whose taps are all inside the row, accumulated in
    /// registers: each filter vector is loaded once for the NP pixels.
    template <int NP>
    void interior_pixels(const Rows& r, int ox, float* out_row) const {
        long c = 0;
        for (; c + kFull <= out_c_; c += kFull)
            interior_block<NP, Full>(r, ox, c, out_row);
        if constexpr (kHalf < kFull)
            for (; c + kHalf <= out_c_; c += kHalf)
                interior_block<NP, Half>(r, ox, c, out_row);
        for (; c < out_c_; ++c)
            interior_block<NP, float>(r, ox, c, out_row);
    }

    template <int NP, typename P>
    void interior_block(const Rows& r, int ox, long c, float* out_row) const {
        P acc[NP];
        for (int p = 0; p < NP; ++p)
            acc[p] = ei::pset1<P>(0.0f);
        const long step = static_cast<long>(w_.stride_w) * in_c_;
        for (int ky = r.ky_lo; ky < r.ky_hi; ++ky) {
            const float* row = input_row(r, ky) + c;
            const float* taps = filter_.data() + static_cast<long>(ky) * w_.k_w * out_c_ + c;
            for (int kx = 0; kx < w_.k_w; ++kx) {
                const P f = ei::ploadu<P>(taps + kx * out_c_);
                const float* src = row + (static_cast<long>(ox) * w_.stride_w - w_.pad_left +
                                          static_cast<long>(kx) * w_.dil_w) *
                                             in_c_;
                for (int p = 0; p < NP; ++p)
                    acc[p] = ei::pmadd(ei::ploadu<P>(src + p * step), f, acc[p]);
            }
        }
        for (int p = 0; p < NP; ++p)
            ei::pstoreu(out_row + (static_cast<long>(ox) + p) * out_c_ + c, acc[p]);
    }

    /// A pixel near the left/right edge: only the taps inside the row.
    void border_pixel(const Rows& r, int ox, float* out_row) const {
        const long ix0 = static_cast<long>(ox) * w_.stride_w - w_.pad_left;
        int kx_lo, kx_hi;
        valid_taps(ix0, w_.k_w, w_.dil_w, w_.in_w, kx_lo, kx_hi);
        float* __restrict dst = out_row + static_cast<long>(ox) * out_c_;
        std::fill(dst, dst + out_c_, 0.0f);
        for (int ky = r.ky_lo; ky < r.ky_hi; ++ky)
            for (int kx = kx_lo; kx < kx_hi; ++kx) {
                const float* __restrict src =
                    input_row(r, ky) + (ix0 + static_cast<long>(kx) * w_.dil_w) * in_c_;
                const float* __restrict f =
                    filter_.data() + static_cast<long>(ky * w_.k_w + kx) * out_c_;
                for (long c = 0; c < out_c_; ++c)
                    dst[c] += src[c] * f[c];
            }
    }

    /// Channel multiplier > 1: output channel c reads input channel c / multiplier.
    void general_pixel(const Rows& r, int ox, float* out_row) const {
        const long ix0 = static_cast<long>(ox) * w_.stride_w - w_.pad_left;
        int kx_lo, kx_hi;
        valid_taps(ix0, w_.k_w, w_.dil_w, w_.in_w, kx_lo, kx_hi);
        float* dst = out_row + static_cast<long>(ox) * out_c_;
        std::fill(dst, dst + out_c_, 0.0f);
        for (int ky = r.ky_lo; ky < r.ky_hi; ++ky)
            for (int kx = kx_lo; kx < kx_hi; ++kx) {
                const float* src =
                    input_row(r, ky) + (ix0 + static_cast<long>(kx) * w_.dil_w) * in_c_;
                const float* f = filter_.data() + static_cast<long>(ky * w_.k_w + kx) * out_c_;
                for (long c = 0; c < out_c_; ++c)
                    dst[c] += src[c / mult_] * f[c];
            }
    }

    Window w_;
    long in_c_, mult_, out_c_;
    AlignedBuffer filter_;
    int ox_lo_ = 0, ox_hi_ = 0;
};

}  // namespace

std::unique_ptr<Step> make_depthwise_conv2d(const DepthwiseSpec& spec) {
    return std::make_unique<DepthwiseStep>(spec);
}

}  // namespace likeness::nn
