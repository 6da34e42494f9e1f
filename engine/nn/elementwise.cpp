#include "engine/nn/elementwise.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "engine/nn/aligned_buffer.hpp"

namespace likeness::nn {
namespace {

std::size_t count_of(const std::vector<int>& shape) {
    std::size_t n = 1;
    for (int d : shape)
        n *= static_cast<std::size_t>(d);
    return n;
}

/// Strides of `shape` seen through the broadcast to `out` (0 along broadcast dimensions).
std::array<long, kMaxRank> broadcast_strides(const std::vector<int>& shape,
                                             const std::vector<int>& out) {
    std::array<long, kMaxRank> strides{};
    long stride = 1;
    const std::size_t shift = out.size() - shape.size();
    for (std::size_t d = shape.size(); d-- > 0;) {
        strides[d + shift] = shape[d] == 1 ? 0 : stride;
        stride *= shape[d];
    }
    return strides;
}

/// Calls row(a_offset, b_offset, out_offset, a_step, b_step, length) for each run of the last
/// output dimension.
template <typename Row>
void for_each_row(const std::vector<int>& out_shape, const std::array<long, kMaxRank>& sa,
                  const std::array<long, kMaxRank>& sb, Row&& row) {
    const std::size_t rank = out_shape.size();
    if (rank == 0) {
        row(0, 0, 0, 0, 0, 1);
        return;
    }
    const long length = out_shape[rank - 1];
    const std::size_t rows = count_of(out_shape) / static_cast<std::size_t>(std::max(1L, length));
    if (length == 0) return;
    std::array<int, kMaxRank> index{};
    long a = 0, b = 0;
    for (std::size_t r = 0; r < rows; ++r) {
        row(a, b, static_cast<long>(r) * length, sa[rank - 1], sb[rank - 1], length);
        for (std::size_t d = rank - 1; d-- > 0;) {
            a += sa[d];
            b += sb[d];
            if (++index[d] < out_shape[d]) break;
            a -= sa[d] * out_shape[d];
            b -= sb[d] * out_shape[d];
            index[d] = 0;
        }
    }
}

class UnaryStep final : public Step {
  public:
    UnaryStep(UnaryOp op, std::size_t count) : op_(op), count_(count) {}
    void run(const Workspace& ws) const override {
        const float* x = in(ws, 0);
        float* y = out(ws);
        if (op_ == UnaryOp::Relu) {
            for (std::size_t k = 0; k < count_; ++k)
                y[k] = std::max(x[k], 0.0f);
        } else {
            for (std::size_t k = 0; k < count_; ++k)
                y[k] = 1.0f / (1.0f + std::exp(-x[k]));
        }
    }

  private:
    UnaryOp op_;
    std::size_t count_;
};

class AddStep final : public Step {
  public:
    AddStep(const std::vector<int>& a, const std::vector<int>& b, const std::vector<int>& out,
            Activation activation, const float* alpha)
        : out_shape_(out),
          same_(a == out && b == out),
          sa_(broadcast_strides(a, out)),
          sb_(broadcast_strides(b, out)),
          activation_(activation) {
        channels_ = out.empty() ? 1 : static_cast<std::size_t>(out.back());
        if (activation == Activation::Prelu) {
            alpha_ = AlignedBuffer(channels_);
            std::copy(alpha, alpha + channels_, alpha_.data());
        }
    }

    void run(const Workspace& ws) const override {
        const float* a = in(ws, 0);
        const float* b = in(ws, 1);
        float* y = out(ws);
        const std::size_t n = count_of(out_shape_);
        if (same_) {
            for (std::size_t k = 0; k < n; ++k)
                y[k] = a[k] + b[k];
        } else {
            for_each_row(out_shape_, sa_, sb_,
                         [&](long ao, long bo, long yo, long as, long bs, long len) {
                             for (long k = 0; k < len; ++k)
                                 y[yo + k] = a[ao + k * as] + b[bo + k * bs];
                         });
        }
        if (channels_ > 0)
            apply_activation(activation_, alpha_.data(), y, n / channels_, channels_);
    }

  private:
    std::vector<int> out_shape_;
    bool same_;
    std::array<long, kMaxRank> sa_, sb_;
    Activation activation_;
    std::size_t channels_ = 1;
    AlignedBuffer alpha_;
};

class PreluStep final : public Step {
  public:
    PreluStep(const std::vector<int>& x, const std::vector<int>& alpha)
        : shape_(x), sx_(broadcast_strides(x, x)), salpha_(broadcast_strides(alpha, x)) {}

    void run(const Workspace& ws) const override {
        const float* x = in(ws, 0);
        const float* alpha = in(ws, 1);
        float* y = out(ws);
        for_each_row(shape_, sx_, salpha_,
                     [&](long xo, long ao, long yo, long xs, long as, long len) {
                         for (long k = 0; k < len; ++k) {
                             const float v = x[xo + k * xs];
                             y[yo + k] = v > 0.0f ? v : alpha[ao + k * as] * v;
                         }
                     });
    }

  private:
    std::vector<int> shape_;
    std::array<long, kMaxRank> sx_, salpha_;
};

}  // namespace

bool broadcast_shape(const std::vector<int>& a, const std::vector<int>& b, std::vector<int>& out) {
    const std::size_t rank = std::max(a.size(), b.size());
    out.assign(rank, 1);
    for (std::size_t d = 0; d < rank; ++d) {
        const int da = d < rank - a.size() ? 1 : a[d - (rank - a.size())];
        const int db = d < rank - b.size() ? 1 : b[d - (rank - b.size())];
        if (da != db && da != 1 && db != 1) return false;
        out[d] = da == 1 ? db : da;
    }
    return true;
}

std::unique_ptr<Step> make_unary(UnaryOp op, std::size_t count) {
    return std::make_unique<UnaryStep>(op, count);
}

std::unique_ptr<Step> make_add(const std::vector<int>& a_shape, const std::vector<int>& b_shape,
                               const std::vector<int>& out_shape, Activation activation,
                               const float* alpha) {
    return std::make_unique<AddStep>(a_shape, b_shape, out_shape, activation, alpha);
}

std::unique_ptr<Step> make_prelu(const std::vector<int>& x_shape,
                                 const std::vector<int>& alpha_shape) {
    return std::make_unique<PreluStep>(x_shape, alpha_shape);
}

}  // namespace likeness::nn
