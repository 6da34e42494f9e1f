#include "engine/fit/loss_weights.hpp"

#include <cmath>
#include <utility>
#include <vector>

namespace likeness::fit {

bool LossWeights::is_valid(std::string* error) const {
    const std::vector<std::pair<const char*, double>> fields = {
        {"photometric", photometric},
        {"image_gradient", image_gradient},
        {"landmark", landmark},
        {"parsing", parsing},
        {"smoothness", smoothness},
        {"blendshape_gradient", blendshape_gradient},
        {"regularization", regularization},
        {"lighting_norm", lighting_norm},
        {"lip_contour", lip_contour},
        {"neutral", neutral},
        {"shape_prior", shape_prior},
        {"shape_smoothness", shape_smoothness},
        {"correction_landmark", correction_landmark},
        {"albedo_prior", albedo_prior}};
    for (const auto& [name, value] : fields)
        if (!(std::isfinite(value) && value >= 0.0)) {
            if (error) *error = std::string("loss weight ") + name + " must be finite and >= 0";
            return false;
        }
    return true;
}

LossWeights landmark_trust_weights(const LossWeights& base, LandmarkTrust trust) {
    LossWeights w = base;
    if (trust == LandmarkTrust::Measured) {
        w.smoothness = 0.5;
        w.shape_smoothness = 75.0;
        w.correction_landmark = 20.0;
    }
    return w;
}

}  // namespace likeness::fit
