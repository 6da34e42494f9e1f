#include "engine/retarget/puppet.hpp"

#include <cmath>

#include "engine/face/arkit_names.hpp"

namespace likeness::retarget {

Puppet::Puppet(core::BlendshapeRig rig) : rig_(std::move(rig)) {
    for (const std::string& name : rig_.shape_names)
        channel_.push_back(face::arkit_index(name));
}

void Puppet::pose(const std::array<float, core::kTakeWeightCount>& weights,
                  core::MatrixX3fR* V) const {
    *V = rig_.neutral.V;
    for (size_t k = 0; k < channel_.size(); ++k) {
        if (channel_[k] < 0) continue;
        const float w = weights[static_cast<size_t>(channel_[k])];
        if (std::abs(w) < 1e-6f) continue;
        *V += w * rig_.deltas[k];
    }
}

void Puppet::albedo(const std::array<float, core::kTakeWeightCount>& weights, cv::Mat* out) const {
    if (rig_.albedo.empty()) {
        out->release();
        return;
    }
    rig_.albedo.copyTo(*out);
    if (rig_.dynamic_albedo.empty()) return;
    for (size_t k = 0; k < channel_.size(); ++k) {
        if (channel_[k] < 0) continue;
        const float w = weights[static_cast<size_t>(channel_[k])];
        if (std::abs(w) < 1e-6f) continue;
        cv::scaleAdd(rig_.dynamic_albedo[k], w, *out, *out);
    }
    cv::max(*out, 0.0, *out);
    cv::min(*out, 1.0, *out);
}

}  // namespace likeness::retarget
