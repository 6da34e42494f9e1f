#pragma once
// Which K frames of a video the modeling solver sees (paper §4: frames "chosen randomly from
// different parts of a video to ensure sufficient diversity"; the paper also drops frames with
// neutral expression and pose). We choose deterministically: the most neutral-looking frame
// first (seed 003's neutral frame), then greedy farthest-point sampling (k-centre) in a space of
// normalised landmark shape plus time, so the set spans the video's expressions and head poses
// and its duration.
#include <cstdint>
#include <vector>

#include "engine/core/mesh.hpp"

namespace likeness::fit {

/// A compact description of one frame's face for selection: the 468 landmarks (frame px) of
/// the expressive regions (lips, lids, brows, jaw contour) after removing translation and
/// scale, flattened.
Eigen::VectorXf shape_descriptor(const core::MatrixX2fR& landmarks_px);

struct FrameCandidate {
    int64_t frame_index = -1;
    Eigen::VectorXf descriptor;  ///< shape_descriptor of the frame
};

struct FrameSelection {
    std::vector<int64_t> frames;  ///< chosen frame indices, increasing
    int64_t neutral_frame = -1;   ///< the most neutral-looking of them
};

/// Up to k frames of `candidates` (all of them when there are at most k). `time_weight` trades
/// temporal spread against shape diversity (1: a full-video gap weighs like a typical
/// expression change).
FrameSelection select_frames(const std::vector<FrameCandidate>& candidates, int k,
                             float time_weight = 1.f);

}  // namespace likeness::fit
