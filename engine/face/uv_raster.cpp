#include "engine/face/uv_raster.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace likeness::face {

Eigen::Vector2f texel_uv(int x, int y, int size) {
    return {(static_cast<float>(x) + 0.5f) / static_cast<float>(size),
            1.f - (static_cast<float>(y) + 0.5f) / static_cast<float>(size)};
}

cv::Mat rasterize_uv(const core::Mesh& mesh, const Eigen::MatrixXf& values, int size,
                     cv::Mat* coverage) {
    const int k = static_cast<int>(values.cols());
    assert(k >= 1 && k <= 4 && values.rows() == mesh.V.rows() && "one value row per vertex");
    assert(mesh.UV.rows() == mesh.V.rows() && "the mesh needs UVs");
    cv::Mat out(size, size, CV_32FC(k), cv::Scalar::all(0));
    cv::Mat covered(size, size, CV_8U, cv::Scalar(0));
    const float s = static_cast<float>(size);
    for (Eigen::Index f = 0; f < mesh.F.rows(); ++f) {
        const int i0 = mesh.F(f, 0), i1 = mesh.F(f, 1), i2 = mesh.F(f, 2);
        // Texel-space corners: x = u * size - 0.5, y = (1 - v) * size - 0.5.
        const Eigen::Vector2f a(mesh.UV(i0, 0) * s - 0.5f, (1.f - mesh.UV(i0, 1)) * s - 0.5f);
        const Eigen::Vector2f b(mesh.UV(i1, 0) * s - 0.5f, (1.f - mesh.UV(i1, 1)) * s - 0.5f);
        const Eigen::Vector2f c(mesh.UV(i2, 0) * s - 0.5f, (1.f - mesh.UV(i2, 1)) * s - 0.5f);
        const float area = (b - a).x() * (c - a).y() - (b - a).y() * (c - a).x();
        if (std::abs(area) < 1e-12f) continue;
        const int x0 = std::max(0, static_cast<int>(std::floor(std::min({a.x(), b.x(), c.x()}))));
        const int x1 =
            std::min(size - 1, static_cast<int>(std::ceil(std::max({a.x(), b.x(), c.x()}))));
        const int y0 = std::max(0, static_cast<int>(std::floor(std::min({a.y(), b.y(), c.y()}))));
        const int y1 =
            std::min(size - 1, static_cast<int>(std::ceil(std::max({a.y(), b.y(), c.y()}))));
        for (int y = y0; y <= y1; ++y) {
            float* row = out.ptr<float>(y);
            for (int x = x0; x <= x1; ++x) {
                const Eigen::Vector2f p(static_cast<float>(x), static_cast<float>(y));
                const float w0 = ((b - p).x() * (c - p).y() - (b - p).y() * (c - p).x()) / area;
                const float w1 = ((c - p).x() * (a - p).y() - (c - p).y() * (a - p).x()) / area;
                const float w2 = 1.f - w0 - w1;
                constexpr float eps = -1e-4f;  // shared edges: both sides may write, same value
                if (w0 < eps || w1 < eps || w2 < eps) continue;
                for (int ch = 0; ch < k; ++ch)
                    row[x * k + ch] =
                        w0 * values(i0, ch) + w1 * values(i1, ch) + w2 * values(i2, ch);
                covered.at<uint8_t>(y, x) = 255;
            }
        }
    }
    if (coverage) *coverage = covered;
    return out;
}

Eigen::MatrixXf sample_uv(const core::Mesh& mesh, const cv::Mat& map) {
    const int k = map.channels(), size_x = map.cols, size_y = map.rows;
    assert(map.depth() == CV_32F && "sample_uv reads float maps");
    Eigen::MatrixXf out(mesh.V.rows(), k);
    for (Eigen::Index v = 0; v < mesh.UV.rows(); ++v) {
        const float fx = std::clamp(mesh.UV(v, 0) * size_x - 0.5f, 0.f, size_x - 1.f);
        const float fy = std::clamp((1.f - mesh.UV(v, 1)) * size_y - 0.5f, 0.f, size_y - 1.f);
        const int x0 = static_cast<int>(fx), y0 = static_cast<int>(fy);
        const int x1 = std::min(x0 + 1, size_x - 1), y1 = std::min(y0 + 1, size_y - 1);
        const float tx = fx - static_cast<float>(x0), ty = fy - static_cast<float>(y0);
        for (int ch = 0; ch < k; ++ch) {
            auto at = [&](int y, int x) { return map.ptr<float>(y)[x * k + ch]; };
            out(v, ch) = (1 - ty) * ((1 - tx) * at(y0, x0) + tx * at(y0, x1)) +
                         ty * ((1 - tx) * at(y1, x0) + tx * at(y1, x1));
        }
    }
    return out;
}

}  // namespace likeness::face
