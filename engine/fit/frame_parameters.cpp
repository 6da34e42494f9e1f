#include "engine/fit/frame_parameters.hpp"

#include <algorithm>
#include <cmath>

namespace likeness::fit {

bool FrameParameters::all_finite() const {
    if (!w.allFinite() || !pose.rotation.allFinite() || !pose.translation_cm.allFinite())
        return false;
    for (float g : lighting.gamma)
        if (!std::isfinite(g)) return false;
    return true;
}

FrameParameters neutral_parameters(int shape_count) {
    FrameParameters p;
    p.w = Eigen::VectorXf::Zero(shape_count);
    return p;
}

float sigmoid(float z) {
    return 1.f / (1.f + std::exp(-z));
}

float logit(float w) {
    const float c = std::clamp(w, kLogitEpsilon, 1.f - kLogitEpsilon);
    return std::log(c / (1.f - c));
}

}  // namespace likeness::fit
