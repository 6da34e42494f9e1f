#pragma once
// A ground-truth frame's surface drawn unlit with a texture in the template's UV layout. Drawn
// with the fitter's colour-coded parsing map T (eq. 5), it is the parsing image a perfect face
// parser would give (the paper's I^pa comes from a parsing network [29]), as truth_landmarks.hpp
// gives what a perfect landmark detector would: the bench's way to measure the parsing loss
// apart from the parser.
#include <opencv2/core.hpp>

#include "engine/core/camera.hpp"
#include "engine/eval/synthetic_sequence.hpp"
#include "engine/eval/synthetic_subject.hpp"

namespace likeness::eval {

/// `texture` (CV_32FC3, any size, the template's UVs) on frame `frame`'s true surface, seen
/// through `camera` (any window of the video's camera: focal length and principal point in
/// that window's pixels). CV_32FC3 of the camera's size, 0 where the face does not cover.
cv::Mat render_truth_texture(const SyntheticSubject& subject, const GroundTruthFrame& frame,
                             const core::Camera& camera, const cv::Mat& texture);

}  // namespace likeness::eval
