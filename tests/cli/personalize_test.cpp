// likeness personalize / track / export on a short clip of a real face (the demo photo moving
// across a grey frame, a second with a blank wall in the middle): the session is written, the
// report lists the frame without a face, export reads the session, track writes a take; a
// video without a face is a clear error.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/cli/face_clip.hpp"
#include "tests/support/face_images.hpp"
#include "tests/support/test_paths.hpp"

namespace likeness {
namespace {

using test::cli_path;
using test::run_command;

class CliPersonalize : public ::testing::Test {
  protected:
    void SetUp() override {
        std::string why;
        face_ = test::demo_face(&why);
        if (!face_) GTEST_SKIP() << why;
        dir_ = test::scratch_dir("cli_personalize");
    }
    /// A 6-frame clip; frame 3 shows no face when `gap`.
    std::string clip(const std::string& name, bool gap, bool faces = true) {
        const std::string path = dir_ + "/" + name;
        test::FaceClip c;
        c.gap_frame = gap ? 3 : -1;
        c.faces = faces;
        test::write_face_clip(path, *face_, c);
        return path;
    }
    std::optional<cv::Mat> face_;
    std::string dir_;
};

TEST_F(CliPersonalize, SessionTakeAndExport) {
    const std::string video = clip("clip.avi", true);
    const std::string session = dir_ + "/s.likeness";
    // Run from the clip's folder with relative paths (the session must still find its video).
    auto r = run_command("cd " + dir_ + " && " + cli_path() +
                         " personalize clip.avi --out s.likeness --quick --frames 2 --json "
                         "report.json");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    ASSERT_TRUE(std::filesystem::exists(session));
    std::ifstream in(dir_ + "/report.json");
    const nlohmann::json report = nlohmann::json::parse(in);
    EXPECT_EQ(report.at("frames"), 6);
    // The session records where its video is, whatever folder the command ran in.
    const std::filesystem::path recorded = report.at("input").get<std::string>();
    std::error_code ec;
    EXPECT_TRUE(recorded.is_absolute() && std::filesystem::equivalent(recorded, video, ec))
        << recorded;
    EXPECT_EQ(report.at("frames_with_face"), 5);
    EXPECT_EQ(report.at("frames_without_face"), nlohmann::json::array({3}));
    ASSERT_GE(report.at("stages").size(), 2u);
    const auto& stages = report.at("stages");
    EXPECT_LT(stages.back().at("photometric_error").get<double>(),
              stages.front().at("photometric_error").get<double>());
    for (const char* key : {"landmarks", "modeling", "tracking"})
        EXPECT_GE(report.at("seconds").at(key).get<double>(), 0.0);

    r = run_command(cli_path() + " export " + session + " --format glb --out " + dir_ + "/p.glb");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("52 shapes"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("6 frames"), std::string::npos) << r.out;
    r = run_command(cli_path() + " export " + session + " --format csv --out " + dir_ + "/p.csv");
    ASSERT_EQ(r.exit_code, 0) << r.err;

    r = run_command(cli_path() + " track " + clip("other.avi", false) + " --model " + session +
                    " --out " + dir_ + "/take.json");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::ifstream take(dir_ + "/take.json");
    const nlohmann::json t = nlohmann::json::parse(take);
    EXPECT_EQ(t.at("frame_count"), 6);
}

TEST_F(CliPersonalize, AGivenLensIsKept) {
    const std::string video = clip("lens.avi", false);
    auto r = run_command(cli_path() + " personalize " + video + " --out " + dir_ +
                         "/lens.likeness --quick --frames 2 --focal-factor 1.5 --json " + dir_ +
                         "/lens.json");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::ifstream in(dir_ + "/lens.json");
    const nlohmann::json report = nlohmann::json::parse(in);
    const double longer =
        std::max(report.at("width").get<double>(), report.at("height").get<double>());
    EXPECT_NEAR(report.at("focal_px").get<double>(), 1.5 * longer, 1e-3 * longer);
}

TEST_F(CliPersonalize, BadInputIsReported) {
    auto r = run_command(cli_path() + " personalize " + clip("wall.avi", false, false) + " --out " +
                         dir_ + "/w.likeness --quick");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("no face"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir_ + "/w.likeness"));
    r = run_command(cli_path() + " personalize " + dir_ + "/missing.mp4 --out " + dir_ +
                    "/m.likeness");
    EXPECT_EQ(r.exit_code, 2);
    for (const char* args :
         {"personalize", "personalize x.mp4", "personalize x.mp4 --out s.likeness --ablation Z",
          "personalize x.mp4 --out s.likeness --frames 0",
          "personalize x.mp4 --out s.likeness --focal-factor 0",
          "personalize x.mp4 --out s.likeness --focal-factor wide", "track x.mp4 --out t.json",
          "track x.mp4 --model s.likeness --out t.json --focal-factor 50"}) {
        r = run_command(cli_path() + " " + args);
        EXPECT_EQ(r.exit_code, 1) << args << ": " << r.err;
    }
    std::ofstream(dir_ + "/junk.likeness") << "not a session";
    r = run_command(cli_path() + " track " + clip("c2.avi", false) + " --model " + dir_ +
                    "/junk.likeness --out " + dir_ + "/t.json");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("not a Likeness project file"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace likeness
