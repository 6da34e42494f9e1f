#pragma once
// A fixed-size float array aligned for the widest SIMD loads (64 bytes), allocated once.
#include <cstddef>
#include <cstdlib>
#include <memory>
#include <new>

namespace likeness::nn {

class AlignedBuffer {
  public:
    static constexpr std::size_t kAlignment = 64;

    AlignedBuffer() = default;
    explicit AlignedBuffer(std::size_t count) : count_(count) {
        if (count == 0) return;
        const std::size_t bytes =
            (count * sizeof(float) + kAlignment - 1) / kAlignment * kAlignment;
        float* p = static_cast<float*>(std::aligned_alloc(kAlignment, bytes));
        if (!p) throw std::bad_alloc();
        data_.reset(p);
    }
    /// Copies allocate a new buffer of the same size and copy the contents.
    AlignedBuffer(const AlignedBuffer& other) : AlignedBuffer(other.count_) {
        for (std::size_t k = 0; k < count_; ++k)
            data_.get()[k] = other.data_.get()[k];
    }
    AlignedBuffer& operator=(const AlignedBuffer& other) {
        if (this != &other) *this = AlignedBuffer(other);
        return *this;
    }
    AlignedBuffer(AlignedBuffer&&) noexcept = default;
    AlignedBuffer& operator=(AlignedBuffer&&) noexcept = default;

    float* data() { return data_.get(); }
    const float* data() const { return data_.get(); }
    std::size_t size() const { return count_; }

  private:
    struct Free {
        void operator()(float* p) const { std::free(p); }
    };
    std::unique_ptr<float, Free> data_;
    std::size_t count_ = 0;
};

}  // namespace likeness::nn
