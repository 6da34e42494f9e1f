#include "engine/io/gltf_writer.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "engine/io/blendshape_import.hpp"
#include "engine/io/export_error.hpp"
#include "tests/engine/io/export_fixture.hpp"
#include "tests/support/test_paths.hpp"

namespace likeness::io {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// The JSON chunk of a .glb, after checking the container's header and chunk layout.
json glb_json(const std::string& bytes) {
    auto u32 = [&bytes](size_t at) {
        uint32_t v;
        std::memcpy(&v, bytes.data() + at, 4);
        return v;
    };
    EXPECT_EQ(bytes.substr(0, 4), "glTF");
    EXPECT_EQ(u32(4), 2u);
    EXPECT_EQ(u32(8), bytes.size());
    const uint32_t json_length = u32(12);
    EXPECT_EQ(u32(16), 0x4E4F534Au);
    EXPECT_EQ(json_length % 4, 0u);
    const size_t bin = 20 + json_length;
    EXPECT_EQ(u32(bin + 4), 0x004E4942u);
    EXPECT_EQ(bin + 8 + u32(bin), bytes.size());
    return json::parse(bytes.substr(20, json_length));
}

/// Every corner of every face: imported delta (file unit * scale) equals the rig's.
void expect_same_deltas(const core::BlendshapeRig& rig, const ImportedBlendshapeRig& got,
                        float scale) {
    ASSERT_EQ(got.rig.shape_names, rig.shape_names);
    ASSERT_EQ(got.rig.neutral.F.rows(), rig.neutral.F.rows());
    for (int s = 0; s < rig.shape_count(); ++s)
        for (Eigen::Index f = 0; f < rig.neutral.F.rows(); ++f)
            for (int k = 0; k < 3; ++k) {
                const auto mine = rig.deltas[static_cast<size_t>(s)].row(rig.neutral.F(f, k));
                const auto theirs =
                    got.rig.deltas[static_cast<size_t>(s)].row(got.rig.neutral.F(f, k)) * scale;
                ASSERT_LT((mine - theirs).norm(), 1e-4f) << rig.shape_names[static_cast<size_t>(s)];
            }
}

TEST(GltfWriter, GltfHasNamedTargetsTextureAndALinearWeightsAnimation) {
    const std::string dir = test::scratch_dir("gltf_writer_gltf");
    const core::BlendshapeRig rig = test::grid_rig();
    const core::Take take = test::ramp_take(30, 30.0);
    const ExportedFiles files = write_gltf(rig, &take, dir + "/face.gltf");
    ASSERT_EQ(files.paths.size(), 3u);
    EXPECT_TRUE(fs::exists(dir + "/face.bin"));
    EXPECT_TRUE(fs::exists(dir + "/face.png"));

    const json g = json::parse(slurp(dir + "/face.gltf"));
    EXPECT_EQ(g.at("asset").at("version"), "2.0");
    const json& mesh = g.at("meshes").at(0);
    EXPECT_EQ(mesh.at("extras").at("targetNames").size(), 52u);
    EXPECT_EQ(mesh.at("extras").at("targetNames").at(17), "jawOpen");
    EXPECT_EQ(mesh.at("primitives").at(0).at("targets").size(), 52u);
    EXPECT_EQ(mesh.at("weights").size(), 52u);
    EXPECT_EQ(g.at("images").at(0).at("uri"), "face.png");
    const json& anim = g.at("animations").at(0);
    EXPECT_EQ(anim.at("name"), "ramp");
    EXPECT_EQ(anim.at("channels").size(), 3u);  // weights, rotation, translation
    for (const json& s : anim.at("samplers")) {
        EXPECT_EQ(s.at("interpolation"), "LINEAR");
        const json& input = g.at("accessors").at(s.at("input").get<size_t>());
        EXPECT_EQ(input.at("count"), 30);
        EXPECT_NEAR(input.at("max").at(0).get<double>(), 29.0 / 30.0, 1e-6);
    }
    const json& weights =
        g.at("accessors").at(anim.at("samplers").at(0).at("output").get<size_t>());
    EXPECT_EQ(weights.at("count"), 30 * 52);
    // Positions are in metres.
    const json& pos =
        g.at("accessors")
            .at(mesh.at("primitives").at(0).at("attributes").at("POSITION").get<size_t>());
    EXPECT_NEAR(pos.at("max").at(0).get<double>(), 0.05, 1e-6);

    const ImportedBlendshapeRig back = import_blendshape_rig(dir + "/face.gltf");
    EXPECT_EQ(back.rig.vertex_count(), rig.vertex_count());
    expect_same_deltas(rig, back, 100.f);
    ASSERT_EQ(back.animations.size(), 1u);
    EXPECT_EQ(back.animations[0].morph_keys, 30);
    EXPECT_EQ(back.animations[0].node_rotation_keys, 30);
    EXPECT_FALSE(back.diffuse_texture.empty());
}

TEST(GltfWriter, GlbIsOneValidFileWithTheTextureInside) {
    const std::string dir = test::scratch_dir("gltf_writer_glb");
    const core::BlendshapeRig rig = test::grid_rig();
    const core::Take take = test::ramp_take(12, 24.0);
    GltfOptions o;
    o.binary = true;
    const ExportedFiles files = write_gltf(rig, &take, dir + "/face.glb", o);
    ASSERT_EQ(files.paths.size(), 1u);
    EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);
    const std::string bytes = slurp(dir + "/face.glb");
    EXPECT_EQ(files.bytes, bytes.size());
    const json g = glb_json(bytes);
    EXPECT_EQ(g.at("images").at(0).at("mimeType"), "image/png");
    EXPECT_FALSE(g.at("buffers").at(0).contains("uri"));

    const ImportedBlendshapeRig back = import_blendshape_rig(dir + "/face.glb");
    expect_same_deltas(rig, back, 100.f);
    ASSERT_EQ(back.animations.size(), 1u);
    EXPECT_EQ(back.animations[0].morph_keys, 12);
    // Key 5 of the weights: shape k at ((5 + k) % 11) / 10.
    ASSERT_GT(back.animations[0].first_channel_keys.size(), 5u);
    for (const auto& [target, weight] : back.animations[0].first_channel_keys[5])
        EXPECT_NEAR(weight, ((5 + target) % 11) / 10.0, 1e-6) << target;
    EXPECT_TRUE(back.embedded_texture) << back.diffuse_texture;
}

TEST(GltfWriter, HeadMotionOptionsChooseTheChannels) {
    const std::string dir = test::scratch_dir("gltf_writer_head");
    const core::BlendshapeRig rig = test::grid_rig(4);
    const core::Take take = test::ramp_take(5);
    GltfOptions o;
    o.head_motion = HeadMotion::kRotationOnly;
    write_gltf(rig, &take, dir + "/r.gltf", o);
    json g = json::parse(slurp(dir + "/r.gltf"));
    EXPECT_EQ(g.at("animations").at(0).at("channels").size(), 2u);
    EXPECT_FALSE(g.at("nodes").at(0).contains("translation"));
    o.head_motion = HeadMotion::kNone;
    write_gltf(rig, &take, dir + "/n.gltf", o);
    g = json::parse(slurp(dir + "/n.gltf"));
    EXPECT_EQ(g.at("animations").at(0).at("channels").size(), 1u);
    EXPECT_FALSE(g.at("nodes").at(0).contains("rotation"));
}

TEST(GltfWriter, RigWithoutTakeHasNoAnimation) {
    const std::string dir = test::scratch_dir("gltf_writer_static");
    write_gltf(test::grid_rig(4), nullptr, dir + "/s.gltf");
    const json g = json::parse(slurp(dir + "/s.gltf"));
    EXPECT_FALSE(g.contains("animations"));
    EXPECT_TRUE(g.at("nodes").at(0).contains("mesh"));
}

TEST(GltfWriter, NormalTargetsFollowTheRig) {
    const std::string dir = test::scratch_dir("gltf_writer_normals");
    core::BlendshapeRig rig = test::grid_rig(4);
    for (const auto& d : rig.deltas)
        rig.normal_deltas.push_back(0.f * d);
    write_gltf(rig, nullptr, dir + "/n.gltf");
    const json g = json::parse(slurp(dir + "/n.gltf"));
    EXPECT_TRUE(g.at("meshes").at(0).at("primitives").at(0).at("targets").at(0).contains("NORMAL"));
}

TEST(GltfWriter, BadInputAndCancelLeaveNothingBehind) {
    const std::string dir = test::scratch_dir("gltf_writer_bad");
    const core::BlendshapeRig rig = test::grid_rig(4);
    EXPECT_THROW(write_gltf(rig, nullptr, dir + "/missing/x.glb"), ExportError);
    core::BlendshapeRig broken = rig;
    broken.deltas.pop_back();
    EXPECT_THROW(write_gltf(broken, nullptr, dir + "/x.gltf"), ExportError);
    core::BlendshapeRig unnamed = rig;
    for (auto& n : unnamed.shape_names)
        n = "custom_" + n;
    const core::Take take = test::ramp_take(3);
    try {
        write_gltf(unnamed, &take, dir + "/x.gltf");
        ADD_FAILURE() << "a take cannot drive shapes without ARKit names";
    } catch (const ExportError& e) {
        EXPECT_NE(std::string(e.what()).find("ARKit"), std::string::npos) << e.what();
    }
    std::atomic<bool> stop{true};
    GltfOptions o;
    o.binary = true;
    EXPECT_THROW(write_gltf(rig, &take, dir + "/x.glb", o, core::Progress({}, &stop)),
                 core::Cancelled);
    EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 0);
}

}  // namespace
}  // namespace likeness::io
