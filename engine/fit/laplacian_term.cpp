#include "engine/fit/laplacian_term.hpp"

#include <algorithm>

namespace likeness::fit {
namespace {
constexpr double kMm2PerCm2 = 100.0;
}

LaplacianTerm::LaplacianTerm(const core::MatrixX3iR& F) {
    edges_.reserve(static_cast<size_t>(3 * F.rows()));
    for (Eigen::Index f = 0; f < F.rows(); ++f)
        for (int k = 0; k < 3; ++k) {
            const int a = F(f, k), b = F(f, (k + 1) % 3);
            edges_.emplace_back(std::min(a, b), std::max(a, b));
        }
    std::sort(edges_.begin(), edges_.end());
    edges_.erase(std::unique(edges_.begin(), edges_.end()), edges_.end());
}

double LaplacianTerm::value(const core::MatrixX3fR& D, core::MatrixX3fR* gradient) const {
    if (gradient && gradient->rows() != D.rows()) gradient->setZero(D.rows(), 3);
    double sum = 0.0;
    // Each unordered edge counts twice (v → u and u → v) in a mean over 2E pairs.
    const double pairs = std::max<double>(1.0, 2.0 * static_cast<double>(edges_.size()));
    const float g_scale = static_cast<float>(4.0 * kMm2PerCm2 / pairs);
    for (const auto& [a, b] : edges_) {
        const Eigen::RowVector3f d = D.row(a) - D.row(b);
        sum += d.squaredNorm();
        if (gradient) {
            gradient->row(a) += g_scale * d;
            gradient->row(b) -= g_scale * d;
        }
    }
    return 2.0 * kMm2PerCm2 * sum / pairs;
}

Eigen::VectorXf LaplacianTerm::hessian_diagonal(int vertex_count) const {
    Eigen::VectorXf d = Eigen::VectorXf::Zero(vertex_count);
    const double pairs = std::max<double>(1.0, 2.0 * static_cast<double>(edges_.size()));
    for (const auto& [a, b] : edges_) {
        d[a] += static_cast<float>(4.0 * kMm2PerCm2 / pairs);
        d[b] += static_cast<float>(4.0 * kMm2PerCm2 / pairs);
    }
    return d;
}

Eigen::SparseMatrix<float> LaplacianTerm::hessian(int vertex_count) const {
    std::vector<Eigen::Triplet<float>> t;
    t.reserve(4 * edges_.size());
    const float k = static_cast<float>(
        4.0 * kMm2PerCm2 / std::max<double>(1.0, 2.0 * static_cast<double>(edges_.size())));
    for (const auto& [a, b] : edges_) {
        t.emplace_back(a, a, k);
        t.emplace_back(b, b, k);
        t.emplace_back(a, b, -k);
        t.emplace_back(b, a, -k);
    }
    Eigen::SparseMatrix<float> H(vertex_count, vertex_count);
    H.setFromTriplets(t.begin(), t.end());
    return H;
}

}  // namespace likeness::fit
