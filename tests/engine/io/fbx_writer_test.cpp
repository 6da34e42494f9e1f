#include "engine/io/fbx_writer.hpp"

#include <gtest/gtest.h>

#include <Eigen/Geometry>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include "engine/io/blendshape_import.hpp"
#include "engine/io/export_error.hpp"
#include "tests/engine/io/export_fixture.hpp"
#include "tests/engine/io/fbx_records.hpp"
#include "tests/support/test_paths.hpp"

namespace likeness::io {
namespace {
namespace fs = std::filesystem;

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string name_of(const test::FbxRecord& object) {
    const std::string full = object.str(1);
    return full.substr(0, full.find('\0'));
}

std::string class_of(const test::FbxRecord& object) {
    const std::string full = object.str(1);
    return full.substr(full.find('\0') + 2);
}

const test::FbxRecord& top(const std::vector<test::FbxRecord>& records, const std::string& name) {
    for (const auto& r : records)
        if (r.name == name) return r;
    throw std::runtime_error("no " + name);
}

TEST(FbxWriter, RecordsAreWellFormedAndCarryTheBlendShapeRig) {
    const std::string dir = test::scratch_dir("fbx_writer_records");
    const core::BlendshapeRig rig = test::grid_rig();
    const core::Take take = test::ramp_take(30, 60.0);
    const ExportedFiles files = write_fbx(rig, &take, dir + "/face.fbx");
    ASSERT_EQ(files.paths.size(), 2u);
    EXPECT_TRUE(fs::exists(dir + "/face.png"));

    const auto records = test::FbxRecordReader(slurp(dir + "/face.fbx")).read();
    // Settings: cm, y up, the take's frame rate (60 fps is TimeMode 3).
    std::map<std::string, const test::FbxRecord*> settings;
    for (const auto* p : top(records, "GlobalSettings").child("Properties70")->all("P"))
        settings[p->str(0)] = p;
    EXPECT_EQ(settings.at("UpAxis")->integer(4), 1);
    EXPECT_DOUBLE_EQ(settings.at("UnitScaleFactor")->number(4), 1.0);
    EXPECT_EQ(settings.at("TimeMode")->integer(4), 3);
    EXPECT_DOUBLE_EQ(settings.at("CustomFrameRate")->number(4), 60.0);
    EXPECT_EQ(settings.at("TimeSpanStop")->integer(4), fbx_time(29, 60.0));

    const test::FbxRecord& objects = top(records, "Objects");
    int shapes = 0, channels = 0, curves = 0, deformers = 0;
    std::vector<std::string> channel_names;
    for (const auto& o : objects.children) {
        if (o.name == "Geometry" && o.str(2) == "Shape") {
            ++shapes;
            EXPECT_EQ(class_of(o), "Geometry");
            EXPECT_EQ(o.child("Indexes")->integer(0) * 3, o.child("Vertices")->integer(0));
        }
        if (o.name == "Deformer" && o.str(2) == "BlendShapeChannel") {
            ++channels;
            channel_names.push_back(name_of(o));
            EXPECT_TRUE(o.child("FullWeights"));
        }
        if (o.name == "Deformer" && o.str(2) == "BlendShape") ++deformers;
        if (o.name == "AnimationCurve") {
            ++curves;
            EXPECT_EQ(o.child("KeyTime")->integer(0), 30);
            EXPECT_EQ(o.child("KeyValueFloat")->integer(0), 30);
        }
        if (o.name == "Geometry" && o.str(2) == "Mesh") {
            EXPECT_EQ(o.child("Vertices")->integer(0), 3 * rig.vertex_count());
            EXPECT_EQ(o.child("PolygonVertexIndex")->integer(0), 3 * rig.neutral.face_count());
            EXPECT_TRUE(o.child("LayerElementNormal"));
            EXPECT_TRUE(o.child("LayerElementUV"));
        }
        if (o.name == "Video") {
            EXPECT_TRUE(o.child("Content"));
        }
    }
    EXPECT_EQ(shapes, 52);
    EXPECT_EQ(channels, 52);
    EXPECT_EQ(deformers, 1);
    EXPECT_EQ(curves, 52 + 6);  // DeformPercent per channel + head rotation and translation
    EXPECT_EQ(channel_names, rig.shape_names);
    // Every connection refers to objects that exist (0 is the scene root).
    std::set<long long> ids = {0};
    for (const auto& o : objects.children)
        ids.insert(o.integer(0));
    int deform_percent = 0;
    for (const auto* c : top(records, "Connections").all("C")) {
        EXPECT_TRUE(ids.count(c->integer(1))) << c->integer(1);
        EXPECT_TRUE(ids.count(c->integer(2))) << c->integer(2);
        if (c->str(0) == "OP" && c->str(3) == "DeformPercent") ++deform_percent;
    }
    EXPECT_EQ(deform_percent, 52);
}

TEST(FbxWriter, AssimpReadsTheMeshShapesAndTexture) {
    const std::string dir = test::scratch_dir("fbx_writer_assimp");
    const core::BlendshapeRig rig = test::grid_rig();
    const core::Take take = test::ramp_take(20, 30.0);
    write_fbx(rig, &take, dir + "/face.fbx");
    const ImportedBlendshapeRig back = import_blendshape_rig(dir + "/face.fbx");
    ASSERT_EQ(back.rig.neutral.face_count(), rig.neutral.face_count());
    // assimp gives one vertex per face corner; compare corner by corner (FBX is in cm).
    for (Eigen::Index f = 0; f < rig.neutral.F.rows(); ++f)
        for (int k = 0; k < 3; ++k)
            ASSERT_LT((back.rig.neutral.V.row(back.rig.neutral.F(f, k)) -
                       rig.neutral.V.row(rig.neutral.F(f, k)))
                          .norm(),
                      1e-4f);
    ASSERT_EQ(back.rig.shape_names.size(), 52u);
    for (size_t s = 0; s < 52; ++s) {
        // assimp names a shape after its channel, possibly with a deformer prefix.
        const std::string& got = back.rig.shape_names[s];
        EXPECT_NE(got.find(rig.shape_names[s]), std::string::npos) << got;
        for (Eigen::Index f = 0; f < rig.neutral.F.rows(); ++f)
            for (int k = 0; k < 3; ++k)
                ASSERT_LT((back.rig.deltas[s].row(back.rig.neutral.F(f, k)) -
                           rig.deltas[s].row(rig.neutral.F(f, k)))
                              .norm(),
                          1e-4f)
                    << got;
    }
    EXPECT_NE(back.diffuse_texture.find("face.png"), std::string::npos) << back.diffuse_texture;
    ASSERT_FALSE(back.animations.empty());
    EXPECT_EQ(back.animations[0].node_rotation_keys, 20);
}

TEST(FbxWriter, TimeUnitsAreFbxTicks) {
    EXPECT_EQ(fbx_time(0, 30.0), 0);
    EXPECT_EQ(fbx_time(30, 30.0), 46186158000LL);
    EXPECT_EQ(fbx_time(1, 60.0), 769769300LL);
    EXPECT_EQ(fbx_time(36000, 60.0), 600 * 46186158000LL);
}

Eigen::Matrix3d euler_xyz(const Eigen::Vector3d& deg) {
    const Eigen::Vector3d r = deg * 3.14159265358979323846 / 180.0;
    return (Eigen::AngleAxisd(r.z(), Eigen::Vector3d::UnitZ()) *
            Eigen::AngleAxisd(r.y(), Eigen::Vector3d::UnitY()) *
            Eigen::AngleAxisd(r.x(), Eigen::Vector3d::UnitX()))
        .toRotationMatrix();
}

Eigen::Matrix3d from_axis_angle(const Eigen::Vector3f& v) {
    const double a = v.cast<double>().norm();
    return a > 0 ? Eigen::AngleAxisd(a, v.cast<double>() / a).toRotationMatrix()
                 : Eigen::Matrix3d::Identity();
}

TEST(FbxWriter, EulerAnglesRebuildTheRotationAndStayContinuous) {
    std::mt19937 rng(5);
    std::normal_distribution<float> n(0.f, 1.2f);
    for (int trial = 0; trial < 300; ++trial) {
        const Eigen::Vector3f aa(n(rng), n(rng), n(rng));
        const Eigen::Vector3d e = fbx_euler_xyz_deg(aa);
        EXPECT_LT((euler_xyz(e) - from_axis_angle(aa)).norm(), 1e-6) << trial;
    }
    // Gimbal lock (y = ±90°) still rebuilds the rotation.
    for (double y : {90.0, -90.0}) {
        const Eigen::AngleAxisd aa(euler_xyz({20.0, y, -35.0}));
        const Eigen::Vector3f v = (aa.angle() * aa.axis()).cast<float>();
        EXPECT_LT((euler_xyz(fbx_euler_xyz_deg(v)) - from_axis_angle(v)).norm(), 1e-3);
    }
    // A head turning through 180° and on: the yaw keeps growing instead of jumping by 360.
    Eigen::Vector3d previous = Eigen::Vector3d::Zero();
    for (int i = 0; i <= 100; ++i) {
        const float yaw = 0.05f * i;  // up to 5 rad
        const Eigen::Matrix3d R =
            Eigen::AngleAxisd(yaw, Eigen::Vector3d::UnitY()).toRotationMatrix();
        const Eigen::Vector3d e = fbx_euler_xyz_deg(Eigen::Vector3f(0.f, yaw, 0.f), previous);
        EXPECT_LT((euler_xyz(e) - R).norm(), 1e-5) << i;
        if (i > 0) {
            EXPECT_LT((e - previous).norm(), 10.0) << i;
        }
        previous = e;
    }
}

TEST(FbxWriter, NonStandardFrameRatesAreCustom) {
    const std::string dir = test::scratch_dir("fbx_writer_fps");
    const core::Take take = test::ramp_take(4, 37.5);
    write_fbx(test::grid_rig(4), &take, dir + "/f.fbx");
    const auto records = test::FbxRecordReader(slurp(dir + "/f.fbx")).read();
    for (const auto* p : top(records, "GlobalSettings").child("Properties70")->all("P")) {
        if (p->str(0) == "TimeMode") {
            EXPECT_EQ(p->integer(4), 14);
        }
        if (p->str(0) == "CustomFrameRate") {
            EXPECT_DOUBLE_EQ(p->number(4), 37.5);
        }
    }
}

TEST(FbxWriter, StaticRigWithoutTextureOrTake) {
    const std::string dir = test::scratch_dir("fbx_writer_static");
    FbxOptions o;
    o.texture = false;
    const ExportedFiles files = write_fbx(test::grid_rig(4), nullptr, dir + "/s.fbx", o);
    EXPECT_EQ(files.paths.size(), 1u);
    const auto records = test::FbxRecordReader(slurp(dir + "/s.fbx")).read();
    for (const auto& o2 : top(records, "Objects").children) {
        EXPECT_NE(o2.name, "AnimationCurve");
        EXPECT_NE(o2.name, "Video");
    }
}

TEST(FbxWriter, CancelLeavesNoFile) {
    const std::string dir = test::scratch_dir("fbx_writer_cancel");
    std::atomic<bool> stop{true};
    const core::Take take = test::ramp_take(10);
    EXPECT_THROW(write_fbx(test::grid_rig(4), &take, dir + "/c.fbx", {}, core::Progress({}, &stop)),
                 core::Cancelled);
    EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 0);
}

}  // namespace
}  // namespace likeness::io
