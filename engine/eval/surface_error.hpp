#pragma once
// 3D reconstruction error, the metric of the paper's Tables 1 and 2 ("3D error (mm)").
//
// Protocol (stated, since benchmarks differ in the details):
//  1. Points: the ground truth's face-area vertices (face_area.hpp), in the ground truth's
//     model frame.
//  2. Alignment: rigid transform of the ground truth onto the reconstruction — first from the
//     68 iBUG landmark vertices of both meshes, then ICP against the reconstructed surface
//     (rigid_alignment.hpp; scale optional and off by default).
//  3. Distance: from each aligned point to the closest point of the reconstructed surface
//     (point-to-surface, so meshes of any topology and density can be compared), in mm;
//     a point with no surface within 50 mm counts as 50 mm.
//  4. Statistics over the points: mean (the number the paper tabulates), RMSE, median, 95th
//     percentile, max.
#include <vector>

#include "engine/core/mesh.hpp"
#include "engine/eval/rigid_alignment.hpp"

namespace likeness::eval {

struct SurfaceError {
    double mean_mm = 0.0;
    double rmse_mm = 0.0;
    double median_mm = 0.0;
    double p95_mm = 0.0;
    double max_mm = 0.0;
    int points = 0;
    Alignment alignment;
};

/// Scores reconstruction rec_V/rec_F (its landmarks: rec_landmarks, vertex indices) against the
/// ground truth gt_V (points gt_points, landmarks gt_landmarks, vertex indices; the two landmark
/// lists name the same anatomical points in the same order). All positions in cm.
SurfaceError surface_error(const core::MatrixX3fR& gt_V, const std::vector<int>& gt_points,
                           const std::vector<int>& gt_landmarks, const core::MatrixX3fR& rec_V,
                           const core::MatrixX3iR& rec_F, const std::vector<int>& rec_landmarks,
                           const AlignmentOptions& options = {});

}  // namespace likeness::eval
