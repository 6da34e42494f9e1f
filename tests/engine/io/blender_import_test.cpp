// The real client: Blender imports our .glb and .fbx of a rig with its take. Skips (with a
// message) when `blender` is not installed; packaging/setup.sh installs it for CI.
#include "tests/blender/blender_import.hpp"

#include <gtest/gtest.h>

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
using nlohmann::json;
using test::blender_report;

constexpr double kFps = 60.0;
constexpr int kFrames = 120;

/// The template as a rig, or the grid fixture when the model packages are not installed (a
/// personal rig from a session: tests/cli/blender_personal_rig_test.cpp).
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

TEST(BlenderImport, GlbHasNamedShapeKeysAnimatedAtTheTakesRate) {
    if (!test::blender_installed()) GTEST_SKIP() << test::blender_missing_message();
    const std::string dir = test::scratch_dir("blender_glb");
    const core::BlendshapeRig& rig = rig_under_test();
    const core::Take take = take_under_test();
    GltfOptions o;
    o.binary = true;
    write_gltf(rig, &take, dir + "/face.glb", o);
    // glTF stores seconds; Blender converts them at the scene rate, so the script sets it first.
    const json report = blender_report(dir + "/face.glb", dir, kFps);
    ASSERT_TRUE(report.is_object());
    EXPECT_NEAR(report.at("scene_fps").get<double>(), kFps, 1e-6);
    test::expect_named_shape_keys(report, rig.shape_names);
    EXPECT_EQ(report.at("meshes").at(0).at("vertices"), rig.vertex_count());
    // A glTF key at t = 0 lands on frame 0.
    test::expect_shape_key_fcurves(report, rig.shape_names, kFrames, 0.0);
    EXPECT_GE(test::transform_fcurves(report, kFrames), 3 + 4);  // location + quaternion rotation
}

TEST(BlenderImport, FbxHasNamedShapeKeysAnimatedAtTheFilesRate) {
    if (!test::blender_installed()) GTEST_SKIP() << test::blender_missing_message();
    const std::string dir = test::scratch_dir("blender_fbx");
    const core::BlendshapeRig& rig = rig_under_test();
    const core::Take take = take_under_test();
    write_fbx(rig, &take, dir + "/face.fbx");
    const json report = blender_report(dir + "/face.fbx", dir);
    ASSERT_TRUE(report.is_object());
    EXPECT_NEAR(report.at("scene_fps").get<double>(), kFps, 1e-6);  // taken from the file
    test::expect_named_shape_keys(report, rig.shape_names);
    // Blender's FBX import shifts keys by +1 frame.
    test::expect_shape_key_fcurves(report, rig.shape_names, kFrames, 1.0);
    EXPECT_GE(test::transform_fcurves(report, kFrames), 6);  // location + Euler rotation
    EXPECT_TRUE(report.at("meshes").at(0).at("images").at(0).at("packed"));
}

}  // namespace
}  // namespace likeness::io
