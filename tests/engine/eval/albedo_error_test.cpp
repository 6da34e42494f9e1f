// The static albedo's error: zero for the truth, blind to a gain per channel (the lighting's
// share), and counting only the face area.
#include "engine/eval/albedo_error.hpp"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "engine/eval/face_area.hpp"
#include "engine/face/uv_raster.hpp"
#include "tests/engine/face/template_fixture.hpp"

namespace likeness::eval {
namespace {

TEST(EvalAlbedoError, ZeroForTheTruthUpToAGainPerChannel) {
    LIKENESS_NEED_TEMPLATE(rig);
    const std::vector<int> area = face_area_vertices(*rig);
    const cv::Mat& truth = rig->albedo_uv;
    ASSERT_EQ(truth.type(), CV_32FC3);
    const auto same = albedo_error(rig->neutral, area, truth, truth);
    ASSERT_TRUE(same.has_value());
    EXPECT_NEAR(*same, 0.0, 1e-6);
    cv::Mat tinted;
    cv::multiply(truth, cv::Scalar(0.7, 1.2, 0.9), tinted);
    EXPECT_NEAR(*albedo_error(rig->neutral, area, tinted, truth), 0.0, 1e-3);
    cv::Mat half;
    cv::resize(truth, half, cv::Size(truth.cols / 2, truth.rows / 2), 0, 0, cv::INTER_AREA);
    EXPECT_LT(*albedo_error(rig->neutral, area, half, truth), 3.0) << "resampled, not misread";
    EXPECT_FALSE(albedo_error(rig->neutral, area, cv::Mat(), truth).has_value());
    EXPECT_FALSE(albedo_error(rig->neutral, {}, truth, truth).has_value());
}

TEST(EvalAlbedoError, CountsTheFaceAreaOnly) {
    LIKENESS_NEED_TEMPLATE(rig);
    const std::vector<int> area = face_area_vertices(*rig);
    const cv::Mat& truth = rig->albedo_uv;
    // Which texels the face area covers, from the same rasteriser the score uses.
    cv::Mat all;
    face::rasterize_uv(rig->neutral, Eigen::MatrixXf::Zero(rig->neutral.vertex_count(), 1),
                       truth.rows, &all);
    Eigen::MatrixXf in_area = Eigen::MatrixXf::Zero(rig->neutral.vertex_count(), 1);
    for (int v : area)
        in_area(v, 0) = 1.f;
    const cv::Mat weight = face::rasterize_uv(rig->neutral, in_area, truth.rows);

    cv::Mat outside = truth.clone(), inside = truth.clone();
    int changed_in = 0, covered = 0;
    for (int y = 0; y < truth.rows; ++y)
        for (int x = 0; x < truth.cols; ++x) {
            if (all.at<uchar>(y, x) && weight.at<float>(y, x) < 0.01f)
                outside.at<cv::Vec3f>(y, x) = cv::Vec3f(1.f, 0.f, 1.f);
            if (weight.at<float>(y, x) > 0.999f) {
                ++covered;
                if ((x / 8 + y / 8) % 2 == 0) {
                    inside.at<cv::Vec3f>(y, x) += cv::Vec3f(0.1f, 0.1f, 0.1f);
                    ++changed_in;
                }
            }
        }
    ASSERT_GT(changed_in, 1000);
    EXPECT_NEAR(*albedo_error(rig->neutral, area, outside, truth), 0.0, 0.05)
        << "texels off the face area do not count";
    // Half the area brightened by 0.1 per channel: √3 · 0.1 · 255 ≈ 44 on those texels, less a
    // little that the fitted gain takes back.
    const double e = *albedo_error(rig->neutral, area, inside, truth);
    EXPECT_GT(e, 0.8 * 44.0 * changed_in / covered);
    EXPECT_LT(e, 1.05 * 44.0 * changed_in / covered);
}

}  // namespace
}  // namespace likeness::eval
