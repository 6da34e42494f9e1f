// The real client: Blender imports our .glb and .fbx of a rig with its take. Skips (with a
// message) when `blender` is not installed; packaging/setup.sh installs it for CI.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "engine/eval/synthetic_take.hpp"
#include "engine/face/template_blendshape_rig.hpp"
#include "engine/io/fbx_writer.hpp"
#include "engine/io/gltf_writer.hpp"
#include "tests/engine/face/template_fixture.hpp"
#include "tests/engine/io/export_fixture.hpp"
#include "tests/support/test_paths.hpp"

namespace likeness::io {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;

constexpr double kFps = 60.0;
constexpr int kFrames = 120;

bool blender_installed() {
    return test::run_command("command -v blender").exit_code == 0;
}

std::string script(const std::string& name) {
    return (fs::path(__FILE__).parent_path() / ".." / ".." / "blender" / name)
        .lexically_normal()
        .string();
}

/// The template as a rig (the stand-in for a personal rig until fitting lands), or the grid
/// fixture when the model packages are not installed.
const core::BlendshapeRig& rig_under_test() {
    static const core::BlendshapeRig rig = [] {
        std::string why;
        const face::TemplateRig* t = test::shared_template(&why);
        return t ? face::template_blendshape_rig(*t) : test::grid_rig(12);
    }();
    return rig;
}

core::Take take_under_test() {
    eval::SyntheticTakeOptions o;
    o.seconds = kFrames / kFps;
    o.fps = kFps;
    o.dropout_every = 40;
    o.dropout_length = 4;
    return eval::synthetic_take(o);
}

json blender_report(const std::string& file, const std::string& dir, bool set_scene_fps) {
    const std::string report = dir + "/" + fs::path(file).filename().string() + ".report.json";
    const auto r = test::run_command("blender -b --factory-startup --python-exit-code 3 --python " +
                                     script("inspect_import.py") + " -- " + file + " " + report +
                                     (set_scene_fps ? " " + std::to_string(kFps) : ""));
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    std::ifstream in(report);
    if (!in) return json();
    const json j = json::parse(in);
    const auto summary =
        test::run_command("python3 " + script("summarize_report.py") + " " + report);
    std::cout << summary.out;
    return j;
}

void expect_named_shape_keys(const json& report, const core::BlendshapeRig& rig) {
    ASSERT_EQ(report.at("meshes").size(), 1u) << report.dump(1);
    const json& mesh = report.at("meshes").at(0);
    EXPECT_EQ(mesh.at("shape_keys").get<std::vector<std::string>>(), rig.shape_names);
    EXPECT_FALSE(mesh.at("images").empty()) << "no texture attached";
    for (const json& image : mesh.at("images"))
        EXPECT_TRUE(image.at("has_data")) << image.dump();
}

/// Every shape key has an fcurve with one key per frame, from `first` to `first + kFrames - 1`.
void expect_shape_key_fcurves(const json& report, const core::BlendshapeRig& rig, double first) {
    std::set<std::string> animated;
    for (const json& action : report.at("actions"))
        for (const json& fc : action.at("fcurves")) {
            const std::string path = fc.at("data_path");
            if (path.rfind("key_blocks[\"", 0) != 0) continue;
            animated.insert(path.substr(12, path.find('"', 12) - 12));
            EXPECT_EQ(fc.at("keyframes"), kFrames) << path;
            EXPECT_NEAR(fc.at("first_frame").get<double>(), first, 1e-3) << path;
            EXPECT_NEAR(fc.at("last_frame").get<double>(), first + kFrames - 1, 1e-3) << path;
        }
    EXPECT_EQ(animated.size(), rig.shape_names.size());
    for (const std::string& name : rig.shape_names)
        EXPECT_TRUE(animated.count(name)) << name;
}

int transform_fcurves(const json& report) {
    int n = 0;
    for (const json& action : report.at("actions"))
        for (const json& fc : action.at("fcurves")) {
            const std::string path = fc.at("data_path");
            if (path == "location" || path.rfind("rotation", 0) == 0) {
                ++n;
                EXPECT_EQ(fc.at("keyframes"), kFrames) << path;
            }
        }
    return n;
}

TEST(BlenderImport, GlbHasNamedShapeKeysAnimatedAtTheTakesRate) {
    if (!blender_installed())
        GTEST_SKIP() << "blender is not installed (packaging/setup.sh installs it)";
    const std::string dir = test::scratch_dir("blender_glb");
    const core::BlendshapeRig& rig = rig_under_test();
    const core::Take take = take_under_test();
    GltfOptions o;
    o.binary = true;
    write_gltf(rig, &take, dir + "/face.glb", o);
    // glTF stores seconds; Blender converts them at the scene rate, so the script sets it first.
    const json report = blender_report(dir + "/face.glb", dir, true);
    ASSERT_TRUE(report.is_object());
    EXPECT_NEAR(report.at("scene_fps").get<double>(), kFps, 1e-6);
    expect_named_shape_keys(report, rig);
    EXPECT_EQ(report.at("meshes").at(0).at("vertices"), rig.vertex_count());
    expect_shape_key_fcurves(report, rig, 0.0);   // glTF key at t = 0 lands on frame 0
    EXPECT_GE(transform_fcurves(report), 3 + 4);  // location + quaternion rotation
}

TEST(BlenderImport, FbxHasNamedShapeKeysAnimatedAtTheFilesRate) {
    if (!blender_installed())
        GTEST_SKIP() << "blender is not installed (packaging/setup.sh installs it)";
    const std::string dir = test::scratch_dir("blender_fbx");
    const core::BlendshapeRig& rig = rig_under_test();
    const core::Take take = take_under_test();
    write_fbx(rig, &take, dir + "/face.fbx");
    const json report = blender_report(dir + "/face.fbx", dir, false);
    ASSERT_TRUE(report.is_object());
    EXPECT_NEAR(report.at("scene_fps").get<double>(), kFps, 1e-6);  // taken from the file
    expect_named_shape_keys(report, rig);
    expect_shape_key_fcurves(report, rig, 1.0);  // Blender's FBX import shifts keys by +1 frame
    EXPECT_GE(transform_fcurves(report), 6);     // location + Euler rotation
    EXPECT_TRUE(report.at("meshes").at(0).at("images").at(0).at("packed"));
}

}  // namespace
}  // namespace likeness::io
