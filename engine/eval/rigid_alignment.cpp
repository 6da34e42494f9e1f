#include "engine/eval/rigid_alignment.hpp"

#include <algorithm>
#include <cmath>

#include "engine/face/closest_point.hpp"

namespace likeness::eval {

Alignment align_to_surface(const core::MatrixX3fR& points, const core::MatrixX3fR& V,
                           const core::MatrixX3iR& F, const Eigen::MatrixX3f& point_landmarks,
                           const Eigen::MatrixX3f& surface_landmarks, const AlignmentOptions& o) {
    Alignment out;
    out.transform = face::fit_similarity(point_landmarks, surface_landmarks, o.with_scale);
    {
        double sum = 0.0;
        for (Eigen::Index k = 0; k < point_landmarks.rows(); ++k)
            sum += (out.transform.apply(point_landmarks.row(k).transpose()) -
                    surface_landmarks.row(k).transpose())
                       .squaredNorm();
        out.initial_landmark_rms_cm =
            static_cast<float>(std::sqrt(sum / std::max<Eigen::Index>(1, point_landmarks.rows())));
    }
    const face::ClosestPointQuery query(V, F);
    const Eigen::Index total = points.rows();
    const Eigen::Index stride =
        o.max_points > 0 ? std::max<Eigen::Index>(1, (total + o.max_points - 1) / o.max_points) : 1;
    std::vector<Eigen::Index> used;
    for (Eigen::Index p = 0; p < total; p += stride)
        used.push_back(p);
    const Eigen::Index n = static_cast<Eigen::Index>(used.size());
    Eigen::MatrixX3f source(n, 3), moved(n, 3), target(n, 3);
    for (Eigen::Index k = 0; k < n; ++k)
        source.row(k) = points.row(used[static_cast<size_t>(k)]);
    std::vector<float> distance(static_cast<size_t>(n));
    for (int it = 0; it < o.iterations; ++it) {
        for (Eigen::Index p = 0; p < n; ++p)
            moved.row(p) = out.transform.apply(source.row(p).transpose()).transpose();
#pragma omp parallel for schedule(dynamic, 64) if (n > 500)
        for (Eigen::Index p = 0; p < n; ++p) {
            const face::SurfacePoint sp = query.closest(moved.row(p).transpose(), 5.f);
            target.row(p) = sp.point.transpose();
            distance[static_cast<size_t>(p)] = sp.face >= 0 ? sp.distance : INFINITY;
        }
        std::vector<float> sorted = distance;
        std::nth_element(sorted.begin(), sorted.begin() + n / 2, sorted.end());
        const float trim =
            std::max(o.min_trim_cm, o.trim_factor * sorted[static_cast<size_t>(n / 2)]);
        std::vector<Eigen::Index> keep;
        for (Eigen::Index p = 0; p < n; ++p)
            if (distance[static_cast<size_t>(p)] <= trim) keep.push_back(p);
        if (keep.size() < 3) break;
        Eigen::MatrixX3f src(static_cast<Eigen::Index>(keep.size()), 3), dst(src.rows(), 3);
        for (size_t k = 0; k < keep.size(); ++k) {
            src.row(static_cast<Eigen::Index>(k)) = source.row(keep[k]);
            dst.row(static_cast<Eigen::Index>(k)) = target.row(keep[k]);
        }
        const face::Similarity next = face::fit_similarity(src, dst, o.with_scale);
        double motion = 0.0;
        for (Eigen::Index p = 0; p < n; ++p)
            motion += (next.apply(source.row(p).transpose()) - moved.row(p).transpose()).norm();
        out.transform = next;
        out.iterations = it + 1;
        if (motion / static_cast<double>(std::max<Eigen::Index>(1, n)) < o.tolerance_cm) break;
    }
    return out;
}

}  // namespace likeness::eval
