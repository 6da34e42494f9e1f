// End-to-end: `likeness retarget` drives characters in every import format, reports mapped /
// unmatched channels and unused shapes, makes shapes by deformation transfer, and turns bad
// input into exit codes with messages a user can act on.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "engine/eval/synthetic_take.hpp"
#include "engine/io/blendshape_import.hpp"
#include "engine/io/model_paths.hpp"
#include "engine/io/rig_export.hpp"
#include "engine/io/take_json.hpp"
#include "tests/engine/io/export_fixture.hpp"
#include "tests/support/test_paths.hpp"

namespace likeness {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
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

std::string write_take(const std::string& dir) {
    eval::SyntheticTakeOptions o;
    o.seconds = 1.0;
    o.fps = 30.0;
    io::write_take_json(eval::synthetic_take(o), dir + "/take.json");
    return dir + "/take.json";
}

json read_json(const std::string& path) {
    std::ifstream in(path);
    return json::parse(in);
}

TEST(CliRetarget, GridCharacterWithArkitNamesMapsAllAndExportsAnimated) {
    const std::string dir = test::scratch_dir("cli_retarget_grid");
    const std::string take = write_take(dir);
    const core::BlendshapeRig grid = test::grid_rig(8);
    io::ExportRequest r;
    r.format = io::ExportFormat::kFbx;
    r.rig = &grid;
    r.path = dir + "/grid.fbx";
    io::export_files(r);
    const auto res = run_command(cli_path() + " retarget --take " + take + " --to " + dir +
                                 "/grid.fbx --out " + dir + "/out.glb --json " + dir +
                                 "/report.json --save-map " + dir + "/map.json --intensity 0.8");
    ASSERT_EQ(res.exit_code, 0) << res.err;
    EXPECT_NE(res.out.find("mapped 52 of 52"), std::string::npos) << res.out;
    const json report = read_json(dir + "/report.json");
    EXPECT_EQ(report["mapped_channels"], 52);
    EXPECT_TRUE(report["unmatched_channels"].empty());
    EXPECT_EQ(report["target_shapes"].size(), 52u);
    EXPECT_EQ(report["output"]["format"], "glb");
    const io::ImportedBlendshapeRig back = io::import_blendshape_rig(dir + "/out.glb");
    EXPECT_EQ(back.rig.shape_count(), 52);
    ASSERT_FALSE(back.animations.empty());
    EXPECT_EQ(back.animations[0].morph_keys, 30);

    // The saved map, edited by hand, drives the next run.
    json map = read_json(dir + "/map.json");
    EXPECT_FLOAT_EQ(map["controls"]["intensity"].get<float>(), 0.8f);
    for (json& e : map["channels"])
        if (e["channel"] == "jawOpen") e["targets"] = json::array();
    std::ofstream(dir + "/edited.json") << map.dump();
    const auto again =
        run_command(cli_path() + " retarget --take " + take + " --to " + dir + "/grid.fbx --map " +
                    dir + "/edited.json --out " + dir + "/out.csv --json -");
    ASSERT_EQ(again.exit_code, 0) << again.err;
    const json r2 = json::parse(again.out.substr(again.out.find('{')));
    EXPECT_EQ(r2["mapped_channels"], 51);
    EXPECT_EQ(r2["unmatched_channels"], json::array({"jawOpen"}));
    EXPECT_EQ(r2["unused_shapes"], json::array({"jawOpen"}));
    EXPECT_TRUE(fs::exists(dir + "/out.csv"));
}

TEST(CliRetarget, TemplateGltfMapsFiftyTwo) {
    std::string why;
    if (!models_installed(&why)) GTEST_SKIP() << why;
    const std::string dir = test::scratch_dir("cli_retarget_template_gltf");
    const std::string take = write_take(dir);
    auto res =
        run_command(cli_path() + " export template --format gltf --out " + dir + "/template.gltf");
    ASSERT_EQ(res.exit_code, 0) << res.err;
    res = run_command(cli_path() + " retarget --take " + take + " --to " + dir +
                      "/template.gltf --out " + dir + "/puppet.fbx --json " + dir + "/r.json");
    ASSERT_EQ(res.exit_code, 0) << res.err;
    const json report = read_json(dir + "/r.json");
    EXPECT_EQ(report["mapped_channels"], 52);
    for (const json& c : report["channels"])
        EXPECT_EQ(c["match"], "exact") << c.dump();
    EXPECT_TRUE(report["unused_shapes"].empty());
    std::printf("template glTF as a character: %d of 52 channels mapped\n",
                report["mapped_channels"].get<int>());
}

TEST(CliRetarget, IctFolderMapsFiftyOneAndTransferFillsTheTongue) {
    const auto ict = test::shared_file("data/ict-facekit");
    if (!ict) GTEST_SKIP() << test::missing_shared_message("data/ict-facekit");
    const std::string dir = test::scratch_dir("cli_retarget_ict");
    const std::string take = write_take(dir);
    auto res = run_command(cli_path() + " retarget --take " + take + " --to " + *ict + " --out " +
                           dir + "/ict.glb --no-texture --json " + dir + "/r.json");
    ASSERT_EQ(res.exit_code, 0) << res.err;
    json report = read_json(dir + "/r.json");
    EXPECT_EQ(report["mapped_channels"], 51);
    EXPECT_EQ(report["unmatched_channels"], json::array({"tongueOut"}));
    EXPECT_EQ(report["unused_shapes"].size(), 4u);
    std::printf("ICT folder as a character: %d of 52 mapped, unused %s\n",
                report["mapped_channels"].get<int>(), report["unused_shapes"].dump().c_str());

    std::string why;
    if (!models_installed(&why)) GTEST_SKIP() << why;
    res = run_command(cli_path() + " retarget --take " + take + " --to " + *ict +
                      " --transfer --landmarks " + *ict + "/vertex_indices.json --out " + dir +
                      "/ict_full.glb --json " + dir + "/t.json");
    ASSERT_EQ(res.exit_code, 0) << res.err;
    report = read_json(dir + "/t.json");
    EXPECT_EQ(report["mapped_channels"], 52);
    EXPECT_EQ(report["transfer"]["channels"], json::array({"tongueOut"}));
    EXPECT_GT(report["transfer"]["matched_triangles"].get<int>(), 10000);
}

TEST(CliRetarget, MeshWithoutShapesGetsAllByTransfer) {
    const auto ict = test::shared_file("data/ict-facekit/generic_neutral_mesh.obj");
    if (!ict) GTEST_SKIP() << test::missing_shared_message("data/ict-facekit");
    std::string why;
    if (!models_installed(&why)) GTEST_SKIP() << why;
    const std::string dir = test::scratch_dir("cli_retarget_transfer");
    const std::string take = write_take(dir);
    auto res = run_command(cli_path() + " retarget --take " + take + " --to " + *ict + " --out " +
                           dir + "/x.glb");
    EXPECT_EQ(res.exit_code, 2);
    EXPECT_NE(res.err.find("--transfer"), std::string::npos) << res.err;
    res = run_command(cli_path() + " retarget --take " + take + " --to " + *ict +
                      " --transfer --out " + dir + "/head.glb --json " + dir + "/r.json");
    ASSERT_EQ(res.exit_code, 0) << res.err;
    const json report = read_json(dir + "/r.json");
    EXPECT_EQ(report["mapped_channels"], 52);
    EXPECT_EQ(report["transfer"]["landmarks"]["source"], "automatic");
    EXPECT_EQ(report["transfer"]["channels"].size(), 52u);
    const io::ImportedBlendshapeRig back = io::import_blendshape_rig(dir + "/head.glb");
    EXPECT_EQ(back.rig.shape_count(), 52);
    std::printf("ICT neutral by automatic landmarks: factor %.2f s, 52 solves %.2f s\n",
                report["transfer"]["factor_seconds"].get<double>(),
                report["transfer"]["solve_seconds"].get<double>());
}

TEST(CliRetarget, BadInputExitsWithMessages) {
    const std::string dir = test::scratch_dir("cli_retarget_bad");
    const std::string take = write_take(dir);
    std::ofstream(dir + "/junk.fbx") << "this is not an FBX file at all";
    auto res = run_command(cli_path() + " retarget --take " + take + " --to " + dir +
                           "/junk.fbx --out " + dir + "/o.glb");
    EXPECT_EQ(res.exit_code, 2);
    EXPECT_NE(res.err.find("junk.fbx"), std::string::npos) << res.err;
    res = run_command(cli_path() + " retarget --take " + dir + "/none.likeness --to x.fbx --out " +
                      dir + "/o.glb");
    EXPECT_EQ(res.exit_code, 2);
    EXPECT_NE(res.err.find("cannot open the project file"), std::string::npos) << res.err;
    for (const char* args : {"retarget", "retarget --take t.json --to x.fbx",
                             "retarget --take t.json --to x.fbx --out o.xyz",
                             "retarget --take t.json --to x.fbx --out o.glb --intensity 9",
                             "retarget --take t.json --to x.fbx --out o.glb --landmarks l.json"}) {
        res = run_command(cli_path() + " " + args);
        EXPECT_EQ(res.exit_code, 1) << args << ": " << res.err;
    }
    const core::BlendshapeRig grid = test::grid_rig(6);
    io::ExportRequest r;
    r.format = io::ExportFormat::kGlb;
    r.rig = &grid;
    r.path = dir + "/grid.glb";
    io::export_files(r);
    std::ofstream(dir + "/bad_map.json") << R"({"channels": {"jawOpen": "NoSuchShape"}})";
    res = run_command(cli_path() + " retarget --take " + take + " --to " + dir +
                      "/grid.glb --map " + dir + "/bad_map.json --out " + dir + "/o.glb");
    EXPECT_EQ(res.exit_code, 2);
    EXPECT_NE(res.err.find("NoSuchShape"), std::string::npos) << res.err;
}

}  // namespace
}  // namespace likeness
