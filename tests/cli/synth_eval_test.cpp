// End-to-end: `likeness synth` writes a sequence with its ground truth, `likeness eval` scores
// the truth (zero), the template (not zero) and a front end's landmarks, and both commands
// report bad input.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "engine/io/model_paths.hpp"
#include "tests/support/test_paths.hpp"

namespace likeness {
namespace {

namespace fs = std::filesystem;
using test::cli_path;
using test::run_command;

bool models_installed(std::string* why) {
    try {
        io::find_models();
        return true;
    } catch (const io::ModelsNotFound& e) {
        *why = e.what();
        return false;
    }
}

nlohmann::json read_json(const std::string& path) {
    std::ifstream in(path);
    return nlohmann::json::parse(in);
}

TEST(CliSynthEval, SynthesizesAndScores) {
    std::string why;
    if (!models_installed(&why)) GTEST_SKIP() << why;
    const std::string dir = test::scratch_dir("cli_synth");
    const std::string gt = dir + "/gt";
    auto r = run_command(
        cli_path() + " synth --subject 7 --frames 6 --size 320x240 --albedo template --out " + gt);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("subject   7"), std::string::npos) << r.out;
    for (const char* f :
         {"video.avi", "ground_truth.json", "subject.bin", "take.json", "landmarks.json"})
        EXPECT_TRUE(fs::exists(gt + "/" + f)) << f;
    const nlohmann::json head = read_json(gt + "/ground_truth.json");
    EXPECT_EQ(head["frame_count"], 6);
    EXPECT_EQ(head["frames"][0]["landmarks68"].size(), 68u);

    r = run_command(cli_path() + " eval --gt " + gt + " --truth --landmarks " + gt +
                    "/landmarks.json --json " + dir + "/truth.json");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const nlohmann::json truth = read_json(dir + "/truth.json");
    EXPECT_LT(truth["reconstruction"]["surface_mm"]["mean"].get<double>(), 1e-3);
    EXPECT_EQ(truth["reconstruction"]["weight_mae"].get<double>(), 0.0);
    EXPECT_EQ(truth["front_end"]["detection_rate"].get<double>(), 1.0) << "true landmarks";
    EXPECT_LT(truth["front_end"]["nme_percent"]["mean"].get<double>(), 0.01);

    r = run_command(cli_path() + " eval --gt " + gt + " --take " + gt +
                    "/take.json --rig template --lighting truth --json " + dir + "/template.json");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const nlohmann::json tmpl = read_json(dir + "/template.json");
    EXPECT_GT(tmpl["reconstruction"]["surface_mm"]["mean"].get<double>(), 0.3);
    EXPECT_FALSE(tmpl["reconstruction"]["photometric"].is_null());

    // Same seed, same subject.
    r = run_command(cli_path() +
                    " synth --subject 7 --frames 2 --size 320x240 --albedo template --out " + dir +
                    "/again");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const nlohmann::json again = read_json(dir + "/again/ground_truth.json");
    EXPECT_EQ(again["frames"][1]["w"], head["frames"][1]["w"]);
    EXPECT_EQ(again["frames"][1]["landmarks68"], head["frames"][1]["landmarks68"]);
}

TEST(CliSynthEval, ReportsBadInput) {
    auto r = run_command(cli_path() + " synth --frames 3");
    EXPECT_EQ(r.exit_code, 1) << "--out is required";
    r = run_command(cli_path() + " synth --out /tmp/x --identity ict");
    EXPECT_EQ(r.exit_code, 1) << "ict needs --ict";
    EXPECT_NE(r.err.find("--ict"), std::string::npos);
    r = run_command(cli_path() + " eval --gt " + test::scratch_dir("cli_eval_empty") + " --truth");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("ground_truth.json"), std::string::npos) << r.err;
    r = run_command(cli_path() + " eval --truth");
    EXPECT_EQ(r.exit_code, 1);
    r = run_command(cli_path() + " eval --gt x --session s.likeness --truth");
    EXPECT_EQ(r.exit_code, 1) << "one source only";
}

}  // namespace
}  // namespace likeness
