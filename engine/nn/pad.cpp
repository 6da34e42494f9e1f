#include "engine/nn/pad.hpp"

#include <array>
#include <cstring>

namespace likeness::nn {
namespace {

class PadStep final : public Step {
  public:
    PadStep(const std::vector<int>& in_shape, const std::vector<std::pair<int, int>>& pads)
        : in_shape_(in_shape), pads_(pads) {
        for (std::size_t d = 0; d < in_shape.size(); ++d)
            out_shape_.push_back(in_shape[d] + pads[d].first + pads[d].second);
        const std::size_t rank = in_shape.size();
        for (std::size_t d = rank; d-- > 0;)
            out_stride_[d] = d + 1 == rank ? 1 : out_stride_[d + 1] * out_shape_[d + 1];
    }

    void run(const Workspace& ws) const override {
        const float* input = in(ws, 0);
        float* output = out(ws);
        std::size_t out_count = 1, in_count = 1;
        for (std::size_t d = 0; d < out_shape_.size(); ++d) {
            out_count *= static_cast<std::size_t>(out_shape_[d]);
            in_count *= static_cast<std::size_t>(in_shape_[d]);
        }
        std::memset(output, 0, sizeof(float) * out_count);
        if (in_count == 0) return;
        if (in_shape_.empty()) {
            output[0] = input[0];
            return;
        }
        // Walk the input rows (all dimensions but the last) with an odometer and copy each row
        // to its padded position.
        const std::size_t rank = in_shape_.size();
        const std::size_t row = static_cast<std::size_t>(in_shape_[rank - 1]);
        std::array<int, kMaxRank> index{};
        for (std::size_t r = 0; r < in_count / row; ++r) {
            long at = pads_[rank - 1].first;
            for (std::size_t d = 0; d + 1 < rank; ++d)
                at += (index[d] + pads_[d].first) * out_stride_[d];
            std::memcpy(output + at, input + r * row, sizeof(float) * row);
            for (std::size_t d = rank - 1; d-- > 0;) {
                if (++index[d] < in_shape_[d]) break;
                index[d] = 0;
            }
        }
    }

  private:
    std::vector<int> in_shape_, out_shape_;
    std::vector<std::pair<int, int>> pads_;
    std::array<long, kMaxRank> out_stride_{};
};

}  // namespace

std::unique_ptr<Step> make_pad(const std::vector<int>& in_shape,
                               const std::vector<std::pair<int, int>>& pads) {
    return std::make_unique<PadStep>(in_shape, pads);
}

}  // namespace likeness::nn
