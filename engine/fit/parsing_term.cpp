#include "engine/fit/parsing_term.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <vector>

#include "engine/face/landmark_groups.hpp"
#include "engine/face/parsing_map.hpp"
#include "engine/render/texel_footprint.hpp"
#include "engine/fit/landmark_term.hpp"
#include "engine/render/renderer.hpp"

namespace likeness::fit {
namespace {

constexpr double kBlurPxAt224 = 1.5;

cv::Vec3f code(face::ParsingLabel label) {
    using face::ParsingLabel;
    switch (label) {
        case ParsingLabel::UpperLip:
        case ParsingLabel::LowerLip:
            return {1.f, 0.f, 0.f};
        case ParsingLabel::EyeLeft:
        case ParsingLabel::EyeRight:
            return {0.f, 1.f, 0.f};
        case ParsingLabel::BrowLeft:
        case ParsingLabel::BrowRight:
            return {0.f, 0.f, 1.f};
        default:
            return {0.f, 0.f, 0.f};
    }
}

std::vector<cv::Point> polygon(const core::MatrixX2fR& p, const std::vector<int>& forward,
                               const std::vector<int>& backward, int shift) {
    std::vector<cv::Point> out;
    const float f = static_cast<float>(1 << shift);
    auto add = [&](int v) {
        out.emplace_back(static_cast<int>(std::lround((p(v, 0)) * f)),
                         static_cast<int>(std::lround((p(v, 1)) * f)));
    };
    for (int v : forward)
        add(v);
    for (auto it = backward.rbegin(); it != backward.rend(); ++it)
        add(*it);
    return out;
}

}  // namespace

cv::Mat parsing_code_texture(const cv::Mat& labels, int size) {
    assert(labels.type() == CV_8U && !labels.empty());
    cv::Mat coded(labels.size(), CV_32FC3);
    for (int y = 0; y < labels.rows; ++y)
        for (int x = 0; x < labels.cols; ++x)
            coded.at<cv::Vec3f>(y, x) =
                code(static_cast<face::ParsingLabel>(labels.at<uchar>(y, x)));
    cv::Mat out;
    cv::resize(coded, out, cv::Size(size, size), 0, 0,
               size < labels.rows ? cv::INTER_AREA : cv::INTER_LINEAR);
    // The face spans ~0.6 of the UV square and ~0.75 of a crop: 1 texel ≈ crop / (0.8 size).
    const double sigma = kBlurPxAt224 * size / (0.8 * kReferenceCropPx);
    cv::GaussianBlur(out, out, cv::Size(0, 0), sigma, sigma, cv::BORDER_REPLICATE);
    return out;
}

cv::Mat parsing_target(const core::MatrixX2fR& landmarks_px, int crop_size) {
    assert(landmarks_px.rows() >= kLandmarkCount);
    constexpr int kShift = 4;  // sub-pixel polygon vertices
    cv::Mat lips = cv::Mat::zeros(crop_size, crop_size, CV_32F);
    cv::Mat eyes = lips.clone(), brows = lips.clone();
    using face::landmark_group;
    const std::vector<std::vector<cv::Point>> outer = {
        polygon(landmarks_px, landmark_group("lips_upper_outer"),
                landmark_group("lips_lower_outer"), kShift)};
    const std::vector<std::vector<cv::Point>> inner = {
        polygon(landmarks_px, landmark_group("lips_upper_inner"),
                landmark_group("lips_lower_inner"), kShift)};
    cv::fillPoly(lips, outer, cv::Scalar(1.0), cv::LINE_AA, kShift);
    cv::fillPoly(lips, inner, cv::Scalar(0.0), cv::LINE_AA, kShift);
    for (const char* ring : {"eye_left_ring", "eye_right_ring"})
        cv::fillPoly(eyes,
                     std::vector<std::vector<cv::Point>>{
                         polygon(landmarks_px, landmark_group(ring), {}, kShift)},
                     cv::Scalar(1.0), cv::LINE_AA, kShift);
    for (const char* side : {"left", "right"}) {
        const std::string s(side);
        cv::fillPoly(brows,
                     std::vector<std::vector<cv::Point>>{
                         polygon(landmarks_px, landmark_group("brow_" + s + "_upper"),
                                 landmark_group("brow_" + s + "_lower"), kShift)},
                     cv::Scalar(1.0), cv::LINE_AA, kShift);
    }
    cv::Mat out;
    cv::merge(std::vector<cv::Mat>{lips, eyes, brows}, out);
    const double sigma = kBlurPxAt224 * crop_size / kReferenceCropPx;
    cv::GaussianBlur(out, out, cv::Size(0, 0), sigma, sigma, cv::BORDER_REPLICATE);
    return out;
}

double parsing_loss(const render::Rendering& rendering, const cv::Mat& target, float scale,
                    const PixelLossOutputs& outputs) {
    assert(target.type() == CV_32FC3 && target.isContinuous());
    assert(target.size() == rendering.colour.size());
    if (outputs.adjoint)
        outputs.adjoint->create(target.size(), CV_32FC3), outputs.adjoint->setTo(0);
    if (outputs.irls_weight)
        outputs.irls_weight->create(target.size(), CV_32F), outputs.irls_weight->setTo(0);
    const float* I = target.ptr<float>();
    const float* R = rendering.colour.ptr<float>();
    double sum2 = 0.0;
    const int count = static_cast<int>(rendering.covered.size());
    if (count == 0) return 0.0;
    for (int q : rendering.covered) {
        const size_t k = 3 * static_cast<size_t>(q);
        for (int c = 0; c < 3; ++c) {
            const double d = static_cast<double>(R[k + c]) - I[k + c];
            sum2 += d * d;
        }
    }
    const double unit = 1.0 / std::sqrt(static_cast<double>(count));
    const double norm = std::sqrt(sum2);
    if (outputs.adjoint || outputs.irls_weight) {
        const float f_adj = norm > 0.0 ? static_cast<float>(scale * unit / norm) : 0.f;
        const float f_w = static_cast<float>(scale * unit / std::max(norm, 1e-3));
        float* a = outputs.adjoint ? outputs.adjoint->ptr<float>() : nullptr;
        float* w = outputs.irls_weight ? outputs.irls_weight->ptr<float>() : nullptr;
        for (int q : rendering.covered) {
            const size_t k = 3 * static_cast<size_t>(q);
            if (a)
                for (int c = 0; c < 3; ++c)
                    a[k + c] = f_adj * (R[k + c] - I[k + c]);
            if (w) w[q] = f_w;
        }
    }
    return unit * norm;
}

// ∂Î^pa/∂θ = ∂ρ/∂u ∂u/∂θ + ∂ρ/∂v ∂v/∂θ (unlit: the shading is 1, its derivative 0); the bilinear
// sample and both derivatives read the same four texels.
void parsing_row_pixels(const render::Rendering& parse, const cv::Mat& code, cv::Mat* select) {
    const int width = parse.raster.width, height = parse.raster.height;
    select->create(height, width, CV_8U);
    select->setTo(0);
    unsigned char* out = select->ptr<unsigned char>();
    const float* texels = code.ptr<float>();
    for (size_t j = 0; j < parse.covered.size(); ++j) {
        const render::TexelFootprint fp = render::texel_footprint(
            parse.covered_uv[2 * j], parse.covered_uv[2 * j + 1], code.cols, code.rows);
        bool any = false;
        for (int n = 0; n < 4 && !any; ++n) {
            const float* t = texels + 3 * static_cast<size_t>(fp.offset[n]);
            any = t[0] != 0.f || t[1] != 0.f || t[2] != 0.f;
        }
        out[parse.covered[j]] = any ? 1 : 0;
    }
}

}  // namespace likeness::fit
