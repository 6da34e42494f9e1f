#include "engine/face/deformation_gradient_deviation.hpp"

#include <Eigen/Geometry>
#include <Eigen/LU>
#include <cassert>
#include <cmath>

namespace likeness::face {
namespace {

/// V(X) = [e1, e2, n / √‖n‖] of the triangle (a, b, c).
Eigen::Matrix3f frame(const Eigen::Vector3f& a, const Eigen::Vector3f& b,
                      const Eigen::Vector3f& c) {
    Eigen::Matrix3f V;
    V.col(0) = b - a;
    V.col(1) = c - a;
    const Eigen::Vector3f n = V.col(0).cross(V.col(1));
    const float length = n.norm();
    V.col(2) = length > 0.f ? Eigen::Vector3f(n / std::sqrt(length)) : Eigen::Vector3f::Zero();
    return V;
}

Eigen::Matrix3f frame_of(const core::MatrixX3fR& X, const core::MatrixX3iR& F, Eigen::Index t) {
    return frame(X.row(F(t, 0)).transpose(), X.row(F(t, 1)).transpose(),
                 X.row(F(t, 2)).transpose());
}

}  // namespace

Eigen::VectorXf deformation_gradient_deviation(const core::MatrixX3fR& S0,
                                               const core::MatrixX3iR& F,
                                               const core::MatrixX3fR& dS_template,
                                               const core::MatrixX3fR& dS_corrected) {
    assert(dS_template.rows() == S0.rows() && dS_corrected.rows() == S0.rows() &&
           "displacement fields have one row per vertex");
    const core::MatrixX3fR S_template = S0 + dS_template;
    const core::MatrixX3fR S_corrected = S0 + dS_corrected;
    Eigen::VectorXf deviation = Eigen::VectorXf::Zero(F.rows());
    for (Eigen::Index t = 0; t < F.rows(); ++t) {
        const bool moved = !(dS_corrected.row(F(t, 0)) == dS_template.row(F(t, 0)) &&
                             dS_corrected.row(F(t, 1)) == dS_template.row(F(t, 1)) &&
                             dS_corrected.row(F(t, 2)) == dS_template.row(F(t, 2)));
        if (!moved) continue;  // most triangles: the correction is local (attention masks)
        Eigen::Matrix3f V0_inverse;
        bool invertible = false;
        frame_of(S0, F, t).computeInverseWithCheck(V0_inverse, invertible);
        if (!invertible) continue;
        const Eigen::Matrix3f difference =
            (frame_of(S_corrected, F, t) - frame_of(S_template, F, t)) * V0_inverse;
        deviation[t] = difference.norm();
    }
    return deviation;
}

Eigen::VectorXf face_to_vertex_mean(const core::MatrixX3iR& F, const Eigen::VectorXf& per_face,
                                    int vertex_count) {
    assert(per_face.size() == F.rows() && "one value per face");
    Eigen::VectorXf sum = Eigen::VectorXf::Zero(vertex_count);
    Eigen::VectorXf count = Eigen::VectorXf::Zero(vertex_count);
    for (Eigen::Index t = 0; t < F.rows(); ++t)
        for (int k = 0; k < 3; ++k) {
            sum[F(t, k)] += per_face[t];
            count[F(t, k)] += 1.f;
        }
    return (count.array() > 0.f).select(sum.array() / count.array().max(1.f), 0.f);
}

}  // namespace likeness::face
