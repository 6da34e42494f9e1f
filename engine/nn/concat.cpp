#include "engine/nn/concat.hpp"

#include <cstring>

namespace likeness::nn {
namespace {

class ConcatStep final : public Step {
  public:
    ConcatStep(const std::vector<std::vector<int>>& shapes, int axis) {
        outer_ = 1;
        for (int d = 0; d < axis; ++d)
            outer_ *= static_cast<std::size_t>(shapes[0][d]);
        for (const auto& shape : shapes) {
            std::size_t block = 1;
            for (std::size_t d = static_cast<std::size_t>(axis); d < shape.size(); ++d)
                block *= static_cast<std::size_t>(shape[d]);
            blocks_.push_back(block);
            out_block_ += block;
        }
    }

    void run(const Workspace& ws) const override {
        float* y = out(ws);
        std::size_t at = 0;
        for (std::size_t k = 0; k < blocks_.size(); ++k) {
            const float* x = in(ws, k);
            for (std::size_t o = 0; o < outer_; ++o)
                std::memcpy(y + o * out_block_ + at, x + o * blocks_[k],
                            sizeof(float) * blocks_[k]);
            at += blocks_[k];
        }
    }

  private:
    std::size_t outer_ = 1, out_block_ = 0;
    std::vector<std::size_t> blocks_;
};

}  // namespace

std::unique_ptr<Step> make_concat(const std::vector<std::vector<int>>& shapes, int axis) {
    return std::make_unique<ConcatStep>(shapes, axis);
}

}  // namespace likeness::nn
