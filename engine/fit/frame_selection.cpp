#include "engine/fit/frame_selection.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/face/landmark_groups.hpp"

namespace likeness::fit {
namespace {

const std::vector<int>& descriptor_points() {
    static const std::vector<int> kPoints = [] {
        std::vector<int> p;
        for (const char* g : {"lips_upper_outer", "lips_lower_outer", "lips_upper_inner",
                              "lips_lower_inner", "eye_left_ring", "eye_right_ring",
                              "brow_left_upper", "brow_right_upper", "jaw_contour", "nose_tip"})
            for (int v : face::landmark_group(g))
                p.push_back(v);
        std::sort(p.begin(), p.end());
        p.erase(std::unique(p.begin(), p.end()), p.end());
        return p;
    }();
    return kPoints;
}

}  // namespace

Eigen::VectorXf shape_descriptor(const core::MatrixX2fR& landmarks_px) {
    const std::vector<int>& pts = descriptor_points();
    Eigen::MatrixX2f P(static_cast<Eigen::Index>(pts.size()), 2);
    for (size_t i = 0; i < pts.size(); ++i)
        P.row(static_cast<Eigen::Index>(i)) = landmarks_px.row(pts[i]);
    P.rowwise() -= P.colwise().mean();
    const float rms = std::sqrt(P.squaredNorm() / static_cast<float>(P.rows()));
    if (rms > 0.f) P /= rms;
    Eigen::VectorXf d(2 * P.rows());
    for (Eigen::Index i = 0; i < P.rows(); ++i)
        d.segment<2>(2 * i) = P.row(i).transpose();
    return d;
}

FrameSelection select_frames(const std::vector<FrameCandidate>& candidates, int k,
                             float time_weight) {
    FrameSelection out;
    const int n = static_cast<int>(candidates.size());
    if (n == 0 || k <= 0) return out;
    // The most neutral-looking frame: closest to the median descriptor (a typical video rests
    // on a neutral-ish face most of the time).
    const Eigen::Index dim = candidates[0].descriptor.size();
    Eigen::VectorXf median(dim);
    std::vector<float> column(static_cast<size_t>(n));
    for (Eigen::Index j = 0; j < dim; ++j) {
        for (int i = 0; i < n; ++i)
            column[static_cast<size_t>(i)] = candidates[static_cast<size_t>(i)].descriptor[j];
        std::nth_element(column.begin(), column.begin() + n / 2, column.end());
        median[j] = column[static_cast<size_t>(n / 2)];
    }
    int first = 0;
    float best = std::numeric_limits<float>::max();
    for (int i = 0; i < n; ++i) {
        const float d = (candidates[static_cast<size_t>(i)].descriptor - median).norm();
        if (d < best) best = d, first = i;
    }
    out.neutral_frame = candidates[static_cast<size_t>(first)].frame_index;
    // Scale of time: a typical expression change (mean distance to the median) per video length.
    double spread = 0.0;
    for (const FrameCandidate& c : candidates)
        spread += (c.descriptor - median).norm();
    spread = std::max(spread / n, 1e-3);
    const int64_t t0 = candidates.front().frame_index, t1 = candidates.back().frame_index;
    const double time_scale =
        time_weight * spread / std::max<double>(1.0, static_cast<double>(t1 - t0));
    std::vector<float> nearest(static_cast<size_t>(n), std::numeric_limits<float>::max());
    std::vector<int> chosen;
    int next = first;
    while (static_cast<int>(chosen.size()) < std::min(k, n)) {
        chosen.push_back(next);
        const FrameCandidate& c = candidates[static_cast<size_t>(next)];
        int arg = -1;
        float far = -1.f;
        for (int i = 0; i < n; ++i) {
            const FrameCandidate& o = candidates[static_cast<size_t>(i)];
            const double dt = time_scale * static_cast<double>(o.frame_index - c.frame_index);
            const float d = static_cast<float>(std::sqrt(
                static_cast<double>((o.descriptor - c.descriptor).squaredNorm()) + dt * dt));
            nearest[static_cast<size_t>(i)] = std::min(nearest[static_cast<size_t>(i)], d);
            if (nearest[static_cast<size_t>(i)] > far)
                far = nearest[static_cast<size_t>(i)], arg = i;
        }
        if (far <= 0.f) break;  // all remaining frames duplicate chosen ones
        next = arg;
    }
    for (int i : chosen)
        out.frames.push_back(candidates[static_cast<size_t>(i)].frame_index);
    std::sort(out.frames.begin(), out.frames.end());
    return out;
}

}  // namespace likeness::fit
