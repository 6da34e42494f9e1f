#pragma once
// F(·) of eq. 1: the sampling function that turns a UV-space correction map into per-vertex
// values (bilinear at each vertex's UV, the convention of uv_raster.hpp's sample_uv), and its
// transpose F^T, which carries a per-vertex gradient back to the texels. A solver working on
// UV maps (paper §3.2: "we learn the corrections in the UV space") needs both.
#include <array>
#include <opencv2/core.hpp>
#include <vector>

#include "engine/core/mesh.hpp"

namespace likeness::face {

class UvSampler {
  public:
    UvSampler() = default;
    /// `uv`: #V by 2 texture coordinates (v up); `size`: side of the square maps sampled.
    UvSampler(const core::MatrixX2fR& uv, int size);

    int size() const { return size_; }
    int vertex_count() const { return static_cast<int>(taps_.size()); }

    /// out = F(map): #V by 3 bilinear samples of a size-square CV_32FC3 map.
    void sample(const cv::Mat& map, core::MatrixX3fR* out) const;
    /// out = F(A ⊙ map) for a CV_32F mask A of the same size (eq. 1's F(A_i Δ_i^S)).
    void sample_masked(const cv::Mat& map, const cv::Mat& mask, core::MatrixX3fR* out) const;
    /// map += scale · F^T values: scatters #V by 3 per-vertex values (e.g. ∂L/∂vertex) into a
    /// size-square CV_32FC3 map with the bilinear weights of sample().
    void scatter_add(const core::MatrixX3fR& values, float scale, cv::Mat* map) const;
    /// map += scale · A ⊙ F^T values (the transpose of sample_masked).
    void scatter_add_masked(const core::MatrixX3fR& values, const cv::Mat& mask, float scale,
                            cv::Mat* map) const;
    /// CV_8U size-square map, 255 at every texel some vertex reads with a non-zero weight.
    cv::Mat footprint() const;

    /// The texels vertex v reads and their weights (F's row v).
    struct Taps {
        std::array<int, 4> texel;     ///< y * size + x
        std::array<float, 4> weight;  ///< bilinear weights, sum 1
    };
    const Taps& taps(int v) const { return taps_[static_cast<size_t>(v)]; }

  private:
    std::vector<Taps> taps_;
    int size_ = 0;
};

}  // namespace likeness::face
