// The ICT-FaceKit prior on our topology: the neutral lies on ICT's face, the deltas are ICT's
// expressions at the corresponding points, in our frame (axes, origin, size), topology and maps
// unchanged; a missing or malformed folder is a TemplateError naming what is wrong.
#include "engine/face/ict_template.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>

#include "engine/face/ict_comparison.hpp"
#include "engine/face/indexed_obj.hpp"
#include "engine/face/template_error.hpp"
#include "tests/engine/face/template_fixture.hpp"
#include "tests/support/test_paths.hpp"

namespace likeness::face {
namespace {

namespace fs = std::filesystem;

struct Built {
    TemplateRig rig;
    IctTemplateSummary summary;
    double seconds = 0.0;
};

/// The ICT template built once for all tests (a few seconds), or nullptr with `why`.
const Built* shared_ict(std::string* why) {
    static std::unique_ptr<Built> built;
    static std::string error;
    static bool tried = false;
    if (!tried) {
        tried = true;
        const auto folder = test::shared_file("data/ict-facekit");
        const TemplateRig* rig = test::shared_template(&error);
        if (!folder) {
            error = test::missing_shared_message("data/ict-facekit");
        } else if (rig) {
            built = std::make_unique<Built>();
            const auto t0 = std::chrono::steady_clock::now();
            built->rig = ict_template_rig(*rig, *folder, {}, &built->summary);
            built->seconds =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        }
    }
    if (why) *why = error;
    return built.get();
}

#define LIKENESS_NEED_ICT(b)                                    \
    std::string b##_why;                                        \
    const Built* b = shared_ict(&b##_why);                      \
    if (!b) GTEST_SKIP() << b##_why;                            \
    const auto folder = *test::shared_file("data/ict-facekit"); \
    LIKENESS_NEED_TEMPLATE(builtin)

TEST(IctTemplate, KeepsTopologyAndMaps) {
    LIKENESS_NEED_ICT(b);
    const TemplateRig& r = b->rig;
    ASSERT_EQ(r.neutral.vertex_count(), builtin->neutral.vertex_count());
    EXPECT_TRUE(r.neutral.F == builtin->neutral.F);
    EXPECT_TRUE(r.neutral.UV == builtin->neutral.UV);
    EXPECT_EQ(r.ibug68, builtin->ibug68);
    EXPECT_EQ(r.mirror, builtin->mirror);
    EXPECT_EQ(r.shape_names, builtin->shape_names);
    ASSERT_EQ(r.shape_count(), 52);
    EXPECT_EQ(r.attention_uv.size(), 52u);
    EXPECT_EQ(r.uv_size, builtin->uv_size);
    EXPECT_TRUE(r.neutral.V.allFinite());
    for (const auto& d : r.deltas)
        EXPECT_TRUE(d.allFinite());
    // Every shape but tongueOut comes from ICT; tongueOut keeps the builtin delta.
    EXPECT_EQ(b->summary.ict_shapes.size(), 51u);
    EXPECT_EQ(b->summary.builtin_shapes, std::vector<std::string>{"tongueOut"});
    const int tongue = r.shape_index("tongueOut");
    EXPECT_TRUE(r.deltas[static_cast<size_t>(tongue)] ==
                builtin->deltas[static_cast<size_t>(tongue)]);
    std::printf(
        "[ ICT template ] built in %.2f s; scale %.3f, landmark RMS %.2f mm, surface "
        "distance mean %.3f mm max %.2f mm over %d skin vertices, %d unmatched\n",
        b->seconds, b->summary.scale, 10 * b->summary.landmark_rms_cm,
        10 * b->summary.mean_surface_distance_cm, 10 * b->summary.max_surface_distance_cm,
        b->summary.skin_vertices, b->summary.unmatched_vertices);
}

TEST(IctTemplate, RegisteredNeutralLiesOnIctFace) {
    LIKENESS_NEED_ICT(b);
    EXPECT_NEAR(b->summary.scale, 1.f, 0.15f) << "both meshes are real-scale, in cm";
    EXPECT_LT(b->summary.landmark_rms_cm, 0.3f);
    EXPECT_LT(b->summary.mean_surface_distance_cm, 0.05f);
    // No vertex samples a far surface: the largest distance is the registration's residual at
    // the lids and nostrils (a border vertex whose normal is off once took a point 18 mm away).
    EXPECT_LT(b->summary.max_surface_distance_cm, 0.5f);
    EXPECT_EQ(b->summary.unmatched_vertices, 0);
    // Our frame and size are kept: the landmarks' spread matches the builtin's within the
    // registration's accuracy, and ICT's face is not mirrored or rotated.
    const TemplateRig& r = b->rig;
    Eigen::MatrixX3f a(68, 3), c(68, 3);
    for (int k = 0; k < 68; ++k) {
        a.row(k) = r.neutral.V.row(r.ibug68[static_cast<size_t>(k)]);
        c.row(k) = builtin->neutral.V.row(builtin->ibug68[static_cast<size_t>(k)]);
    }
    const Similarity s = fit_similarity(a, c);
    EXPECT_NEAR(s.scale, 1.f, 0.02f);
    EXPECT_GT(s.R.trace(), 2.99f) << "no rotation between the two neutrals";
    EXPECT_LT(s.t.norm(), 0.3f) << "cm";
    // The nose tip (FaceMesh 1) points +z, the chin (152) is below it, subject's left is +x.
    EXPECT_GT(r.neutral.V(1, 2), r.neutral.V(152, 2));
    EXPECT_LT(r.neutral.V(152, 1), r.neutral.V(1, 1));
    EXPECT_GT(r.neutral.V(263, 0), 0.f) << "263: outer corner of the subject's left eye";
}

TEST(IctTemplate, DeltasAreIctExpressionsAtCorrespondingPoints) {
    LIKENESS_NEED_ICT(b);
    const TemplateRig& r = b->rig;
    // Independent check of frames: map the rig's neutral back onto ICT by the landmark similarity
    // and compare each delta with ICT's displacement at the closest ICT point.
    const IctFace ict = read_ict_face(folder);
    Eigen::MatrixX3f src(68, 3), dst(68, 3);
    for (int k = 0; k < 68; ++k) {
        src.row(k) = r.neutral.V.row(r.ibug68[static_cast<size_t>(k)]);
        dst.row(k) = ict.neutral.V.row(ict.landmarks[static_cast<size_t>(k)]);
    }
    const Similarity to_ict = fit_similarity(src, dst);
    std::vector<bool> face_area(static_cast<size_t>(ict.neutral.face_count()));
    for (Eigen::Index f = 0; f < ict.neutral.F.rows(); ++f)
        face_area[static_cast<size_t>(f)] =
            ict.neutral.F.row(f).maxCoeff() < ict.face_area_vertices;
    for (const std::string name : {"jawOpen", "eyeBlinkLeft", "mouthSmileRight", "browInnerUp"}) {
        const int i = r.shape_index(name);
        ASSERT_GE(i, 0);
        core::MatrixX3fR D = core::MatrixX3fR::Zero(ict.neutral.vertex_count(), 3);
        for (const std::string& stem : ict_shape_files(name))
            D += read_indexed_obj(folder + "/" + stem + ".obj", false).V - ict.neutral.V;
        const core::MatrixX3fR& d = r.deltas[static_cast<size_t>(i)];
        // Sampled points: every 7th skin vertex that ICT moves by more than 1 mm.
        double err = 0.0, mag = 0.0;
        int used = 0;
        const ClosestPointQuery q(ict.neutral.V, ict.neutral.F, face_area);
        for (int v = 0; v < r.neutral.vertex_count(); v += 7) {
            const Eigen::Vector3f p = to_ict.apply(r.neutral.V.row(v).transpose());
            const SurfacePoint sp = q.closest(p, 0.2f);
            if (sp.face < 0) continue;
            Eigen::Vector3f expected = Eigen::Vector3f::Zero();
            for (int k = 0; k < 3; ++k)
                expected += sp.barycentric[k] * D.row(ict.neutral.F(sp.face, k)).transpose();
            if (expected.norm() < 0.1f) continue;
            const Eigen::Vector3f got = to_ict.apply_vector(d.row(v).transpose());
            err += (got - expected).norm();
            mag += expected.norm();
            ++used;
        }
        ASSERT_GT(used, 20) << name;
        // Points where two ICT surfaces meet (lips, lids) may sample the other one; on the
        // whole the field is ICT's.
        EXPECT_LT(err / mag, 0.1) << name << ": relative error over " << used << " points";
    }
}

TEST(IctTemplate, ShapesMoveOurFaceTheRightWay) {
    LIKENESS_NEED_ICT(b);
    const TemplateRig& r = b->rig;
    const auto& jaw = r.deltas[static_cast<size_t>(r.shape_index("jawOpen"))];
    EXPECT_LT(jaw(152, 1), -0.5f) << "the chin drops";
    EXPECT_LT(jaw(14, 1), jaw(13, 1) - 0.3f) << "the lower inner lip drops below the upper";
    const auto& blink = r.deltas[static_cast<size_t>(r.shape_index("eyeBlinkLeft"))];
    EXPECT_LT(blink(386, 1), -0.3f) << "386: upper lid of the subject's left eye";
    EXPECT_LT(std::abs(blink(159, 1)), 0.05f) << "159: the right upper lid stays";
    // Attention masks follow the new deltas: the blink's mask is zero on the other eye.
    const auto& mask = r.vertex_attention[static_cast<size_t>(r.shape_index("eyeBlinkLeft"))];
    EXPECT_GT(mask[386], 0.5f);
    EXPECT_EQ(mask[159], 0.f);
}

TEST(IctTemplate, MissingFolderIsATemplateError) {
    LIKENESS_NEED_TEMPLATE(rig);
    const std::string dir = test::scratch_dir("ict_template_missing") + "/nowhere";
    try {
        ict_template_rig(*rig, dir);
        FAIL();
    } catch (const TemplateError& e) {
        EXPECT_NE(std::string(e.what()).find("not found"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find(dir), std::string::npos) << e.what();
    }
}

TEST(IctTemplate, IncompleteOrMalformedFolderIsATemplateError) {
    const auto folder = test::shared_file("data/ict-facekit");
    if (!folder) GTEST_SKIP() << test::missing_shared_message("data/ict-facekit");
    LIKENESS_NEED_TEMPLATE(rig);
    const std::string dir = test::scratch_dir("ict_template_bad");
    fs::remove_all(dir);
    fs::create_directories(dir);
    fs::create_symlink(fs::path(*folder) / "generic_neutral_mesh.obj",
                       fs::path(dir) / "generic_neutral_mesh.obj");
    fs::create_symlink(fs::path(*folder) / "vertex_indices.json",
                       fs::path(dir) / "vertex_indices.json");
    try {
        ict_template_rig(*rig, dir);
        FAIL();
    } catch (const TemplateError& e) {
        EXPECT_NE(std::string(e.what()).find("not an ICT-FaceKit folder"), std::string::npos)
            << e.what();
        EXPECT_NE(std::string(e.what()).find("eyeBlink_L.obj"), std::string::npos) << e.what();
    }
    // All files present, one with the wrong vertex count.
    for (const auto& e : fs::directory_iterator(*folder))
        if (e.path().extension() == ".obj" && !fs::exists(fs::path(dir) / e.path().filename()))
            fs::create_symlink(e.path(), fs::path(dir) / e.path().filename());
    fs::remove(fs::path(dir) / "jawOpen.obj");
    std::ofstream(fs::path(dir) / "jawOpen.obj") << "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n";
    try {
        ict_template_rig(*rig, dir);
        FAIL();
    } catch (const TemplateError& e) {
        EXPECT_NE(std::string(e.what()).find("jawOpen.obj"), std::string::npos) << e.what();
    }
}

TEST(IctTemplate, OptionsAreValidated) {
    IctTemplateOptions o;
    std::string why;
    EXPECT_TRUE(o.is_valid(&why)) << why;
    o.max_distance_cm = 0.f;
    EXPECT_FALSE(o.is_valid(&why));
    EXPECT_NE(why.find("max_distance_cm"), std::string::npos);
    o = {};
    o.registration.iterations = -1;
    EXPECT_FALSE(o.is_valid(&why));
    EXPECT_NE(why.find("registration"), std::string::npos);
}

}  // namespace
}  // namespace likeness::face
