#include "engine/fit/deformation_gradient_term.hpp"

#include <Eigen/Geometry>
#include <Eigen/LU>
#include <algorithm>
#include <cmath>

namespace likeness::fit {
namespace {

/// V(X) of one triangle and what its reverse mode needs.
struct Frame {
    Eigen::Vector3f e1, e2, n;
    float n_norm = 0.f;
    Eigen::Matrix3f V;
};

Frame frame(const Eigen::Vector3f& a, const Eigen::Vector3f& b, const Eigen::Vector3f& c) {
    Frame f;
    f.e1 = b - a;
    f.e2 = c - a;
    f.n = f.e1.cross(f.e2);
    f.n_norm = f.n.norm();
    f.V.col(0) = f.e1;
    f.V.col(1) = f.e2;
    f.V.col(2) =
        f.n_norm > 0.f ? Eigen::Vector3f(f.n / std::sqrt(f.n_norm)) : Eigen::Vector3f::Zero();
    return f;
}

}  // namespace

DeformationGradientTerm::DeformationGradientTerm(const core::MatrixX3fR& S0,
                                                 const core::MatrixX3iR& F)
    : F_(F), V0_inverse_(static_cast<size_t>(F.rows())) {
    for (Eigen::Index t = 0; t < F.rows(); ++t) {
        const Frame f = frame(S0.row(F(t, 0)).transpose(), S0.row(F(t, 1)).transpose(),
                              S0.row(F(t, 2)).transpose());
        Eigen::Matrix3f inv;
        bool ok = false;
        f.V.computeInverseWithCheck(inv, ok);
        V0_inverse_[static_cast<size_t>(t)] = ok ? inv : Eigen::Matrix3f::Zero();
    }
}

double DeformationGradientTerm::value(const core::MatrixX3fR& S_i, const core::MatrixX3fR& D,
                                      core::MatrixX3fR* gradient) const {
    if (gradient && gradient->rows() != D.rows()) gradient->setZero(D.rows(), 3);
    double sum = 0.0;
    const float inv_count = 1.f / static_cast<float>(std::max<Eigen::Index>(1, F_.rows()));
    for (Eigen::Index t = 0; t < F_.rows(); ++t) {
        const int ia = F_(t, 0), ib = F_(t, 1), ic = F_(t, 2);
        if (D.row(ia).isZero(0.f) && D.row(ib).isZero(0.f) && D.row(ic).isZero(0.f)) continue;
        const Eigen::Vector3f a = S_i.row(ia).transpose(), b = S_i.row(ib).transpose(),
                              c = S_i.row(ic).transpose();
        const Frame base = frame(a, b, c);
        const Frame moved =
            frame(a + D.row(ia).transpose(), b + D.row(ib).transpose(), c + D.row(ic).transpose());
        const Eigen::Matrix3f& W = V0_inverse_[static_cast<size_t>(t)];
        const Eigen::Matrix3f R = (moved.V - base.V) * W;
        sum += R.squaredNorm();
        if (!gradient) continue;
        // ∂L/∂V = 2 R W^T; columns 0, 1 are the edges, column 2 is n / √‖n‖.
        const Eigen::Matrix3f Vbar = (2.f * inv_count) * R * W.transpose();
        Eigen::Vector3f e1bar = Vbar.col(0), e2bar = Vbar.col(1);
        if (moved.n_norm > 0.f) {
            // d(n ‖n‖^{-1/2}) = ‖n‖^{-1/2} (I − ½ n̂ n̂ᵀ) dn
            const Eigen::Vector3f nh = moved.n / moved.n_norm;
            const Eigen::Vector3f c3 = Vbar.col(2);
            const Eigen::Vector3f nbar = (c3 - 0.5f * nh * nh.dot(c3)) / std::sqrt(moved.n_norm);
            // n = e1 × e2: ē1 += e2 × n̄, ē2 += n̄ × e1
            e1bar += moved.e2.cross(nbar);
            e2bar += nbar.cross(moved.e1);
        }
        gradient->row(ib) += e1bar.transpose();
        gradient->row(ic) += e2bar.transpose();
        gradient->row(ia) -= (e1bar + e2bar).transpose();
    }
    return sum * inv_count;
}

Eigen::VectorXf DeformationGradientTerm::hessian_diagonal(const core::MatrixX3fR& S_i) const {
    Eigen::VectorXf d = Eigen::VectorXf::Zero(S_i.rows());
    const float inv_count = 1.f / static_cast<float>(std::max<Eigen::Index>(1, F_.rows()));
    for (Eigen::Index t = 0; t < F_.rows(); ++t) {
        const Eigen::Matrix3f& W = V0_inverse_[static_cast<size_t>(t)];
        const int ia = F_(t, 0), ib = F_(t, 1), ic = F_(t, 2);
        const Frame f =
            frame(S_i.row(ia).transpose(), S_i.row(ib).transpose(), S_i.row(ic).transpose());
        // R = (δV) W: δ of column 0 is d_b − d_a, of column 1 d_c − d_a; the normal column moves
        // by about (|e1| + |e2|) / √|n| per unit corner displacement.
        const float n_scale =
            f.n_norm > 0.f ? (f.e1.norm() + f.e2.norm()) / std::sqrt(f.n_norm) : 0.f;
        const float r2 = W.row(2).squaredNorm() * n_scale * n_scale;
        d[ib] += 2.f * inv_count * (W.row(0).squaredNorm() + r2);
        d[ic] += 2.f * inv_count * (W.row(1).squaredNorm() + r2);
        d[ia] += 2.f * inv_count * ((W.row(0) + W.row(1)).squaredNorm() + r2);
    }
    return d;
}

Eigen::SparseMatrix<float> DeformationGradientTerm::edge_hessian(int vertex_count) const {
    std::vector<Eigen::Triplet<float>> t;
    t.reserve(9 * static_cast<size_t>(F_.rows()));
    const float inv_count = 1.f / static_cast<float>(std::max<Eigen::Index>(1, F_.rows()));
    for (Eigen::Index f = 0; f < F_.rows(); ++f) {
        const Eigen::Matrix3f& W = V0_inverse_[static_cast<size_t>(f)];
        // One coordinate's row of R: d_a u_a + d_b u_b + d_c u_c with
        // u_b = W.row(0), u_c = W.row(1), u_a = −(u_b + u_c); Hessian 2 u_j · u_k.
        const Eigen::RowVector3f u[3] = {-(W.row(0) + W.row(1)), W.row(0), W.row(1)};
        for (int j = 0; j < 3; ++j)
            for (int k = 0; k < 3; ++k)
                t.emplace_back(F_(f, j), F_(f, k), 2.f * inv_count * u[j].dot(u[k]));
    }
    Eigen::SparseMatrix<float> H(vertex_count, vertex_count);
    H.setFromTriplets(t.begin(), t.end());
    return H;
}

}  // namespace likeness::fit
