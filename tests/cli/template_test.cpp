// End-to-end: `likeness template` writes a rig a person can open, and reports bad input.
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

int count_lines_starting(const std::string& path, const std::string& prefix) {
    std::ifstream in(path);
    int n = 0;
    for (std::string line; std::getline(in, line);)
        n += line.rfind(prefix, 0) == 0;
    return n;
}

TEST(CliTemplate, WritesObjsMasksMapsAndAReport) {
    std::string why;
    if (!models_installed(&why)) GTEST_SKIP() << why;
    const std::string dir = test::scratch_dir("cli_template");
    const auto r =
        run_command(cli_path() + " template --out " + dir + "/rig --json " + dir + "/report.json");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("52 ARKit blend shapes"), std::string::npos) << r.out;
    const auto report = nlohmann::json::parse(std::ifstream(dir + "/report.json"));
    const int vertices = report.at("vertices");
    EXPECT_GE(vertices, 7000);
    ASSERT_EQ(report.at("shapes").size(), 52u);
    for (const auto& s : report.at("shapes")) {
        const std::string name = s.at("name");
        const std::string obj = dir + "/rig/shapes/" + name + ".obj";
        ASSERT_TRUE(fs::exists(obj)) << obj;
        EXPECT_TRUE(fs::exists(dir + "/rig/masks/" + name + ".png")) << name;
        if (s.contains("mirror_error_cm")) {
            EXPECT_LT(s.at("mirror_error_cm").get<double>(), 1e-3) << name;
        }
    }
    // Every OBJ is a complete mesh with UVs any viewer opens.
    const std::string neutral = dir + "/rig/neutral.obj";
    EXPECT_EQ(count_lines_starting(neutral, "v "), vertices);
    EXPECT_EQ(count_lines_starting(neutral, "vt "), vertices);
    EXPECT_EQ(count_lines_starting(neutral, "f "), report.at("triangles").get<int>());
    EXPECT_EQ(count_lines_starting(dir + "/rig/shapes/jawOpen.obj", "v "), vertices);
    for (const char* png : {"parsing_map.png", "parsing_preview.png", "neutral.png", "neutral.mtl"})
        EXPECT_TRUE(fs::exists(dir + "/rig/" + png)) << png;
    EXPECT_TRUE(fs::exists(dir + "/rig/report.json"));
}

TEST(CliTemplate, UsageErrorsExitOne) {
    for (const char* args : {"template", "template --frobnicate", "template extra --out x"}) {
        const auto r = run_command(cli_path() + " " + args);
        EXPECT_EQ(r.exit_code, 1) << args << ": " << r.err;
        EXPECT_NE(r.err.find("Usage"), std::string::npos) << r.err;
    }
}

TEST(CliTemplate, BrokenRecipeFileExitsTwoNamingIt) {
    std::string why;
    if (!models_installed(&why)) GTEST_SKIP() << why;
    const std::string dir = test::scratch_dir("cli_template_bad");
    std::ofstream(dir + "/arkit_shapes.json") << "{ \"regions\": {}, \"shapes\": {} }";
    const auto r = run_command("LIKENESS_TEMPLATE_RESOURCES=" + dir + " " + cli_path() +
                               " template --out " + dir + "/rig");
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("arkit_shapes.json"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("eyeBlinkLeft"), std::string::npos) << r.err;
}

TEST(CliTemplate, MissingIctFolderExitsTwo) {
    std::string why;
    if (!models_installed(&why)) GTEST_SKIP() << why;
    const std::string dir = test::scratch_dir("cli_template_ict");
    const auto r = run_command(cli_path() + " template --out " + dir + "/rig --compare-ict " + dir +
                               "/nothing-here");
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("nothing-here"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace likeness
