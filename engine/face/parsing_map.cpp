#include "engine/face/parsing_map.hpp"

#include <opencv2/imgproc.hpp>
#include <vector>

#include "engine/face/landmark_groups.hpp"
#include "engine/face/uv_raster.hpp"

namespace likeness::face {
namespace {

// A closed outline: `forward` in order, then `backward` reversed.
std::vector<int> outline(const std::vector<int>& forward, const std::vector<int>& backward) {
    std::vector<int> out = forward;
    out.insert(out.end(), backward.rbegin(), backward.rend());
    return out;
}

void fill(cv::Mat& labels, const core::Mesh& mesh, const std::vector<int>& polygon,
          ParsingLabel label, bool convex_hull = false) {
    const int size = labels.rows;
    constexpr int kShift = 4;  // sub-texel precision for cv::fillPoly
    std::vector<cv::Point> pts;
    for (int v : polygon) {
        const float x = (mesh.UV(v, 0) * static_cast<float>(size) - 0.5f) * (1 << kShift);
        const float y = ((1.f - mesh.UV(v, 1)) * static_cast<float>(size) - 0.5f) * (1 << kShift);
        pts.emplace_back(cvRound(x), cvRound(y));
    }
    if (convex_hull) {
        std::vector<cv::Point> hull;
        cv::convexHull(pts, hull);
        pts.swap(hull);
    }
    cv::fillPoly(labels, std::vector<std::vector<cv::Point>>{pts},
                 cv::Scalar(static_cast<int>(label)), cv::LINE_8, kShift);
}

}  // namespace

const std::array<std::string, kParsingLabelCount>& parsing_label_names() {
    static const std::array<std::string, kParsingLabelCount> kNames = {
        "outside",   "skin", "brow_left", "brow_right", "eye_left",
        "eye_right", "nose", "upper_lip", "lower_lip",  "mouth_interior"};
    return kNames;
}

cv::Mat parsing_map(const core::Mesh& canonical, int size) {
    cv::Mat coverage;
    rasterize_uv(canonical, Eigen::MatrixXf::Zero(canonical.V.rows(), 1), size, &coverage);
    cv::Mat labels(size, size, CV_8U, cv::Scalar(static_cast<int>(ParsingLabel::Skin)));
    // The nose: the hull of the bridge, the alae and the columella landmarks.
    fill(labels, canonical,
         {168, 6,   197, 195, 5,   4,   1,   19,  94,  2,   98,  327, 64,  294, 48,  278,
          102, 331, 129, 358, 209, 429, 198, 420, 174, 399, 122, 351, 193, 417, 240, 460},
         ParsingLabel::Nose, true);
    fill(labels, canonical,
         outline(landmark_group("brow_left_upper"), landmark_group("brow_left_lower")),
         ParsingLabel::BrowLeft);
    fill(labels, canonical,
         outline(landmark_group("brow_right_upper"), landmark_group("brow_right_lower")),
         ParsingLabel::BrowRight);
    fill(labels, canonical, landmark_group("eye_left_ring"), ParsingLabel::EyeLeft);
    fill(labels, canonical, landmark_group("eye_right_ring"), ParsingLabel::EyeRight);
    fill(labels, canonical,
         outline(landmark_group("lips_upper_outer"), landmark_group("lips_upper_inner")),
         ParsingLabel::UpperLip);
    fill(labels, canonical,
         outline(landmark_group("lips_lower_outer"), landmark_group("lips_lower_inner")),
         ParsingLabel::LowerLip);
    fill(labels, canonical,
         outline(landmark_group("lips_upper_inner"), landmark_group("lips_lower_inner")),
         ParsingLabel::MouthInterior);
    labels.setTo(cv::Scalar(static_cast<int>(ParsingLabel::Outside)), coverage == 0);
    return labels;
}

bool photometric_label(ParsingLabel label) {
    return label != ParsingLabel::Outside && label != ParsingLabel::EyeLeft &&
           label != ParsingLabel::EyeRight && label != ParsingLabel::MouthInterior;
}

cv::Mat parsing_map_preview(const cv::Mat& labels) {
    static const cv::Vec3b kColours[kParsingLabelCount] = {
        {0, 0, 0},      {224, 172, 150}, {120, 60, 30}, {150, 80, 40}, {60, 120, 230},
        {40, 160, 250}, {240, 220, 90},  {220, 40, 60}, {150, 20, 90}, {40, 20, 20}};
    cv::Mat rgb(labels.size(), CV_8UC3);
    for (int y = 0; y < labels.rows; ++y)
        for (int x = 0; x < labels.cols; ++x) {
            const int l = labels.at<uint8_t>(y, x);
            rgb.at<cv::Vec3b>(y, x) = kColours[l < kParsingLabelCount ? l : 0];
        }
    return rgb;
}

}  // namespace likeness::face
