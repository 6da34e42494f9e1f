#include "engine/nn/conv2d.hpp"

#include <algorithm>
#include <cstring>

#include "engine/nn/aligned_buffer.hpp"
#include "engine/nn/gemm.hpp"

namespace likeness::nn {
namespace {

/// Below this many output pixels a chunk skips the packed GEMM (see accumulate_few_pixels).
constexpr long kMinGemmPixels = 4;

/// Output pixels per GEMM call: enough to amortise packing the weights, few enough that the
/// input patches and the output chunk stay in L2 for the bias/residual/activation epilogue.
long chunk_pixels(long depth, long out_c, long total) {
    const long budget_floats = 48 * 1024;  // ~192 KB
    long chunk = std::max<long>(64, budget_floats / std::max<long>(1, depth + out_c));
    chunk = (chunk + 15) / 16 * 16;
    return std::min(chunk, total);
}

class Conv2DStep final : public Step {
  public:
    explicit Conv2DStep(const Conv2DSpec& spec)
        : w_(spec.window),
          in_c_(spec.in_c),
          out_c_(spec.out_c),
          depth_(static_cast<long>(spec.window.k_h) * spec.window.k_w * spec.in_c),
          activation_(spec.activation),
          residual_(spec.residual),
          filter_(static_cast<std::size_t>(depth_) * spec.out_c),
          bias_(static_cast<std::size_t>(spec.out_c)),
          alpha_(spec.activation == Activation::Prelu ? static_cast<std::size_t>(spec.out_c) : 0) {
        std::copy(spec.filter, spec.filter + filter_.size(), filter_.data());
        std::copy(spec.bias, spec.bias + bias_.size(), bias_.data());
        if (alpha_.size()) std::copy(spec.alpha, spec.alpha + alpha_.size(), alpha_.data());
        direct_ = w_.k_h == 1 && w_.k_w == 1 && w_.stride_h == 1 && w_.stride_w == 1 &&
                  w_.pad_top == 0 && w_.pad_left == 0 && w_.out_h == w_.in_h && w_.out_w == w_.in_w;
        const long pixels = static_cast<long>(w_.out_h) * w_.out_w;
        chunk_ = chunk_pixels(depth_, out_c_, pixels);
        blocking_ = gemm_blocking(out_c_, chunk_, depth_);
    }

    void run(const Workspace& ws) const override {
        const float* input = in(ws, 0);
        const float* residual = residual_ ? in(ws, 1) : nullptr;
        float* output = out(ws);
        const long pixels = static_cast<long>(w_.out_h) * w_.out_w;
        for (long p0 = 0; p0 < pixels; p0 += chunk_) {
            const long count = std::min(chunk_, pixels - p0);
            const float* patches = input + p0 * depth_;
            if (!direct_) {
                gather_patches(input, p0, count, ws.scratch);
                patches = ws.scratch;
            }
            float* c = output + p0 * out_c_;
            for (long p = 0; p < count; ++p)
                std::memcpy(c + p * out_c_, bias_.data(), sizeof(float) * out_c_);
            // C (out_c × count) += W^T (out_c × depth) · patches^T (depth × count); in NHWC
            // memory the HWIO filter is W^T column-major and each pixel's patch is a column.
            if (count >= kMinGemmPixels)
                gemm_accumulate(blocking_, out_c_, count, depth_, filter_.data(), out_c_, patches,
                                depth_, c, out_c_, ws.packed_lhs, ws.packed_rhs);
            else
                accumulate_few_pixels(patches, count, c);
            if (residual) {
                const float* r = residual + p0 * out_c_;
                const long n = count * out_c_;
                for (long k = 0; k < n; ++k)
                    c[k] += r[k];
            }
            apply_activation(activation_, alpha_.data(), c, static_cast<std::size_t>(count),
                             static_cast<std::size_t>(out_c_));
        }
    }

    double macs() const override {
        return static_cast<double>(w_.out_h) * w_.out_w * out_c_ * depth_;
    }
    std::size_t scratch_floats() const override {
        return direct_ ? 0 : static_cast<std::size_t>(chunk_ * depth_);
    }
    std::size_t packed_lhs_floats() const override { return blocking_.packed_lhs_floats(); }
    std::size_t packed_rhs_floats() const override { return blocking_.packed_rhs_floats(); }

  private:
    /// C += patches · W for a handful of pixels (e.g. FaceMesh's 1x1 output heads): packing
    /// the weights for a GEMM would cost more than streaming them once per pixel.
    void accumulate_few_pixels(const float* patches, long count, float* c) const {
        for (long p = 0; p < count; ++p) {
            float* __restrict out = c + p * out_c_;
            const float* __restrict x = patches + p * depth_;
            for (long k = 0; k < depth_; ++k) {
                const float xk = x[k];
                const float* __restrict w = filter_.data() + k * out_c_;
                for (long n = 0; n < out_c_; ++n)
                    out[n] += xk * w[n];
            }
        }
    }

    /// im2col for output pixels [p0, p0 + count): one row of depth_ values (HWC order, zeros
    /// outside the input) per pixel. With dilation 1 the k_w taps of one kernel row are one
    /// contiguous run of the input row, copied at once when it lies inside the image.
    void gather_patches(const float* input, long p0, long count, float* patches) const {
        const long run = static_cast<long>(w_.k_w) * in_c_;
        for (long p = 0; p < count; ++p) {
            const long oy = (p0 + p) / w_.out_w, ox = (p0 + p) % w_.out_w;
            const long ix0 = ox * w_.stride_w - w_.pad_left;
            const bool row_inside = w_.dil_w == 1 && ix0 >= 0 && ix0 + w_.k_w <= w_.in_w;
            float* __restrict dst = patches + p * depth_;
            for (int ky = 0; ky < w_.k_h; ++ky, dst += run) {
                const long iy = oy * w_.stride_h - w_.pad_top + static_cast<long>(ky) * w_.dil_h;
                if (iy < 0 || iy >= w_.in_h) {
                    std::fill(dst, dst + run, 0.0f);
                    continue;
                }
                const float* __restrict src_row = input + iy * w_.in_w * in_c_;
                if (row_inside) {
                    std::copy(src_row + ix0 * in_c_, src_row + ix0 * in_c_ + run, dst);
                    continue;
                }
                for (int kx = 0; kx < w_.k_w; ++kx) {
                    const long ix = ix0 + static_cast<long>(kx) * w_.dil_w;
                    float* tap = dst + kx * in_c_;
                    if (ix < 0 || ix >= w_.in_w)
                        std::fill(tap, tap + in_c_, 0.0f);
                    else
                        std::copy(src_row + ix * in_c_, src_row + (ix + 1) * in_c_, tap);
                }
            }
        }
    }

    Window w_;
    long in_c_, out_c_, depth_;
    Activation activation_;
    bool residual_;
    bool direct_ = false;
    long chunk_ = 0;
    GemmBlocking blocking_;
    AlignedBuffer filter_, bias_, alpha_;
};

}  // namespace

std::unique_ptr<Step> make_conv2d(const Conv2DSpec& spec) {
    return std::make_unique<Conv2DStep>(spec);
}

}  // namespace likeness::nn
