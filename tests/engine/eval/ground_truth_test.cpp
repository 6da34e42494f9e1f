// A small synthetic sequence end to end: written, read back identically, scored (the truth scores
// zero, the template does not), and recognised as a face by our own front end.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "engine/eval/ground_truth_files.hpp"
#include "engine/eval/sequence_score.hpp"
#include "engine/eval/synthesize.hpp"
#include "engine/eval/truth_landmarks.hpp"
#include "engine/face/canonical_mesh.hpp"
#include "engine/io/model_paths.hpp"
#include "engine/nn/face_landmarker.hpp"
#include "tests/engine/face/template_fixture.hpp"
#include "tests/support/face_images.hpp"
#include "tests/support/test_paths.hpp"

namespace likeness::eval {
namespace {

/// Assets without photos or ICT: what the scoreboard falls back to.
SynthAssets bare_assets(const face::TemplateRig& rig) {
    SynthAssets a;
    a.rig = rig;
    return a;
}

SynthOptions small(std::uint64_t seed, int frames) {
    SynthOptions o;
    o.seed = seed;
    o.sequence.frames = frames;
    o.sequence.width = 320;
    o.sequence.height = 240;
    o.background = BackgroundKind::Noise;
    return o;
}

TEST(EvalGroundTruth, WrittenFolderReadsBackAndTheTruthScoresZero) {
    LIKENESS_NEED_TEMPLATE(rig);
    const std::string dir = test::scratch_dir("eval_ground_truth");
    const SynthAssets assets = bare_assets(*rig);
    const SynthResult r = synthesize(dir, small(4, 8), assets);
    for (const char* f : {"video.avi", "ground_truth.json", "subject.bin", "take.json",
                          "landmarks.json", "labels.png", "albedo.png"})
        EXPECT_TRUE(std::filesystem::exists(dir + "/" + f)) << f;
    const GroundTruth gt = read_ground_truth(dir);
    EXPECT_EQ(gt.subject.rig.neutral.V, r.subject.rig.neutral.V);
    EXPECT_EQ(gt.subject.rig.deltas.back(), r.subject.rig.deltas.back());
    EXPECT_EQ(gt.subject.wrinkles.size(), r.subject.wrinkles.size());
    ASSERT_EQ(gt.sequence.frames.size(), 8u);
    EXPECT_EQ(gt.sequence.camera.focal_px, r.sequence.camera.focal_px);
    for (size_t f = 0; f < 8; ++f) {
        EXPECT_EQ(gt.sequence.frames[f].label, r.sequence.frames[f].label);
        for (size_t k = 0; k < 52; ++k)
            EXPECT_NEAR(gt.sequence.frames[f].w[k], r.sequence.frames[f].w[k], 1e-6f);
        EXPECT_LT((gt.sequence.frames[f].landmarks468 - r.sequence.frames[f].landmarks468)
                      .cwiseAbs()
                      .maxCoeff(),
                  1e-3f);
        EXPECT_LT((gt.sequence.frames[f].pose.rotation - r.sequence.frames[f].pose.rotation).norm(),
                  1e-6f);
    }

    Reconstruction truth;
    truth.name = "truth";
    truth.model = gt.subject.rig;
    truth.landmarks68 = gt.landmarks68;
    truth.take = gt.sequence.take();
    for (const GroundTruthFrame& g : gt.sequence.frames)
        truth.lighting.push_back(g.lighting);
    ScoreOptions o;
    o.max_3d_frames = 3;
    const SequenceScores s = score_reconstruction(gt, truth, o);
    EXPECT_LT(s.surface_mm.mean, 1e-3);
    EXPECT_LT(s.neutral_surface_mm, 1e-3);
    EXPECT_LT(s.nme_percent.mean, 1e-3);
    EXPECT_EQ(s.weight_mae, 0.0);
    ASSERT_TRUE(s.photometric.has_value());
    EXPECT_LT(s.photometric->mean, 12.0) << "noise, compression and wrinkles only";
    ASSERT_TRUE(s.albedo_error.has_value());
    EXPECT_LT(*s.albedo_error, 1e-3) << "the true albedo, read back from subject.bin";
    EXPECT_EQ(s.expression_energy_mm.mean, 0.0);
    EXPECT_GT(s.neutral_frames, 0) << "a sequence opens neutral";
    EXPECT_LT(s.surface_similarity_mm.mean, 1e-3);
    EXPECT_LT(s.neutral_similarity_mm, 1e-3);

    // The truth 6 % larger (and farther): the same pictures, the same shape, another size. The
    // rigid 3D error charges the size, the similarity-aligned one does not.
    const SequenceScores big = score_reconstruction(
        gt, scaled_truth_reconstruction(gt.subject.rig, gt.landmarks68, truth.take,
                                        truth.lighting, 1.06f),
        o);
    EXPECT_LT(big.nme_percent.mean, 1e-3) << "it projects as the truth does";
    EXPECT_LT(big.photometric->mean, s.photometric->mean + 0.5);
    EXPECT_GT(big.surface_mm.mean, 0.5) << "3 % of a face's extent is millimetres";
    EXPECT_GT(big.neutral_surface_mm, 0.5);
    EXPECT_LT(big.surface_similarity_mm.mean, 0.05);
    EXPECT_LT(big.neutral_similarity_mm, 0.05);

    const SequenceScores t =
        score_reconstruction(gt, template_reconstruction(*rig, truth.take, truth.lighting), o);
    EXPECT_GT(t.surface_mm.mean, 0.3) << "the template is not this person";
    EXPECT_GT(t.neutral_surface_mm, 0.3);
    EXPECT_GT(t.neutral_similarity_mm, 0.1);
    EXPECT_LE(t.neutral_similarity_mm, t.neutral_surface_mm + 1e-6)
        << "a scale can only help the alignment";
    ASSERT_TRUE(t.blendshape_error_mm && t.template_blendshape_error_mm);
    EXPECT_NEAR(*t.blendshape_error_mm, *t.template_blendshape_error_mm, 0.01)
        << "the template's error is its missing deviations (up to the alignment's rotation)";
    EXPECT_GT(t.photometric->mean, s.photometric->mean);

    Reconstruction wrong = truth;
    wrong.take.frames.pop_back();
    EXPECT_THROW(score_reconstruction(gt, wrong, o), std::invalid_argument);
}

TEST(EvalGroundTruth, MissingOrForeignFoldersSayWhatIsWrong) {
    const std::string dir = test::scratch_dir("eval_ground_truth_bad");
    EXPECT_THROW(read_ground_truth(dir), GroundTruthError);
    std::ofstream(dir + "/ground_truth.json") << "{\"format\": \"something-else\", \"version\": 1}";
    try {
        read_ground_truth(dir);
        FAIL() << "a foreign file was accepted";
    } catch (const GroundTruthError& e) {
        EXPECT_NE(std::string(e.what()).find("ground_truth.json"), std::string::npos);
    }
}

TEST(EvalGroundTruth, TruthLandmarksFollowTheFrontEndsLayout) {
    GroundTruthFrame g;
    g.landmarks468 = core::MatrixX2fR::Random(468, 2) * 50.f;
    g.landmarks468.array() += 200.f;
    g.depth468 = Eigen::VectorXf::Constant(468, 50.f);
    Rng rng(1);
    const nn::FrameLandmarks exact =
        truth_landmarks(g, core::Camera::centered(400, 400, 400.f), 0.f, rng);
    EXPECT_EQ(exact.mesh.rows(), 468);
    EXPECT_EQ(core::MatrixX2fR(exact.mesh.leftCols<2>()), g.landmarks468);
    EXPECT_EQ(exact.face_flag, 1.f);
    EXPECT_GT(exact.box.width(), exact.mesh_bounds().width());
    const nn::FrameLandmarks noisy =
        truth_landmarks(g, core::Camera::centered(400, 400, 400.f), 2.f, rng);
    const double rms =
        std::sqrt((noisy.mesh.leftCols<2>() - g.landmarks468).squaredNorm() / (2 * 468));
    EXPECT_NEAR(rms, 2.0, 0.3);
}

TEST(EvalGroundTruth, OurFrontEndFindsTheRenderedFace) {
    LIKENESS_NEED_TEMPLATE(rig);
    std::string why;
    const auto photo = test::demo_face(&why);
    if (!photo) GTEST_SKIP() << why;
    const io::ModelPaths models = io::find_models();
    nn::FaceLandmarker landmarker(models);
    const auto face = landmarker.find_face(*photo);
    ASSERT_TRUE(face.has_value());
    SynthAssets assets = bare_assets(*rig);
    PhotoAlbedoOptions ao;
    ao.size = rig->texture_size;
    assets.albedos.push_back(unwrap_photo_albedo(
        *photo, face->mesh, face::read_canonical_mesh(models.mediapipe_face_mesh()), ao));
    SynthOptions o = small(11, 6);
    o.sequence.width = 480;
    o.sequence.height = 360;
    o.keep_frames = true;
    const SynthResult r = synthesize(test::scratch_dir("eval_front_end"), o, assets);
    const GroundTruth gt = read_ground_truth(r.folder);
    std::vector<std::optional<core::MatrixX2fR>> found;
    for (const cv::Mat& frame : r.frames) {
        const auto lm = landmarker.find_face(frame);
        found.push_back(
            lm ? std::optional<core::MatrixX2fR>(core::MatrixX2fR(lm->ibug68().leftCols<2>()))
               : std::nullopt);
    }
    const FrontEndScores fe = score_front_end(gt, found);
    EXPECT_GE(fe.detected, 5) << "of 6 frames";
    EXPECT_LT(fe.nme_percent.mean, 6.0);
}

}  // namespace
}  // namespace likeness::eval
