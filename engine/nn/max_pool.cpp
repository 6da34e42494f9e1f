#include "engine/nn/max_pool.hpp"

#include <algorithm>
#include <cstring>

namespace likeness::nn {
namespace {

class MaxPoolStep final : public Step {
  public:
    MaxPoolStep(const Window& window, int channels) : w_(window), c_(channels) {}

    void run(const Workspace& ws) const override {
        const float* input = in(ws, 0);
        float* output = out(ws);
        for (int oy = 0; oy < w_.out_h; ++oy) {
            const long iy0 = static_cast<long>(oy) * w_.stride_h - w_.pad_top;
            for (int ox = 0; ox < w_.out_w; ++ox) {
                const long ix0 = static_cast<long>(ox) * w_.stride_w - w_.pad_left;
                float* __restrict dst = output + (static_cast<long>(oy) * w_.out_w + ox) * c_;
                bool first = true;
                for (int ky = 0; ky < w_.k_h; ++ky) {
                    const long iy = iy0 + static_cast<long>(ky) * w_.dil_h;
                    if (iy < 0 || iy >= w_.in_h) continue;
                    for (int kx = 0; kx < w_.k_w; ++kx) {
                        const long ix = ix0 + static_cast<long>(kx) * w_.dil_w;
                        if (ix < 0 || ix >= w_.in_w) continue;
                        const float* __restrict src = input + (iy * w_.in_w + ix) * c_;
                        if (first) {
                            std::memcpy(dst, src, sizeof(float) * c_);
                            first = false;
                        } else {
                            for (long c = 0; c < c_; ++c)
                                dst[c] = std::max(dst[c], src[c]);
                        }
                    }
                }
            }
        }
    }

  private:
    Window w_;
    long c_;
};

}  // namespace

std::unique_ptr<Step> make_max_pool(const Window& window, int channels) {
    return std::make_unique<MaxPoolStep>(window, channels);
}

}  // namespace likeness::nn
