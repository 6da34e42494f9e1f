// Character import: every format round-trips a rig written by our exporters, ICT-FaceKit's
// expression folder maps 51 of 52 channels, and bad files give RetargetError, never a crash.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "engine/io/rig_export.hpp"
#include "engine/retarget/auto_map.hpp"
#include "engine/retarget/character.hpp"
#include "engine/retarget/retarget_error.hpp"
#include "tests/engine/io/export_fixture.hpp"
#include "tests/support/test_paths.hpp"

namespace likeness::retarget {
namespace {

namespace fs = std::filesystem;

std::string export_grid(const std::string& dir, io::ExportFormat format) {
    const core::BlendshapeRig rig = test::grid_rig(8);
    io::ExportRequest r;
    r.format = format;
    r.rig = &rig;
    r.path = dir + "/grid" + io::export_extension(format);
    return io::export_files(r).paths.front();
}

/// Largest distance between a shape's displaced vertices in two rigs whose vertices match by
/// position (an importer may reorder or split vertices).
float max_shape_error(const core::BlendshapeRig& a, const core::BlendshapeRig& b,
                      const std::string& shape) {
    const core::MatrixX3fR& da = a.deltas[static_cast<size_t>(a.shape_index(shape))];
    const core::MatrixX3fR& db = b.deltas[static_cast<size_t>(b.shape_index(shape))];
    float worst = 0.f;
    for (int i = 0; i < b.vertex_count(); ++i) {
        int best = 0;
        (a.neutral.V.rowwise() - b.neutral.V.row(i)).rowwise().squaredNorm().minCoeff(&best);
        worst = std::max(worst, (a.neutral.V.row(best) - b.neutral.V.row(i)).norm() +
                                    (da.row(best) - db.row(i)).norm());
    }
    return worst;
}

TEST(CharacterImport, OurExportsRoundTripInEveryFormat) {
    const std::string dir = test::scratch_dir("character_import_formats");
    const core::BlendshapeRig grid = test::grid_rig(8);
    for (io::ExportFormat format : {io::ExportFormat::kGlb, io::ExportFormat::kGltf,
                                    io::ExportFormat::kFbx, io::ExportFormat::kObj}) {
        const std::string path = export_grid(dir, format);
        const std::string source = format == io::ExportFormat::kObj ? dir + "/grid" : path;
        const Character c = import_character(source);
        SCOPED_TRACE(c.format);
        EXPECT_EQ(c.rig.shape_count(), 52);
        EXPECT_EQ(auto_map(c.rig.shape_names).mapped_count(), 52);
        // Welding gives back the grid's vertices (FBX stores one per face corner).
        EXPECT_EQ(c.rig.vertex_count(), grid.vertex_count());
        EXPECT_EQ(c.rig.neutral.face_count(), grid.neutral.face_count());
        EXPECT_EQ(c.rig.neutral.UV.rows(), c.rig.vertex_count());
        EXPECT_FALSE(c.rig.albedo.empty() && !grid.albedo.empty());
        // Units come back as cm (glTF is written in metres).
        EXPECT_LT(max_shape_error(grid, c.rig, "jawOpen"), 1e-3f);
        EXPECT_LT(max_shape_error(grid, c.rig, "tongueOut"), 1e-3f);
    }
}

TEST(CharacterImport, ColladaUnitsBecomeCentimetres) {
    const std::string dir = test::scratch_dir("character_import_dae");
    const std::string path = dir + "/tri.dae";
    std::ofstream(path) << R"(<?xml version="1.0" encoding="utf-8"?>
<COLLADA xmlns="http://www.collada.org/2005/11/COLLADASchema" version="1.4.1">
  <asset><unit name="centimeter" meter="0.01"/><up_axis>Y_UP</up_axis></asset>
  <library_geometries><geometry id="tri" name="tri"><mesh>
    <source id="p"><float_array id="pa" count="9">0 0 0 10 0 0 0 10 0</float_array>
      <technique_common><accessor source="#pa" count="3" stride="3">
        <param name="X" type="float"/><param name="Y" type="float"/><param name="Z" type="float"/>
      </accessor></technique_common></source>
    <vertices id="v"><input semantic="POSITION" source="#p"/></vertices>
    <triangles count="1"><input semantic="VERTEX" source="#v" offset="0"/><p>0 1 2</p></triangles>
  </mesh></geometry></library_geometries>
  <library_visual_scenes><visual_scene id="s"><node id="n">
    <instance_geometry url="#tri"/></node></visual_scene></library_visual_scenes>
  <scene><instance_visual_scene url="#s"/></scene>
</COLLADA>
)";
    const Character c = import_character(path);
    EXPECT_EQ(c.format, "dae");
    EXPECT_EQ(c.rig.neutral.face_count(), 1);
    EXPECT_FALSE(c.has_shapes());
    EXPECT_NEAR(core::bounds(c.rig.neutral).diagonal(), std::sqrt(200.f), 1e-3f)
        << "10 cm legs in a centimetre file";
}

TEST(CharacterImport, SkinnedMeshComesInBindPose) {
    // A glTF triangle bound to one joint that is posed 5 m away: the character must show the
    // triangle where the mesh puts it (bind pose), not where the skeleton would carry it.
    const std::string dir = test::scratch_dir("character_import_skinned");
    std::string bin;
    auto put = [&](const void* data, size_t bytes) {
        bin.append(static_cast<const char*>(data), bytes);
    };
    const float positions[9] = {0, 0, 0, 0.1f, 0, 0, 0, 0.1f, 0};
    const unsigned char joints[12] = {0};
    const float weights[12] = {1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0};
    const unsigned short indices[4] = {0, 1, 2, 0};
    const float inverse_bind[16] = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
    put(positions, sizeof(positions));        // 0, 36 bytes
    put(joints, sizeof(joints));              // 36, 12
    put(weights, sizeof(weights));            // 48, 48
    put(indices, sizeof(indices));            // 96, 8 (one short of padding)
    put(inverse_bind, sizeof(inverse_bind));  // 104, 64
    std::ofstream(dir + "/skin.bin", std::ios::binary) << bin;
    std::ofstream(dir + "/skin.gltf") << R"({
  "asset": {"version": "2.0"},
  "scene": 0, "scenes": [{"nodes": [0, 1]}],
  "nodes": [{"name": "body", "mesh": 0, "skin": 0},
            {"name": "joint", "translation": [5, 0, 0]}],
  "skins": [{"joints": [1], "inverseBindMatrices": 4}],
  "meshes": [{"primitives": [{"attributes": {"POSITION": 0, "JOINTS_0": 1, "WEIGHTS_0": 2},
                              "indices": 3}]}],
  "buffers": [{"uri": "skin.bin", "byteLength": 168}],
  "bufferViews": [{"buffer": 0, "byteOffset": 0, "byteLength": 36},
                  {"buffer": 0, "byteOffset": 36, "byteLength": 12},
                  {"buffer": 0, "byteOffset": 48, "byteLength": 48},
                  {"buffer": 0, "byteOffset": 96, "byteLength": 6},
                  {"buffer": 0, "byteOffset": 104, "byteLength": 64}],
  "accessors": [
    {"bufferView": 0, "componentType": 5126, "count": 3, "type": "VEC3",
     "min": [0, 0, 0], "max": [0.1, 0.1, 0]},
    {"bufferView": 1, "componentType": 5121, "count": 3, "type": "VEC4"},
    {"bufferView": 2, "componentType": 5126, "count": 3, "type": "VEC4"},
    {"bufferView": 3, "componentType": 5123, "count": 3, "type": "SCALAR"},
    {"bufferView": 4, "componentType": 5126, "count": 1, "type": "MAT4"}]
})";
    const Character c = import_character(dir + "/skin.gltf");
    EXPECT_TRUE(c.skinned);
    ASSERT_EQ(c.rig.vertex_count(), 3);
    const core::Bounds b = core::bounds(c.rig.neutral);
    EXPECT_NEAR(b.min.x(), 0.f, 1e-4f);
    EXPECT_NEAR(b.max.x(), 10.f, 1e-4f) << "0.1 m = 10 cm, not moved by the joint";
}

TEST(CharacterImport, ShapeFolderSkipsOtherTopologiesAndNamesTheNeutral) {
    const std::string dir = test::scratch_dir("character_import_folder");
    auto write = [&](const std::string& name, float dz, bool extra_vertex = false) {
        std::ofstream o(dir + "/" + name);
        o << "mtllib look.mtl\nv 0 0 " << dz << "\nv 1 0 0\nv 0 1 0\nv 1 1 0\n";
        if (extra_vertex) o << "v 2 2 2\n";
        o << "vt 0 0\nvt 1 0\nvt 0 1\nvt 1 1\nvt 0.5 0.5\nusemtl skin\n"
             "f 1/1 2/2 4/4 3/3\nf 2/5 4/4 3/3\n";
    };
    write("head_neutral.obj", 0.f);
    write("Smile_L.obj", 0.5f);
    write("Smile_R.obj", 0.25f);
    write("broken.obj", 0.f, true);
    std::ofstream(dir + "/look.mtl") << "newmtl skin\nKd 0.7 0.5 0.4\nmap_Kd missing.png\n";
    const Character c = import_character(dir);
    EXPECT_EQ(c.format, "obj-folder");
    EXPECT_EQ(c.rig.shape_names, (std::vector<std::string>{"Smile_L", "Smile_R"}));
    EXPECT_EQ(c.rig.vertex_count(), 5) << "vertex 2 has two UVs: split";
    EXPECT_EQ(c.rig.neutral.face_count(), 3);
    EXPECT_FLOAT_EQ(c.rig.deltas[0].col(2).maxCoeff(), 0.5f);
    ASSERT_EQ(c.materials.size(), 1u);
    EXPECT_EQ(c.materials[0].triangles, 3);
    bool skipped = false, texture = false;
    for (const std::string& w : c.warnings) {
        skipped = skipped || w.find("broken.obj") != std::string::npos;
        texture = texture || w.find("missing.png") != std::string::npos;
    }
    EXPECT_TRUE(skipped);
    EXPECT_TRUE(texture);

    write("other_neutral.obj", 0.f);
    try {
        import_character(dir);
        FAIL() << "two neutrals";
    } catch (const RetargetError& e) {
        EXPECT_NE(std::string(e.what()).find("several possible neutrals"), std::string::npos);
    }
    CharacterImportOptions o;
    o.neutral_name = "other_neutral";
    EXPECT_EQ(import_character(dir, o).rig.shape_count(), 3);
}

TEST(CharacterImport, MalformedFilesGiveClearErrorsNeverCrashes) {
    const std::string dir = test::scratch_dir("character_import_malformed");
    std::vector<std::string> valid;
    for (io::ExportFormat f : {io::ExportFormat::kGlb, io::ExportFormat::kGltf,
                               io::ExportFormat::kFbx, io::ExportFormat::kObj})
        valid.push_back(export_grid(dir, f));
    int tried = 0;
    std::mt19937 rng(5);
    for (const std::string& path : valid) {
        std::ifstream in(path, std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), {});
        const std::string ext = fs::path(path).extension().string();
        for (double keep : {0.0, 0.01, 0.3, 0.5, 0.9}) {
            const std::string cut = dir + "/cut" + std::to_string(tried++) + ext;
            std::ofstream(cut, std::ios::binary)
                << bytes.substr(0, static_cast<size_t>(keep * bytes.size()));
            try {
                const Character c = import_character(cut);
                // A cut that still parses must at least be a consistent rig.
                std::string why;
                EXPECT_TRUE(c.rig.is_valid(&why)) << cut << ": " << why;
            } catch (const RetargetError& e) {
                EXPECT_NE(std::string(e.what()).find(cut), std::string::npos) << e.what();
            }
        }
        std::string garbage(4096, '\0');
        for (char& ch : garbage)
            ch = static_cast<char>(rng() & 0xff);
        for (const std::string& e : {ext, std::string(".dae")}) {
            const std::string junk = dir + "/junk" + std::to_string(tried++) + e;
            std::ofstream(junk, std::ios::binary) << garbage;
            EXPECT_THROW(import_character(junk), RetargetError) << junk;
        }
    }
    EXPECT_THROW(import_character(dir + "/nothing.fbx"), RetargetError);
    std::ofstream(dir + "/empty.glb");
    EXPECT_THROW(import_character(dir + "/empty.glb"), RetargetError);
    std::ofstream(dir + "/notes.txt") << "just words, no mesh\n";
    EXPECT_THROW(import_character(dir + "/notes.txt"), RetargetError);
    const std::string empty_folder = test::scratch_dir("character_import_empty_folder");
    EXPECT_THROW(import_character(empty_folder), RetargetError);
}

TEST(CharacterImport, IctFaceKitFolderMapsFiftyOneChannels) {
    const auto folder = test::shared_file("data/ict-facekit");
    if (!folder) GTEST_SKIP() << test::missing_shared_message("data/ict-facekit");
    const Character c = import_character(*folder);
    EXPECT_EQ(c.rig.neutral.name, "generic_neutral_mesh");
    EXPECT_GE(c.rig.vertex_count(), 26719) << "split where UVs are";
    EXPECT_EQ(c.rig.neutral.UV.rows(), c.rig.vertex_count());
    const ChannelMapping m = auto_map(c.rig.shape_names);
    EXPECT_EQ(m.mapped_count(), 51);
    EXPECT_EQ(m.unmatched_channels(), std::vector<std::string>{"tongueOut"});
    const auto unused = m.unused_shapes(c.rig.shape_names);
    EXPECT_EQ(unused.size(), 4u);  // cheekRaiser_L/R, PupilDilate_L/R
    for (const std::string& u : unused)
        EXPECT_TRUE(u.rfind("cheekRaiser", 0) == 0 || u.rfind("PupilDilate", 0) == 0) << u;
    std::printf(
        "ICT folder: %d vertices, %d triangles, %d shapes; mapped %d/52, unmatched %zu, "
        "unused %zu\n",
        c.rig.vertex_count(), c.rig.neutral.face_count(), c.rig.shape_count(), m.mapped_count(),
        m.unmatched_channels().size(), unused.size());
}

}  // namespace
}  // namespace likeness::retarget
