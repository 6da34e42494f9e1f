// End-to-end: `likeness landmarks` on images and videos the test makes from a real face.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include "tests/support/face_images.hpp"
#include "tests/support/test_paths.hpp"

namespace likeness {
namespace {

using test::cli_path;
using test::run_command;

nlohmann::json read_json(const std::string& path) {
    std::ifstream in(path);
    return nlohmann::json::parse(in);
}

class CliLandmarks : public ::testing::Test {
  protected:
    void SetUp() override {
        std::string why;
        face_ = test::demo_face(&why);
        if (!face_) GTEST_SKIP() << why;
        dir_ = test::scratch_dir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    }
    void write_image(const std::string& path, const cv::Mat& rgb) {
        cv::Mat bgr;
        cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
        ASSERT_TRUE(cv::imwrite(path, bgr));
    }
    std::optional<cv::Mat> face_;
    std::string dir_;
};

TEST_F(CliLandmarks, ImageGivesOneFrameWithEveryPointAndAnOverlay) {
    write_image(dir_ + "/face.png", test::frame_with_face(*face_, 640, 480, 150, 20, 0.6));
    const auto r = run_command(cli_path() + " landmarks " + dir_ + "/face.png --json " + dir_ +
                               "/out.json --overlay " + dir_ + "/overlay.png");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto j = read_json(dir_ + "/out.json");
    EXPECT_EQ(j.at("width"), 640);
    EXPECT_EQ(j.at("height"), 480);
    ASSERT_EQ(j.at("frames").size(), 1u);
    const auto& f = j.at("frames")[0];
    EXPECT_EQ(f.at("index"), 0);
    EXPECT_TRUE(f.at("face").get<bool>());
    EXPECT_GT(f.at("flag").get<double>(), 0.9);
    ASSERT_EQ(f.at("landmarks468").size(), 468u);
    EXPECT_EQ(f.at("landmarks468")[0].size(), 3u);
    ASSERT_EQ(f.at("landmarks68").size(), 68u);
    EXPECT_EQ(f.at("landmarks68")[0].size(), 2u);
    EXPECT_EQ(f.at("iris").at("left").size(), 5u);
    EXPECT_EQ(f.at("iris").at("right").size(), 5u);
    // Every point lies inside the pasted face.
    for (const auto& p : f.at("landmarks468")) {
        EXPECT_GT(p[0].get<double>(), 150.0);
        EXPECT_LT(p[0].get<double>(), 150.0 + 0.6 * 520);
    }
    const auto box = f.at("box");
    EXPECT_LT(box[0].get<double>(), box[2].get<double>());
    EXPECT_EQ(j.at("summary").at("frames_with_face"), 1);
    const cv::Mat overlay = cv::imread(dir_ + "/overlay.png");
    EXPECT_EQ(overlay.size(), cv::Size(640, 480));
    EXPECT_FALSE(std::filesystem::exists(dir_ + "/out.json.partial"));
}

TEST_F(CliLandmarks, VideoIsFollowedEveryKthFrame) {
    const std::string clip = dir_ + "/clip.avi";
    cv::VideoWriter writer(clip, cv::CAP_FFMPEG, cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), 25.0,
                           cv::Size(640, 480));
    ASSERT_TRUE(writer.isOpened());
    cv::Mat bgr;
    for (int i = 0; i < 12; ++i) {
        cv::cvtColor(test::frame_with_face(*face_, 640, 480, 100 + 4 * i, 20, 0.6), bgr,
                     cv::COLOR_RGB2BGR);
        writer.write(bgr);
    }
    writer.release();
    const auto r = run_command(cli_path() + " landmarks " + clip + " --every 3 --json " + dir_ +
                               "/out.json --overlay " + dir_ + "/overlay.avi");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto j = read_json(dir_ + "/out.json");
    ASSERT_EQ(j.at("frames").size(), 4u);
    for (size_t k = 0; k < 4; ++k) {
        EXPECT_EQ(j.at("frames")[k].at("index"), static_cast<int>(3 * k));
        EXPECT_TRUE(j.at("frames")[k].at("face").get<bool>());
    }
    EXPECT_EQ(j.at("summary").at("detections"), 1);
    cv::VideoCapture overlay(dir_ + "/overlay.avi");
    EXPECT_EQ(static_cast<int>(overlay.get(cv::CAP_PROP_FRAME_COUNT)), 4);

    const auto limited =
        run_command(cli_path() + " landmarks " + clip + " --max-frames 2 --json -");
    ASSERT_EQ(limited.exit_code, 0) << limited.err;
    EXPECT_EQ(nlohmann::json::parse(limited.out).at("frames").size(), 2u);
}

TEST_F(CliLandmarks, NoFaceIsReportedNotInvented) {
    const cv::Mat wall(480, 640, CV_8UC3, cv::Scalar(120, 110, 100));
    write_image(dir_ + "/wall.png", wall);
    const auto r = run_command(cli_path() + " landmarks " + dir_ + "/wall.png --json -");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    ASSERT_EQ(j.at("frames").size(), 1u);
    EXPECT_FALSE(j.at("frames")[0].at("face").get<bool>());
    EXPECT_FALSE(j.at("frames")[0].contains("landmarks468"));
    EXPECT_NE(r.err.find("no face"), std::string::npos) << r.err;
}

TEST_F(CliLandmarks, AwkwardImagesGiveClearResults) {
    // Grey-scale, 16-bit and a tiny face: results, never a crash.
    cv::Mat grey, deep;
    cv::cvtColor(test::frame_with_face(*face_, 640, 480, 150, 20, 0.6), grey, cv::COLOR_RGB2GRAY);
    ASSERT_TRUE(cv::imwrite(dir_ + "/grey.png", grey));
    cv::Mat bgr;
    cv::cvtColor(test::frame_with_face(*face_, 640, 480, 150, 20, 0.6), bgr, cv::COLOR_RGB2BGR);
    bgr.convertTo(deep, CV_16U, 257.0);
    ASSERT_TRUE(cv::imwrite(dir_ + "/deep.png", deep));
    write_image(dir_ + "/tiny.png", test::frame_with_face(*face_, 640, 480, 300, 200, 0.04));
    for (const char* name : {"grey.png", "deep.png", "tiny.png"}) {
        const auto r = run_command(cli_path() + " landmarks " + dir_ + "/" + name + " --json -");
        EXPECT_EQ(r.exit_code, 0) << name << ": " << r.err;
        const auto j = nlohmann::json::parse(r.out);
        ASSERT_EQ(j.at("frames").size(), 1u) << name;
        if (std::string(name) != "tiny.png") {
            EXPECT_TRUE(j.at("frames")[0].at("face").get<bool>()) << name;
        }
    }
}

TEST(CliLandmarksErrors, BadInputAndUsage) {
    const std::string dir = test::scratch_dir("cli_landmarks_errors");
    std::ofstream(dir + "/notes.mp4") << "text";
    auto r = run_command(cli_path() + " landmarks " + dir + "/notes.mp4");
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("notes.mp4"), std::string::npos);
    r = run_command(cli_path() + " landmarks " + dir + "/notes.mp4 --every 0");
    EXPECT_EQ(r.exit_code, 1) << r.err;
    r = run_command(cli_path() + " landmarks");
    EXPECT_EQ(r.exit_code, 1) << r.err;
}

}  // namespace
}  // namespace likeness
