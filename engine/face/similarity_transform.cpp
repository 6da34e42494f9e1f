#include "engine/face/similarity_transform.hpp"

#include <Eigen/LU>
#include <Eigen/SVD>
#include <cassert>

namespace likeness::face {

Similarity fit_similarity(const Eigen::MatrixX3f& src, const Eigen::MatrixX3f& dst,
                          bool with_scale) {
    assert(src.rows() == dst.rows() && src.rows() >= 3 && "need three or more point pairs");
    const Eigen::RowVector3d mu_s = src.cast<double>().colwise().mean();
    const Eigen::RowVector3d mu_d = dst.cast<double>().colwise().mean();
    const Eigen::MatrixX3d a = src.cast<double>().rowwise() - mu_s;
    const Eigen::MatrixX3d b = dst.cast<double>().rowwise() - mu_d;
    const Eigen::Matrix3d cov = b.transpose() * a / static_cast<double>(src.rows());
    Eigen::JacobiSVD<Eigen::Matrix3d> svd(cov, Eigen::ComputeFullU | Eigen::ComputeFullV);
    Eigen::Vector3d signs(1, 1, 1);
    if ((svd.matrixU() * svd.matrixV().transpose()).determinant() < 0) signs.z() = -1;
    const Eigen::Matrix3d R = svd.matrixU() * signs.asDiagonal() * svd.matrixV().transpose();
    const double var_s = a.squaredNorm() / static_cast<double>(src.rows());
    const double s = with_scale && var_s > 0 ? svd.singularValues().dot(signs) / var_s : 1.0;
    Similarity out;
    out.scale = static_cast<float>(s);
    out.R = R.cast<float>();
    out.t = (mu_d.transpose() - s * R * mu_s.transpose()).cast<float>();
    return out;
}

}  // namespace likeness::face
