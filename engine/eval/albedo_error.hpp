#pragma once
// How far a reconstruction's static albedo (eq. 2: R0^t + Δ0^R) is from the subject's true
// albedo, in the UV layout both share. The paper's case for the parsing loss (eq. 5, §5 "Importance
// of parsing loss") is that without it the albedo compensates for wrong geometry; this score
// shows that where the 3D and photometric errors cannot.
#include <opencv2/core.hpp>
#include <optional>
#include <vector>

#include "engine/core/mesh.hpp"

namespace likeness::eval {

/// Mean RGB distance (0–255) of `albedo` from `truth` (both CV_32FC3 in [0,1], `mesh`'s UVs;
/// `albedo` is resampled to `truth`'s size) over the texels of the triangles whose corners are
/// all in `area`. Each channel of `albedo` is first scaled by the gain that best matches the
/// truth there: the image sees albedo times shading, so a gain per channel belongs to the
/// lighting γ as much as to the albedo. nullopt when either map is empty or no texel is scored.
std::optional<double> albedo_error(const core::Mesh& mesh, const std::vector<int>& area,
                                   const cv::Mat& albedo, const cv::Mat& truth);

}  // namespace likeness::eval
