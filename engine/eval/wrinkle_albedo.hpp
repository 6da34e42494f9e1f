#pragma once
// Expression-specific ("dynamic") albedo for synthetic subjects: the fine lines a brow raise
// draws on the forehead, a squint at the eye corners, a smile along the cheek, a sneer on the
// nose — what the paper's dynamic albedo maps A_i Δ_i^R (eq. 2) exist to capture. Each map is a
// field of thin dark lines running across the direction the shape moves the skin (skin
// compressed along the motion folds across it), confined to the shape's attention mask A_i on
// skin, and darkening the static albedo in proportion at full activation of the shape.
#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "engine/eval/rng.hpp"
#include "engine/face/template_rig.hpp"

namespace likeness::eval {

/// The dynamic albedo of one shape: albedo at weight w = static + w · offset (inside roi).
struct WrinkleMap {
    int shape = -1;  ///< ARKit index
    cv::Rect roi;    ///< texels of the full map that the offset covers (texture_size square)
    cv::Mat offset;  ///< CV_32FC3 RGB, signed (≤ 0: darkening), roi.size()
};

struct WrinkleOptions {
    std::vector<std::string> shapes{"browInnerUp",    "browOuterUpLeft", "browOuterUpRight",
                                    "browDownLeft",   "browDownRight",   "eyeSquintLeft",
                                    "eyeSquintRight", "cheekSquintLeft", "cheekSquintRight",
                                    "mouthSmileLeft", "mouthSmileRight", "noseSneerLeft",
                                    "noseSneerRight"};
    float min_depth = 0.08f;  ///< relative darkening on a line at full activation, drawn in
    float max_depth = 0.16f;  ///< [min_depth, max_depth] per shape
    float spacing = 0.02f;    ///< distance between lines, fraction of the map side
    float sharpness = 6.f;    ///< exponent of the line profile max(0, cos φ)^sharpness
    /// Lines are confined to where the shape moves most: the mask is A_i^focus.
    float focus = 2.f;
};

/// Maps for the listed shapes that the rig has, darkening `albedo` (CV_32FC3, the subject's
/// static albedo in the rig's UV layout, any square size).
std::vector<WrinkleMap> wrinkle_albedo(const face::TemplateRig& rig, const cv::Mat& albedo,
                                       const WrinkleOptions& options, Rng& rng);

/// albedo + Σ_i w_i offset_i over the maps (w in the rig's shape order), into `out` (reused).
void apply_wrinkles(const cv::Mat& albedo, const std::vector<WrinkleMap>& maps, const float* w,
                    cv::Mat* out);

}  // namespace likeness::eval
