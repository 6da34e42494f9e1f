#include "engine/io/video_source.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "tests/support/synthetic_video.hpp"
#include "tests/support/test_paths.hpp"

namespace likeness::io {
namespace {
namespace fs = std::filesystem;
using test::pattern_frame;

constexpr int kFrames = 40;
const cv::Size kSize(160, 120);

// Mean absolute difference between two RGB frames, in grey levels.
double mean_abs_diff(const cv::Mat& a, const cv::Mat& b) {
    cv::Mat d;
    cv::absdiff(a, b, d);
    const cv::Scalar m = cv::mean(d);
    return (m[0] + m[1] + m[2]) / 3.0;
}

VideoError::Kind error_kind(const std::string& input) {
    try {
        VideoSource::open(input);
    } catch (const VideoError& e) {
        EXPECT_FALSE(std::string(e.what()).empty());
        return e.kind();
    }
    ADD_FAILURE() << "no error opening " << input;
    return VideoError::Kind::BadSeek;
}

class VideoFileTest : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        dir_ = test::scratch_dir("video_" + GetParam());
        path_ = dir_ + (GetParam() == "MJPG" ? "/clip.avi" : "/clip.mp4");
        if (!test::write_pattern_video(path_, GetParam(), kFrames, 25.0, kSize))
            GTEST_SKIP() << "this OpenCV build cannot write " << GetParam();
    }
    std::string dir_, path_;
};

TEST_P(VideoFileTest, ReportsInfoAndStreamsEveryFrame) {
    auto source = VideoSource::open(path_);
    const VideoInfo& info = source->info();
    EXPECT_EQ(info.kind, SourceKind::VideoFile);
    EXPECT_EQ(info.width, kSize.width);
    EXPECT_EQ(info.height, kSize.height);
    EXPECT_NEAR(info.fps, 25.0, 1e-6);
    EXPECT_TRUE(info.fps_known);
    EXPECT_FALSE(info.codec.empty());

    Frame frame;
    int n = 0;
    while (source->read(frame)) {
        ASSERT_EQ(frame.index, n);
        ASSERT_EQ(frame.rgb.type(), CV_8UC3);
        ASSERT_TRUE(frame.rgb.isContinuous());
        EXPECT_NEAR(frame.time_s, n / 25.0, 1e-9);
        // Lossy codecs: the decoded frame is close to what was written, in RGB order.
        EXPECT_LT(mean_abs_diff(frame.rgb, pattern_frame(n, kSize)), 12.0) << "frame " << n;
        ++n;
    }
    EXPECT_EQ(n, kFrames);
    EXPECT_EQ(source->count_frames(), kFrames);
    EXPECT_TRUE(source->info().frame_count_exact);
}

TEST_P(VideoFileTest, SeeksToTheSameFramesAsSequentialReading) {
    auto source = VideoSource::open(path_);
    std::vector<cv::Mat> sequential;
    Frame frame;
    while (source->read(frame))
        sequential.push_back(frame.rgb.clone());
    ASSERT_EQ(static_cast<int>(sequential.size()), kFrames);

    for (int index : {30, 3, 0, 39, 17, 18, 5}) {
        source->seek(index);
        EXPECT_EQ(source->position(), index);
        ASSERT_TRUE(source->read(frame)) << "frame " << index;
        EXPECT_EQ(frame.index, index);
        EXPECT_LT(mean_abs_diff(frame.rgb, sequential[index]), 0.5) << "frame " << index;
    }
    EXPECT_THROW(source->seek(-1), VideoError);
    EXPECT_THROW(source->seek(kFrames), VideoError);
}

TEST_P(VideoFileTest, CountingDoesNotMoveTheReadPosition) {
    auto source = VideoSource::open(path_);
    Frame frame;
    ASSERT_TRUE(source->read(frame));
    ASSERT_TRUE(source->read(frame));
    EXPECT_EQ(source->count_frames(), kFrames);
    ASSERT_TRUE(source->read(frame));
    EXPECT_EQ(frame.index, 2);
}

TEST_P(VideoFileTest, CountingIsCancellable) {
    auto source = VideoSource::open(path_);
    std::atomic<bool> cancel{true};
    EXPECT_THROW(source->count_frames(core::Progress({}, &cancel)), core::Cancelled);
}

TEST_P(VideoFileTest, TruncatedFileGivesGoodFramesOrAClearError) {
    const std::string cut = dir_ + "/cut" + fs::path(path_).extension().string();
    test::truncate_copy(path_, cut, 0.5);
    std::unique_ptr<VideoSource> source;
    try {
        source = VideoSource::open(cut);
    } catch (const VideoError& e) {
        // mp4 keeps its index at the end: without it nothing decodes.
        EXPECT_EQ(e.kind(), VideoError::Kind::Corrupt) << e.what();
        return;
    }
    Frame frame;
    int good = 0;
    try {
        while (source->read(frame)) {
            EXPECT_LT(mean_abs_diff(frame.rgb, pattern_frame(good, kSize)), 12.0);
            ++good;
        }
        FAIL() << "a half file ended without an error after " << good << " frames";
    } catch (const VideoError& e) {
        EXPECT_EQ(e.kind(), VideoError::Kind::Truncated) << e.what();
        EXPECT_NE(std::string(e.what()).find(std::to_string(good)), std::string::npos);
    }
    EXPECT_GT(good, 5);
    EXPECT_LT(good, kFrames);
    EXPECT_FALSE(source->read(frame)) << "reads after the break return false";
}

TEST_P(VideoFileTest, DamagedHeaderIsCorrupt) {
    const std::string bad = dir_ + "/bad" + fs::path(path_).extension().string();
    test::corrupt_copy(path_, bad, 0.0, 4096);
    // The first bytes are noise now: it is either "not a video" or "corrupt", never a crash.
    try {
        auto source = VideoSource::open(bad);
        Frame frame;
        while (source->read(frame)) {
        }
    } catch (const VideoError& e) {
        EXPECT_TRUE(e.kind() == VideoError::Kind::NotVideo ||
                    e.kind() == VideoError::Kind::Corrupt ||
                    e.kind() == VideoError::Kind::Truncated)
            << e.what();
    }
}

// Overwrites a little-endian 32-bit field `offset` bytes into the data of the first `chunk`.
void patch_avi_field(const std::string& path, const std::string& chunk, size_t offset,
                     uint32_t value) {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(f)), {});
    const size_t at = bytes.find(chunk);
    ASSERT_NE(at, std::string::npos) << chunk;
    f.seekp(static_cast<std::streamoff>(at + 8 + offset));
    const char le[4] = {static_cast<char>(value & 0xFF), static_cast<char>((value >> 8) & 0xFF),
                        static_cast<char>((value >> 16) & 0xFF),
                        static_cast<char>((value >> 24) & 0xFF)};
    f.write(le, 4);
}

TEST(VideoSourceLyingHeaders, OverstatedFrameCountIsMeasuredAndReported) {
    // OpenCV's FFmpeg backend stops at a header's frame count, so an understated count cannot
    // be seen past; an overstated one (a damaged or lying header) must not invent frames.
    const std::string dir = test::scratch_dir("video_lying_count");
    const std::string clip = dir + "/clip.avi";
    ASSERT_TRUE(test::write_pattern_video(clip, "MJPG", kFrames, 25.0, kSize));
    patch_avi_field(clip, "avih", 16, 100);  // dwTotalFrames
    patch_avi_field(clip, "strh", 32, 100);  // dwLength of the video stream
    auto source = VideoSource::open(clip);
    EXPECT_EQ(source->info().declared_frame_count, 100);
    EXPECT_FALSE(source->info().frame_count_exact);
    EXPECT_EQ(source->count_frames(), kFrames);
    EXPECT_TRUE(source->info().frame_count_exact);
    Frame frame;
    int n = 0;
    while (source->read(frame))
        ++n;  // the count is known now: a clean end, no error
    EXPECT_EQ(n, kFrames);

    auto unmeasured = VideoSource::open(clip);  // not counted: the shortfall is an error
    n = 0;
    EXPECT_THROW(
        {
            while (unmeasured->read(frame))
                ++n;
        },
        VideoError);
    EXPECT_EQ(n, kFrames);
}

TEST(VideoSourceLyingHeaders, ZeroFrameRateFallsBackToAPlausibleOne) {
    const std::string dir = test::scratch_dir("video_lying_fps");
    const std::string clip = dir + "/clip.avi";
    ASSERT_TRUE(test::write_pattern_video(clip, "MJPG", kFrames, 25.0, kSize));
    patch_avi_field(clip, "avih", 0, 0);   // dwMicroSecPerFrame
    patch_avi_field(clip, "strh", 20, 1);  // dwScale
    patch_avi_field(clip, "strh", 24, 0);  // dwRate: 0 frames per second
    std::unique_ptr<VideoSource> source;
    try {
        source = VideoSource::open(clip);
    } catch (const VideoError& e) {
        FAIL() << "a zero frame rate must not make the file unreadable: " << e.what();
    }
    EXPECT_GE(source->info().fps, 1.0);
    EXPECT_LE(source->info().fps, 1000.0);
    Frame frame;
    int n = 0;
    while (source->read(frame)) {
        EXPECT_TRUE(std::isfinite(frame.time_s));
        ++n;
    }
    EXPECT_EQ(n, kFrames);
}

INSTANTIATE_TEST_SUITE_P(Codecs, VideoFileTest, ::testing::Values("mp4v", "MJPG"));

TEST(VideoSourceErrors, DistinctKindsForDistinctProblems) {
    const std::string dir = test::scratch_dir("video_errors");
    EXPECT_EQ(error_kind(dir + "/nope.mp4"), VideoError::Kind::Missing);

    std::ofstream(dir + "/empty.mp4").close();
    EXPECT_EQ(error_kind(dir + "/empty.mp4"), VideoError::Kind::Empty);

    std::ofstream(dir + "/notes.mp4") << "these are my notes, not a video\n";
    EXPECT_EQ(error_kind(dir + "/notes.mp4"), VideoError::Kind::NotVideo);

    // An mp4 signature followed by garbage.
    std::ofstream(dir + "/broken.mp4", std::ios::binary) << std::string(
                                                                "\0\0\0\x18"
                                                                "ftypisom",
                                                                12)
                                                         << std::string(5000, '\x5a');
    EXPECT_EQ(error_kind(dir + "/broken.mp4"), VideoError::Kind::Corrupt);

    fs::create_directories(dir + "/no_images");
    std::ofstream(dir + "/no_images/readme.txt") << "x";
    EXPECT_EQ(error_kind(dir + "/no_images"), VideoError::Kind::Empty);

    if (::geteuid() != 0) {  // root reads anything
        std::ofstream(dir + "/locked.mp4") << "x";
        ::chmod((dir + "/locked.mp4").c_str(), 0);
        EXPECT_EQ(error_kind(dir + "/locked.mp4"), VideoError::Kind::Unreadable);
    }
    EXPECT_EQ(error_kind("camera:97"), VideoError::Kind::NoCamera);
    EXPECT_EQ(error_kind("camera:x"), VideoError::Kind::NoCamera);
}

TEST(VideoSourceImages, SingleImageOfAnyDepthBecomesRgb8) {
    const std::string dir = test::scratch_dir("video_images");
    const cv::Mat rgb = pattern_frame(3, kSize);
    cv::Mat bgr, grey, deep;
    cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
    cv::cvtColor(bgr, grey, cv::COLOR_BGR2GRAY);
    bgr.convertTo(deep, CV_16U, 257.0);
    ASSERT_TRUE(cv::imwrite(dir + "/colour.png", bgr));
    ASSERT_TRUE(cv::imwrite(dir + "/grey.png", grey));
    ASSERT_TRUE(cv::imwrite(dir + "/deep.png", deep));

    for (const char* name : {"colour.png", "grey.png", "deep.png"}) {
        auto source = VideoSource::open(dir + "/" + name);
        EXPECT_EQ(source->info().kind, SourceKind::Image);
        EXPECT_EQ(source->info().frame_count, 1);
        EXPECT_TRUE(source->info().frame_count_exact);
        Frame frame;
        ASSERT_TRUE(source->read(frame)) << name;
        EXPECT_EQ(frame.rgb.type(), CV_8UC3);
        EXPECT_EQ(frame.rgb.size(), kSize);
        EXPECT_FALSE(source->read(frame));
        if (std::string(name) != "grey.png") {
            EXPECT_LT(mean_abs_diff(frame.rgb, rgb), 0.6) << name;
        }
    }
}

TEST(VideoSourceImages, FolderStreamsInNaturalOrderAndSkipsBadImages) {
    const std::string dir = test::scratch_dir("video_folder");
    cv::Mat bgr;
    for (int i : {1, 2, 10, 11}) {
        cv::cvtColor(pattern_frame(i, kSize), bgr, cv::COLOR_RGB2BGR);
        ASSERT_TRUE(cv::imwrite(dir + "/f" + std::to_string(i) + ".png", bgr));
    }
    std::ofstream(dir + "/f3.png") << "not really a png";
    std::ofstream(dir + "/notes.txt") << "ignored";

    auto source = VideoSource::open(dir);
    EXPECT_EQ(source->info().kind, SourceKind::ImageFolder);
    EXPECT_EQ(source->info().frame_count, 5);
    Frame frame;
    std::vector<int> pattern_ids;
    int errors = 0;
    for (;;) {
        try {
            if (!source->read(frame)) break;
            for (int i : {1, 2, 10, 11})
                if (mean_abs_diff(frame.rgb, pattern_frame(i, kSize)) < 0.5)
                    pattern_ids.push_back(i);
        } catch (const VideoError& e) {
            EXPECT_EQ(e.kind(), VideoError::Kind::NotVideo) << e.what();
            EXPECT_NE(std::string(e.what()).find("f3.png"), std::string::npos);
            ++errors;
        }
    }
    EXPECT_EQ(pattern_ids, (std::vector<int>{1, 2, 10, 11}));
    EXPECT_EQ(errors, 1);
    source->seek(3);
    ASSERT_TRUE(source->read(frame));
    EXPECT_LT(mean_abs_diff(frame.rgb, pattern_frame(10, kSize)), 0.5);
    EXPECT_THROW(source->seek(5), VideoError);
}

TEST(VideoSourceImages, TooLargeImageIsRefusedClearly) {
    const std::string dir = test::scratch_dir("video_huge");
    // Wider than Likeness handles (cheap to write: one row).
    cv::Mat huge(1, kMaxFrameSide + 8, CV_8UC1, cv::Scalar(0));
    ASSERT_TRUE(cv::imwrite(dir + "/wide.png", huge));
    EXPECT_EQ(error_kind(dir + "/wide.png"), VideoError::Kind::TooLarge);
}

TEST(VideoSourceShared, SharedClipHas78FramesAt25Fps) {
    const auto clip = test::shared_file("data/video/d0.mp4");
    if (!clip) GTEST_SKIP() << test::missing_shared_message("data/video/d0.mp4");
    auto source = VideoSource::open(*clip);
    EXPECT_EQ(source->info().width, 512);
    EXPECT_NEAR(source->info().fps, 25.0, 1e-6);
    EXPECT_EQ(source->count_frames(), 78);
}

}  // namespace
}  // namespace likeness::io
