#include "engine/eval/albedo_error.hpp"

#include <cmath>
#include <opencv2/imgproc.hpp>

#include "engine/face/uv_raster.hpp"

namespace likeness::eval {

std::optional<double> albedo_error(const core::Mesh& mesh, const std::vector<int>& area,
                                   const cv::Mat& albedo, const cv::Mat& truth) {
    if (albedo.empty() || truth.empty() || albedo.type() != CV_32FC3 || truth.type() != CV_32FC3 ||
        truth.rows != truth.cols || mesh.UV.rows() != mesh.V.rows())
        return std::nullopt;
    // The area's indicator interpolated over the faces is 1 exactly on the triangles whose
    // corners are all in it (up to rounding) and below 1 on the others.
    Eigen::MatrixXf in_area = Eigen::MatrixXf::Zero(mesh.vertex_count(), 1);
    for (int v : area)
        if (v >= 0 && v < mesh.vertex_count()) in_area(v, 0) = 1.f;
    const cv::Mat coverage = face::rasterize_uv(mesh, in_area, truth.rows) > 1.f - 1e-5f;

    cv::Mat fitted = albedo;
    if (albedo.size() != truth.size())
        cv::resize(albedo, fitted, truth.size(), 0, 0,
                   albedo.rows > truth.rows ? cv::INTER_AREA : cv::INTER_LINEAR);
    cv::Vec3d ft(0, 0, 0), ff(0, 0, 0);
    int count = 0;
    for (int y = 0; y < truth.rows; ++y)
        for (int x = 0; x < truth.cols; ++x) {
            if (!coverage.at<uchar>(y, x)) continue;
            const cv::Vec3f a = fitted.at<cv::Vec3f>(y, x), t = truth.at<cv::Vec3f>(y, x);
            for (int c = 0; c < 3; ++c) {
                ft[c] += static_cast<double>(a[c]) * t[c];
                ff[c] += static_cast<double>(a[c]) * a[c];
            }
            ++count;
        }
    if (count == 0) return std::nullopt;
    cv::Vec3d gain;
    for (int c = 0; c < 3; ++c)
        gain[c] = ff[c] > 0.0 ? ft[c] / ff[c] : 1.0;
    double sum = 0.0;
    for (int y = 0; y < truth.rows; ++y)
        for (int x = 0; x < truth.cols; ++x) {
            if (!coverage.at<uchar>(y, x)) continue;
            const cv::Vec3f a = fitted.at<cv::Vec3f>(y, x), t = truth.at<cv::Vec3f>(y, x);
            double d2 = 0.0;
            for (int c = 0; c < 3; ++c) {
                const double d = gain[c] * a[c] - t[c];
                d2 += d * d;
            }
            sum += std::sqrt(d2);
        }
    return 255.0 * sum / count;
}

}  // namespace likeness::eval
