#pragma once
// Ground-truth landmarks in the front end's own layout (nn::FrameLandmarks), so that a fit can
// take them in place of the detector's — the "ground-truth landmarks + noise" mode of the bench,
// which isolates the solver from the front end.
#include "engine/eval/rng.hpp"
#include "engine/eval/synthetic_sequence.hpp"
#include "engine/nn/frame_landmarks.hpp"

namespace likeness::eval {

/// The 468 projected true vertices of `frame` with independent Gaussian noise of `noise_px`
/// (standard deviation per coordinate, image px). z follows FaceMesh's convention: relative
/// depth in the same pixel scale, negative towards the camera (depth minus the mean depth,
/// times focal / mean depth). The crop box is the points' square bounds grown 1.4 times as the
/// detector's box is; face_flag 1; no iris.
nn::FrameLandmarks truth_landmarks(const GroundTruthFrame& frame, const core::Camera& camera,
                                   float noise_px, Rng& rng);

}  // namespace likeness::eval
