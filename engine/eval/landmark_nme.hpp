#pragma once
// Landmark NME, the tracking metric of the paper's Tables 1 and 2b: the mean Euclidean distance
// between predicted and true 2D landmarks (68 iBUG points) divided by the size of the true
// landmarks' bounding box, sqrt(width · height) — the AFLW2000-3D convention the paper follows
// ("normalized by the bounding box dimension"). Reported in percent.
#include "engine/core/mesh.hpp"

namespace likeness::eval {

/// Size of the box around `truth` (#L by 2 image px): sqrt(width · height), px.
double landmark_box_size(const core::MatrixX2fR& truth);

/// 100 · mean_k |predicted_k − truth_k| / landmark_box_size(truth). Both #L by 2 (image px),
/// same order. Throws std::invalid_argument for mismatched or empty lists or a degenerate box.
double landmark_nme(const core::MatrixX2fR& predicted, const core::MatrixX2fR& truth);

}  // namespace likeness::eval
