#include "ui/colour_map.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace likeness::ui {
namespace {

Eigen::Vector3f ramp(const std::array<Eigen::Vector3f, 5>& stops, float t) {
    t = std::clamp(t, 0.f, 1.f) * 4.f;
    const int i = std::min(3, static_cast<int>(t));
    const float f = t - static_cast<float>(i);
    return (1.f - f) * stops[static_cast<size_t>(i)] + f * stops[static_cast<size_t>(i + 1)];
}

float largest(const cv::Mat& map) {
    double lo = 0.0, hi = 0.0;
    cv::minMaxLoc(map.reshape(1), &lo, &hi);
    return static_cast<float>(std::max(std::abs(lo), std::abs(hi)));
}

QRgb to_rgb(const Eigen::Vector3f& c) {
    const auto byte = [](float v) {
        return static_cast<int>(std::lround(std::clamp(v, 0.f, 1.f) * 255.f));
    };
    return qRgb(byte(c.x()), byte(c.y()), byte(c.z()));
}

}  // namespace

Eigen::Vector3f heat_colour(float t) {
    static const std::array<Eigen::Vector3f, 5> stops = {
        Eigen::Vector3f(0.16f, 0.18f, 0.42f), Eigen::Vector3f(0.12f, 0.50f, 0.72f),
        Eigen::Vector3f(0.30f, 0.78f, 0.55f), Eigen::Vector3f(0.96f, 0.85f, 0.25f),
        Eigen::Vector3f(0.86f, 0.22f, 0.14f)};
    return ramp(stops, t);
}

Eigen::Vector3f signed_colour(float s) {
    static const std::array<Eigen::Vector3f, 5> stops = {
        Eigen::Vector3f(0.10f, 0.25f, 0.75f), Eigen::Vector3f(0.55f, 0.70f, 0.95f),
        Eigen::Vector3f(0.97f, 0.97f, 0.97f), Eigen::Vector3f(0.97f, 0.62f, 0.52f),
        Eigen::Vector3f(0.75f, 0.10f, 0.10f)};
    return ramp(stops, 0.5f + 0.5f * s);
}

core::MatrixX3fR heat_colours(const Eigen::VectorXf& values, float max_value) {
    if (max_value <= 0.f) max_value = values.size() ? values.maxCoeff() : 0.f;
    const float scale = max_value > 0.f ? 1.f / max_value : 0.f;
    core::MatrixX3fR colours(values.size(), 3);
    for (Eigen::Index i = 0; i < values.size(); ++i)
        colours.row(i) = heat_colour(values[i] * scale).transpose();
    return colours;
}

QImage heat_image(const cv::Mat& map, float max_value) {
    CV_Assert(map.type() == CV_32F);
    if (max_value <= 0.f) max_value = largest(map);
    const float scale = max_value > 0.f ? 1.f / max_value : 0.f;
    QImage image(map.cols, map.rows, QImage::Format_RGB32);
    for (int y = 0; y < map.rows; ++y) {
        auto* out = reinterpret_cast<QRgb*>(image.scanLine(y));
        const float* in = map.ptr<float>(y);
        for (int x = 0; x < map.cols; ++x)
            out[x] = to_rgb(heat_colour(in[x] * scale));
    }
    return image;
}

QImage signed_image(const cv::Mat& map3, float max_abs) {
    CV_Assert(map3.type() == CV_32FC3);
    if (max_abs <= 0.f) max_abs = largest(map3);
    const float scale = max_abs > 0.f ? 1.f / (3.f * max_abs) : 0.f;
    QImage image(map3.cols, map3.rows, QImage::Format_RGB32);
    for (int y = 0; y < map3.rows; ++y) {
        auto* out = reinterpret_cast<QRgb*>(image.scanLine(y));
        const auto* in = map3.ptr<cv::Vec3f>(y);
        for (int x = 0; x < map3.cols; ++x)
            out[x] = to_rgb(signed_colour((in[x][0] + in[x][1] + in[x][2]) * scale));
    }
    return image;
}

QImage rgb_image(const cv::Mat& rgb) {
    CV_Assert(rgb.type() == CV_32FC3);
    QImage image(rgb.cols, rgb.rows, QImage::Format_RGB32);
    for (int y = 0; y < rgb.rows; ++y) {
        auto* out = reinterpret_cast<QRgb*>(image.scanLine(y));
        const auto* in = rgb.ptr<cv::Vec3f>(y);
        for (int x = 0; x < rgb.cols; ++x)
            out[x] = to_rgb(Eigen::Vector3f(in[x][0], in[x][1], in[x][2]));
    }
    return image;
}

}  // namespace likeness::ui
