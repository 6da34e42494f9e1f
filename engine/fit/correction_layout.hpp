#pragma once
// The flat unknown vector of the modeling solver: the texels of the personal model's
// correction maps (eq. 1 and 2) that a solve may change. Texels nothing can see are left out —
// shape texels no vertex samples (F), texels outside an attention mask A_i (eq. 1 multiplies
// by A_i), albedo texels outside the face's UV chart — so the vector holds ~10⁶ values
// instead of ~5·10⁶.
#include <Eigen/Core>
#include <opencv2/core.hpp>
#include <vector>

#include "engine/fit/ablation.hpp"

namespace likeness::face {
struct PersonalModel;
}

namespace likeness::fit {

/// One map per correction field, shaped like face::PersonalModel's (the model's own maps, or
/// gradients with respect to them).
struct CorrectionMaps {
    cv::Mat identity_shape;               ///< uv_size, CV_32FC3
    std::vector<cv::Mat> shapes;          ///< 52 × uv_size, CV_32FC3
    cv::Mat static_albedo;                ///< albedo_size, CV_32FC3
    std::vector<cv::Mat> dynamic_albedo;  ///< 52 × uv_size, CV_32FC3

    /// Zero maps of the model's sizes.
    static CorrectionMaps zeros_like(const face::PersonalModel& model);
    /// Headers sharing the model's buffers (writing them writes the model).
    static CorrectionMaps of(face::PersonalModel& model);
};

class CorrectionLayout {
  public:
    enum class Field { IdentityShape, Shape, StaticAlbedo, DynamicAlbedo };
    struct Block {
        Field field;
        int shape = -1;           ///< for Shape / DynamicAlbedo
        std::vector<int> texels;  ///< y · size + x
        Eigen::Index offset = 0;  ///< first entry in the flat vector (3 per texel)
    };

    CorrectionLayout() = default;
    CorrectionLayout(const face::PersonalModel& model, const CorrectionSet& set);

    Eigen::Index size() const { return size_; }
    const std::vector<Block>& blocks() const { return blocks_; }

    /// x = the selected texels of `maps`.
    void gather(const CorrectionMaps& maps, Eigen::VectorXf* x) const;
    /// Writes x into the selected texels of `maps` (others untouched).
    void scatter(const Eigen::VectorXf& x, CorrectionMaps* maps) const;

  private:
    std::vector<Block> blocks_;
    Eigen::Index size_ = 0;
};

}  // namespace likeness::fit
