#pragma once
// A similarity transform x -> s R x + t and its least-squares estimate from point pairs.
#include <Eigen/Core>

namespace likeness::face {

struct Similarity {
    float scale = 1.f;
    Eigen::Matrix3f R = Eigen::Matrix3f::Identity();  ///< rotation, det +1
    Eigen::Vector3f t = Eigen::Vector3f::Zero();

    Eigen::Vector3f apply(const Eigen::Vector3f& x) const { return scale * (R * x) + t; }
    /// A displacement (vector) mapped by the transform: s R d.
    Eigen::Vector3f apply_vector(const Eigen::Vector3f& d) const { return scale * (R * d); }
};

/// The similarity minimising sum_k |s R src_k + t - dst_k|^2 (Umeyama 1991, closed form via
/// SVD). src, dst: #K by 3 (K >= 3, not collinear). with_scale = false fixes s = 1.
Similarity fit_similarity(const Eigen::MatrixX3f& src, const Eigen::MatrixX3f& dst,
                          bool with_scale = true);

}  // namespace likeness::face
