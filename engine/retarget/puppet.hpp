#pragma once
// Puppet: a driven rig (driven_rig.hpp) posed frame by frame from a take's weights — what the
// viewport shows beside the source video while a take plays. Precompute once per mapping
// change, then pose() per frame without allocating (O(#V x active shapes)).
#include <array>
#include <opencv2/core.hpp>
#include <vector>

#include "engine/core/blendshape_rig.hpp"
#include "engine/core/take.hpp"

namespace likeness::retarget {

class Puppet {
  public:
    /// Takes a driven rig (shapes named by ARKit channels; other shapes stay at 0).
    explicit Puppet(core::BlendshapeRig rig);

    const core::BlendshapeRig& rig() const { return rig_; }

    /// S0 + sum_k w_{channel(k)} dS_k for one frame's 52 weights (ARKit order): #V by 3, model
    /// space, cm. Shapes with |w| < 1e-6 are skipped. `V` is resized only when needed.
    void pose(const std::array<float, core::kTakeWeightCount>& weights, core::MatrixX3fR* V) const;

    /// The albedo of eq. 2 for the frame: clamp(albedo + sum_k w dynamic_k, 0, 1), CV_32FC3;
    /// the static albedo when the rig has no dynamic maps; empty without a texture.
    void albedo(const std::array<float, core::kTakeWeightCount>& weights, cv::Mat* out) const;

  private:
    core::BlendshapeRig rig_;
    std::vector<int> channel_;  ///< per shape: its ARKit channel, or -1 (stays at weight 0)
};

}  // namespace likeness::retarget
