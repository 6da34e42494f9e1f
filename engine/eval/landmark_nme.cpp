#include "engine/eval/landmark_nme.hpp"

#include <cmath>
#include <stdexcept>

namespace likeness::eval {

double landmark_box_size(const core::MatrixX2fR& truth) {
    if (truth.rows() == 0) return 0.0;
    const Eigen::RowVector2f lo = truth.colwise().minCoeff(), hi = truth.colwise().maxCoeff();
    return std::sqrt(static_cast<double>(hi.x() - lo.x()) * static_cast<double>(hi.y() - lo.y()));
}

double landmark_nme(const core::MatrixX2fR& predicted, const core::MatrixX2fR& truth) {
    if (predicted.rows() != truth.rows() || truth.rows() == 0)
        throw std::invalid_argument("landmark_nme: the same, non-zero number of points is needed");
    const double box = landmark_box_size(truth);
    if (!(box > 0.0)) throw std::invalid_argument("landmark_nme: the true landmarks span no area");
    double sum = 0.0;
    for (Eigen::Index k = 0; k < truth.rows(); ++k)
        sum += (predicted.row(k) - truth.row(k)).cast<double>().norm();
    return 100.0 * sum / static_cast<double>(truth.rows()) / box;
}

}  // namespace likeness::eval
