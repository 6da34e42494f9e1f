#pragma once
// A dense float tensor as the graph runtime hands it out.
#include <cstddef>
#include <vector>

namespace likeness::nn {

/// Row-major (C order) float32 tensor; for images the layout is NHWC.
struct Tensor {
    std::vector<int> shape;   ///< e.g. {1, 1404} or {1, 512, 16}
    std::vector<float> data;  ///< product(shape) values, last index fastest

    std::size_t size() const { return data.size(); }
    const float* begin() const { return data.data(); }
    const float* end() const { return data.data() + data.size(); }
};

}  // namespace likeness::nn
