#pragma once
// Alignment of ground-truth points to a reconstructed surface before measuring 3D error: the
// protocol of 3D face benchmarks (BU-3DFE / FaceWarehouse as used in the paper's Table 2, NoW):
// an initial transform from corresponding landmarks, refined by ICP that pairs each ground-truth
// point with its closest point on the reconstructed surface. A reconstruction is free to sit
// anywhere in its own model frame; only its shape is scored.
#include <Eigen/Core>
#include <vector>

#include "engine/core/mesh.hpp"
#include "engine/face/similarity_transform.hpp"

namespace likeness::eval {

struct AlignmentOptions {
    /// false (default): rigid, as the 3D error protocol states; true: also a uniform scale
    /// (NoW's choice), which forgives a reconstruction of the wrong size.
    bool with_scale = false;
    int iterations = 8;  ///< ICP rounds at most
    /// ICP pairs at most this many points (an even stride through them); 0: all. The fit
    /// converges the same with a few thousand well-spread points, at a fraction of the cost.
    int max_points = 1500;
    /// Pairs farther than trim_factor × the median pair distance (at least min_trim_cm) do not
    /// pull the fit (they still count in the error).
    float trim_factor = 3.f;
    float min_trim_cm = 0.2f;
    float tolerance_cm = 1e-4f;  ///< stop when the mean point motion of a round is below this
};

struct Alignment {
    face::Similarity transform;  ///< ground-truth frame -> reconstruction frame
    int iterations = 0;          ///< ICP rounds run
    float initial_landmark_rms_cm = 0.f;
};

/// Aligns `points` (#P by 3, the ground truth's frame, cm) to the surface V/F (#V by 3, #F by 3,
/// reconstruction frame, cm). Initial transform: the least-squares fit of `point_landmarks`
/// onto `surface_landmarks` (#L by 3 each, L >= 3; same anatomical points); then ICP.
Alignment align_to_surface(const core::MatrixX3fR& points, const core::MatrixX3fR& V,
                           const core::MatrixX3iR& F, const Eigen::MatrixX3f& point_landmarks,
                           const Eigen::MatrixX3f& surface_landmarks,
                           const AlignmentOptions& options = {});

}  // namespace likeness::eval
