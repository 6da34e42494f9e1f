// likeness personalize --template ict:DIR: the ICT-FaceKit prior is built and used, the report
// and the session record it; a missing folder is a bad input, a malformed spec a usage error.
#include <gtest/gtest.h>

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

class CliPersonalizeIct : public ::testing::Test {
  protected:
    void SetUp() override {
        std::string why;
        face_ = test::demo_face(&why);
        if (!face_) GTEST_SKIP() << why;
        dir_ = test::scratch_dir("cli_personalize_ict");
        video_ = dir_ + "/clip.avi";
        test::write_face_clip(video_, *face_, test::FaceClip{});
    }
    std::optional<cv::Mat> face_;
    std::string dir_, video_;
};

TEST_F(CliPersonalizeIct, UsesAndRecordsTheIctTemplate) {
    const auto ict = test::shared_file("data/ict-facekit");
    if (!ict) GTEST_SKIP() << test::missing_shared_message("data/ict-facekit");
    const std::string session = dir_ + "/s.likeness";
    auto r = run_command(cli_path() + " personalize " + video_ + " --out " + session +
                         " --quick --frames 2 --template ict:" + *ict + " --json " + dir_ +
                         "/report.json");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("tongueOut"), std::string::npos) << "says which shape stays builtin";
    std::ifstream in(dir_ + "/report.json");
    const nlohmann::json report = nlohmann::json::parse(in);
    const nlohmann::json& t = report.at("template");
    EXPECT_EQ(t.at("kind"), "ict");
    EXPECT_EQ(t.at("builtin_shapes"), nlohmann::json::array({"tongueOut"}));
    EXPECT_EQ(t.at("ict_shapes").size(), 51u);
    EXPECT_LT(t.at("registration").at("mean_surface_distance_mm").get<double>(), 0.5);
    EXPECT_GT(t.at("seconds").get<double>(), 0.0);
    EXPECT_EQ(report.at("frames_with_face"), 6);

    // The session records its prior and reopens without it (export reads the model alone).
    r = run_command(cli_path() + " export " + session + " --format obj --out " + dir_ + "/rig");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::ifstream bytes(session, std::ios::binary);
    const std::string file((std::istreambuf_iterator<char>(bytes)), {});
    EXPECT_NE(file.find("\"template\":\"ict:"), std::string::npos);
}

TEST_F(CliPersonalizeIct, RefusesAMissingFolderOrABadSpec) {
    const std::string missing = dir_ + "/no-such-ict";
    auto r = run_command(cli_path() + " personalize " + video_ + " --out " + dir_ +
                         "/x.likeness --quick --frames 1 --template ict:" + missing);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find(missing), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("not found"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir_ + "/x.likeness"));

    r = run_command(cli_path() + " personalize " + video_ + " --out " + dir_ +
                    "/x.likeness --template ict:");
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find("ict:DIR"), std::string::npos) << r.err;
    r = run_command(cli_path() + " personalize " + video_ + " --out " + dir_ +
                    "/x.likeness --template flame");
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find("builtin or ict:DIR"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace likeness
