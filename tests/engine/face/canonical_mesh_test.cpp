// The canonical mesh reader: the installed package's mesh and malformed input.
#include "engine/face/canonical_mesh.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "engine/face/face_openings.hpp"
#include "engine/face/mirror_map.hpp"
#include "engine/face/template_error.hpp"
#include "engine/io/model_paths.hpp"
#include "tests/support/test_paths.hpp"

namespace likeness::face {
namespace {

std::string mediapipe_folder_or_skip(bool* ok) {
    try {
        *ok = true;
        return io::find_models().mediapipe_face_mesh();
    } catch (const io::ModelsNotFound& e) {
        *ok = false;
        return e.what();
    }
}

TEST(TemplateCanonicalMesh, HasFaceMeshTopologyInCentimetres) {
    bool ok = false;
    const std::string folder = mediapipe_folder_or_skip(&ok);
    if (!ok) GTEST_SKIP() << folder;
    const core::Mesh m = read_canonical_mesh(folder);
    EXPECT_EQ(m.vertex_count(), kLandmarkCount);
    EXPECT_EQ(m.face_count(), 898);
    ASSERT_EQ(m.UV.rows(), kLandmarkCount);
    EXPECT_GE(m.UV.minCoeff(), 0.f);
    EXPECT_LE(m.UV.maxCoeff(), 1.f);
    // Subject's left eye outer corner (263) at +x, chin (152) below the nose tip (1), which
    // points out of the face (+z); a face ~15 cm wide.
    EXPECT_GT(m.V(263, 0), 3.f);
    EXPECT_LT(m.V(152, 1), m.V(1, 1) - 5.f);
    EXPECT_GT(m.V(1, 2), m.V(263, 2));
    const core::Bounds b = core::bounds(m);
    EXPECT_NEAR(b.max.x() - b.min.x(), 15.3f, 1.5f);
    float mirror_error = 1.f;
    const auto mirror = mirror_map(m.V, &mirror_error);
    EXPECT_LT(mirror_error, 1e-3f) << "the canonical face is symmetric about x = 0";
    EXPECT_EQ(mirror[263], 33);
}

TEST(TemplateCanonicalMesh, OpeningTheMouthRemovesEighteenTriangles) {
    bool ok = false;
    const std::string folder = mediapipe_folder_or_skip(&ok);
    if (!ok) GTEST_SKIP() << folder;
    const core::Mesh m = read_canonical_mesh(folder);
    const core::Mesh opened = open_mouth(m);
    EXPECT_EQ(opened.face_count(), 898 - kMouthClosingTriangles);
    const auto parts = label_eye_openings(opened);
    int left = 0, right = 0;
    for (TrianglePart p : parts) {
        left += p == TrianglePart::EyeLeft;
        right += p == TrianglePart::EyeRight;
    }
    EXPECT_GT(left, 0);
    EXPECT_EQ(left, right);
    EXPECT_THROW(open_mouth(opened), TemplateError) << "already open: not the canonical mesh";
}

TEST(TemplateCanonicalMesh, MalformedBytesThrowWithAMessage) {
    EXPECT_THROW(parse_canonical_mesh_protobuf(""), TemplateError);
    EXPECT_THROW(parse_canonical_mesh_protobuf(std::string("\x0a\x05\x1d\x00", 4)), TemplateError);
    EXPECT_THROW(parse_canonical_mesh_protobuf("\xff\xff\xff"), TemplateError);
    try {
        parse_canonical_mesh_protobuf(std::string("\x0a\x00", 2));
        FAIL() << "an empty mesh must not parse";
    } catch (const TemplateError& e) {
        EXPECT_NE(std::string(e.what()).find("468"), std::string::npos) << e.what();
    }
}

TEST(TemplateCanonicalMesh, MissingOrTruncatedPackageNamesTheFile) {
    const std::string dir = test::scratch_dir("template_canonical_bad");
    try {
        read_canonical_mesh(dir);
        FAIL();
    } catch (const TemplateError& e) {
        EXPECT_NE(std::string(e.what()).find(dir), std::string::npos) << e.what();
    }
    std::ofstream(dir + "/face_mesh_solution_packed_assets_loader.js")
        << R"({"filename": "/x/geometry_pipeline_metadata_landmarks.binarypb", "start": 0, "end": 900})";
    std::ofstream(dir + "/face_mesh_solution_packed_assets.data") << "short";
    EXPECT_THROW(read_canonical_mesh(dir), TemplateError);
}

}  // namespace
}  // namespace likeness::face
