// End-to-end: the `likeness` binary's probe command, help, version and exit codes.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/support/synthetic_video.hpp"
#include "tests/support/test_paths.hpp"

namespace likeness {
namespace {

using test::cli_path;
using test::run_command;

TEST(CliProbe, PrintsJsonForAVideo) {
    const std::string dir = test::scratch_dir("cli_probe");
    const std::string clip = dir + "/clip.avi";
    ASSERT_TRUE(test::write_pattern_video(clip, "MJPG", 30, 30.0, cv::Size(96, 64)));
    const auto r = run_command(cli_path() + " probe " + clip + " --json");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j.at("width"), 96);
    EXPECT_EQ(j.at("height"), 64);
    EXPECT_DOUBLE_EQ(j.at("fps").get<double>(), 30.0);
    EXPECT_EQ(j.at("frames"), 30);
    EXPECT_NEAR(j.at("duration_s").get<double>(), 1.0, 1e-9);
    EXPECT_EQ(j.at("codec"), "MJPG");
}

TEST(CliProbe, SharedClipD0Has78FramesAt25Fps) {
    const auto clip = test::shared_file("data/video/d0.mp4");
    if (!clip) GTEST_SKIP() << test::missing_shared_message("data/video/d0.mp4");
    const auto r = run_command(cli_path() + " probe " + *clip + " --json");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j.at("frames"), 78);
    EXPECT_DOUBLE_EQ(j.at("fps").get<double>(), 25.0);
    EXPECT_EQ(j.at("width"), 512);
    EXPECT_EQ(j.at("height"), 512);
}

TEST(CliProbe, BadInputExitsTwoWithAMessage) {
    const std::string dir = test::scratch_dir("cli_probe_bad");
    std::ofstream(dir + "/text.mp4") << "hello";
    for (const std::string& input : {dir + "/missing.mp4", dir + "/text.mp4"}) {
        const auto r = run_command(cli_path() + " probe " + input + " --json");
        EXPECT_EQ(r.exit_code, 2) << input;
        EXPECT_TRUE(r.out.empty()) << r.out;
        EXPECT_NE(r.err.find(input), std::string::npos) << r.err;
    }
}

TEST(CliProbe, UsageErrorsExitOne) {
    for (const char* args : {"", "probe", "probe a b", "probe --frobnicate x", "nosuchcmd"}) {
        const auto r = run_command(cli_path() + " " + std::string(args));
        EXPECT_EQ(r.exit_code, 1) << "'" << args << "': " << r.err;
        EXPECT_FALSE(r.err.empty());
    }
}

TEST(CliProbe, HelpAndVersion) {
    auto r = run_command(cli_path() + " --help");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("probe"), std::string::npos);
    r = run_command(cli_path() + " probe --help");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("--json"), std::string::npos);
    r = run_command(cli_path() + " --version");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.out.rfind("likeness ", 0), 0u) << r.out;
}

}  // namespace
}  // namespace likeness
