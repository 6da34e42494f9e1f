#include "engine/io/obj_set_writer.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "engine/io/export_error.hpp"
#include "engine/io/mesh_import.hpp"
#include "tests/engine/io/export_fixture.hpp"
#include "tests/support/test_paths.hpp"

namespace likeness::io {
namespace {
namespace fs = std::filesystem;

int count_prefix(const std::string& path, const std::string& prefix) {
    std::ifstream in(path);
    int n = 0;
    for (std::string line; std::getline(in, line);)
        n += line.rfind(prefix, 0) == 0;
    return n;
}

TEST(ObjSetWriter, NeutralPlusOneObjPerShapeWithMaterialAndTexture) {
    const std::string dir = test::scratch_dir("obj_set");
    const core::BlendshapeRig rig = test::grid_rig();
    const ExportedFiles files = write_obj_set(rig, dir + "/out");
    EXPECT_EQ(files.paths.front(), dir + "/out/grid.obj");
    for (const char* f : {"grid.obj", "grid.mtl", "grid.png"})
        EXPECT_TRUE(fs::exists(dir + "/out/" + std::string(f))) << f;
    EXPECT_EQ(count_prefix(dir + "/out/grid.obj", "v "), rig.vertex_count());
    EXPECT_EQ(count_prefix(dir + "/out/grid.obj", "vt "), rig.vertex_count());
    EXPECT_EQ(count_prefix(dir + "/out/grid.obj", "f "), rig.neutral.face_count());
    EXPECT_EQ(count_prefix(dir + "/out/grid.mtl", "map_Kd grid.png"), 1);

    const core::Mesh neutral = import_mesh(dir + "/out/grid.obj");
    EXPECT_EQ(neutral.vertex_count(), rig.vertex_count());
    for (int s = 0; s < rig.shape_count(); ++s) {
        const std::string& name = rig.shape_names[static_cast<size_t>(s)];
        const std::string path = dir + "/out/shapes/" + name + ".obj";
        ASSERT_TRUE(fs::exists(path)) << path;
        EXPECT_EQ(count_prefix(path, "mtllib ../grid.mtl"), 1);
        // The same vertex order: shape - neutral is the delta, vertex by vertex.
        std::ifstream in(path);
        int v = 0;
        for (std::string line; std::getline(in, line);) {
            if (line.rfind("v ", 0) != 0) continue;
            float x, y, z;
            ASSERT_EQ(std::sscanf(line.c_str(), "v %f %f %f", &x, &y, &z), 3);
            const Eigen::RowVector3f expected =
                rig.neutral.V.row(v) + rig.deltas[static_cast<size_t>(s)].row(v);
            ASSERT_LT((Eigen::RowVector3f(x, y, z) - expected).norm(), 1e-4f) << name << " " << v;
            ++v;
        }
        EXPECT_EQ(v, rig.vertex_count());
    }
}

TEST(ObjSetWriter, DynamicAlbedoGivesEachShapeItsTexture) {
    const std::string dir = test::scratch_dir("obj_set_dynamic");
    write_obj_set(test::grid_rig(5, true), dir);
    EXPECT_TRUE(fs::exists(dir + "/shapes/jawOpen.png"));
    EXPECT_EQ(count_prefix(dir + "/shapes/jawOpen.mtl", "map_Kd jawOpen.png"), 1);
    EXPECT_EQ(count_prefix(dir + "/shapes/jawOpen.obj", "mtllib jawOpen.mtl"), 1);
    ObjSetOptions o;
    o.dynamic_albedo = false;
    const std::string plain = test::scratch_dir("obj_set_dynamic_off");
    write_obj_set(test::grid_rig(5, true), plain, o);
    EXPECT_FALSE(fs::exists(plain + "/shapes/jawOpen.png"));
}

TEST(ObjSetWriter, AFileWhereTheFolderShouldBeIsAClearError) {
    const std::string dir = test::scratch_dir("obj_set_bad");
    std::ofstream(dir + "/taken") << "x";
    try {
        write_obj_set(test::grid_rig(4), dir + "/taken");
        FAIL();
    } catch (const ExportError& e) {
        EXPECT_NE(std::string(e.what()).find("not a folder"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace likeness::io
