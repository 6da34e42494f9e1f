#include "engine/eval/surface_error.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "engine/face/closest_point.hpp"

namespace likeness::eval {
namespace {

/// Farther points count as this far: a reconstruction that misses the face entirely.
constexpr float kMaxDistanceCm = 5.f;

Eigen::MatrixX3f rows_of(const core::MatrixX3fR& V, const std::vector<int>& idx) {
    Eigen::MatrixX3f out(static_cast<Eigen::Index>(idx.size()), 3);
    for (size_t k = 0; k < idx.size(); ++k)
        out.row(static_cast<Eigen::Index>(k)) = V.row(idx[k]);
    return out;
}

}  // namespace

SurfaceError surface_error(const core::MatrixX3fR& gt_V, const std::vector<int>& gt_points,
                           const std::vector<int>& gt_landmarks, const core::MatrixX3fR& rec_V,
                           const core::MatrixX3iR& rec_F, const std::vector<int>& rec_landmarks,
                           const AlignmentOptions& options) {
    if (gt_landmarks.size() != rec_landmarks.size() || gt_landmarks.size() < 3)
        throw std::invalid_argument("surface_error: the same number (>= 3) of landmarks is needed");
    if (gt_points.empty()) throw std::invalid_argument("surface_error: no ground-truth points");
    core::MatrixX3fR P(static_cast<Eigen::Index>(gt_points.size()), 3);
    for (size_t k = 0; k < gt_points.size(); ++k)
        P.row(static_cast<Eigen::Index>(k)) = gt_V.row(gt_points[k]);
    SurfaceError e;
    e.alignment = align_to_surface(P, rec_V, rec_F, rows_of(gt_V, gt_landmarks),
                                   rows_of(rec_V, rec_landmarks), options);
    const face::ClosestPointQuery query(rec_V, rec_F);
    std::vector<double> d(gt_points.size());
#pragma omp parallel for schedule(dynamic, 64) if (P.rows() > 500)
    for (Eigen::Index p = 0; p < P.rows(); ++p) {
        const face::SurfacePoint sp =
            query.closest(e.alignment.transform.apply(P.row(p).transpose()), kMaxDistanceCm);
        d[static_cast<size_t>(p)] = 10.0 * (sp.face >= 0 ? sp.distance : kMaxDistanceCm);
    }
    double sum = 0.0, sum2 = 0.0;
    for (double x : d) {
        sum += x;
        sum2 += x * x;
    }
    e.points = static_cast<int>(d.size());
    e.mean_mm = sum / e.points;
    e.rmse_mm = std::sqrt(sum2 / e.points);
    std::sort(d.begin(), d.end());
    e.median_mm = d[d.size() / 2];
    e.p95_mm = d[std::min(d.size() - 1, static_cast<size_t>(0.95 * static_cast<double>(d.size())))];
    e.max_mm = d.back();
    return e;
}

}  // namespace likeness::eval
