// The pipeline on in-memory synthetic frames: frames without a face are flagged and skipped,
// one frame is enough (single-image reconstruction), no face at all is a clear error, the final
// pass follows the ablation row, and the session it produces saves and reopens.
#include "engine/fit/session_pipeline.hpp"

#include <gtest/gtest.h>
#include <omp.h>

#include <cmath>

#include "engine/fit/session_file.hpp"
#include "tests/engine/face/template_fixture.hpp"
#include "tests/engine/fit/fit_test_scenes.hpp"
#include "tests/support/test_paths.hpp"

namespace likeness::fit {
namespace {

/// Light settings: small crops and few iterations (the pipeline's plumbing is under test).
PersonalizeOptions quick_options() {
    PersonalizeOptions o;
    o.model_frames = 3;
    o.observation.crop_size = 96;
    o.albedo_size = 64;
    o.schedule.stage1_rounds = 1;
    o.schedule.first_round_tracker_iterations = 6;
    o.schedule.stage1_model_iterations = 3;
    o.schedule.landmark_geometry_iterations = 2;
    o.schedule.stage2_model_iterations = 3;
    o.tracking.observation.crop_size = 64;
    return o;
}

struct Clip {
    std::vector<cv::Mat> frames;
    std::vector<Landmarks2d> landmarks;
};

/// `count` frames whose expression grows by `rate` a frame.
Clip synthetic_clip(const face::TemplateRig& rig, int count, float rate = 0.2f) {
    const face::PersonalModel model = face::personal_model_from_template(rig, 64);
    const core::Camera camera = fit_test::frame_camera(160);
    Clip c;
    for (int i = 0; i < count; ++i) {
        const FrameParameters p = fit_test::truth_parameters(model, camera, rate * i, 20 + i);
        const fit_test::SyntheticFrame f = fit_test::render_frame(model, p, camera);
        c.frames.push_back(f.rgb8);
        c.landmarks.push_back(f.landmarks_px);
    }
    return c;
}

TEST(SessionPipeline, FlagsFramesWithoutAFace) {
    LIKENESS_NEED_TEMPLATE(rig);
    Clip clip = synthetic_clip(*rig, 5);
    clip.landmarks[2].reset();
    clip.frames[2] = cv::Mat(160, 160, CV_8UC3, cv::Scalar(90, 95, 100));
    auto input = memory_input(clip.frames, clip.landmarks, 30.0);
    PipelineReport report;
    const Session s = personalize_input(*input, *rig, quick_options(), &report);
    ASSERT_EQ(s.take.frame_count(), 5);
    ASSERT_EQ(s.frames.size(), 5u);
    EXPECT_FALSE(s.take.frames[2].has_face);
    EXPECT_FALSE(s.frames[2].has_face);
    for (int i : {0, 1, 3, 4}) {
        EXPECT_TRUE(s.take.frames[static_cast<size_t>(i)].has_face) << i;
        EXPECT_LT(s.frames[static_cast<size_t>(i)].landmark_px, 5.f) << i;
    }
    EXPECT_EQ(report.frames, 5);
    EXPECT_EQ(report.frames_with_face, 4);
    EXPECT_LE(s.model_frames.size(), 3u);
    for (int64_t f : s.model_frames)
        EXPECT_NE(f, 2);
    std::string why;
    EXPECT_TRUE(s.is_valid(&why)) << why;
    // Saved and reopened without recomputation.
    const std::string path = test::scratch_dir("pipeline_session") + "/s.likeness";
    write_session(s, path);
    const Session r = read_session(path);
    EXPECT_EQ(r.take.frame_count(), 5);
    EXPECT_EQ(r.model_frames, s.model_frames);
}

TEST(SessionPipeline, TrackingInTwoSegmentsKeepsEveryFrame) {
    // With two threads the final pass tracks the second half of the buffered frames from a cold
    // start beside the first half: every frame keeps its place and its flag, and the fits agree
    // with the sequential pass.
    LIKENESS_NEED_TEMPLATE(rig);
    Clip clip = synthetic_clip(*rig, 40, 0.025f);
    clip.landmarks[30].reset();
    const face::PersonalModel model = face::personal_model_from_template(*rig, 64);
    TrackOptions o = default_track_options();
    o.observation.crop_size = 64;
    const core::Camera camera = fit_test::frame_camera(160);
    const int threads = omp_get_max_threads();
    Session one, two;
    omp_set_num_threads(1);
    auto input1 = memory_input(clip.frames, clip.landmarks, 30.0);
    track_input(*input1, model, camera, o, &one);
    omp_set_num_threads(2);
    auto input2 = memory_input(clip.frames, clip.landmarks, 30.0);
    track_input(*input2, model, camera, o, &two);
    omp_set_num_threads(threads);
    ASSERT_EQ(one.take.frame_count(), 40);
    ASSERT_EQ(two.take.frame_count(), 40);
    ASSERT_EQ(two.frames.size(), 40u);
    double w_diff = 0.0, lm_diff = 0.0;
    for (size_t i = 0; i < 40; ++i) {
        EXPECT_EQ(two.take.frames[i].has_face, i != 30) << i;
        EXPECT_EQ(two.frames[i].has_face, one.frames[i].has_face) << i;
        if (!two.frames[i].has_face) continue;
        EXPECT_LT(two.frames[i].landmark_px, one.frames[i].landmark_px + 1.f) << i;
        lm_diff += two.frames[i].landmark_px - one.frames[i].landmark_px;
        for (size_t k = 0; k < two.take.frames[i].weights.size(); ++k)
            w_diff += std::abs(two.take.frames[i].weights[k] - one.take.frames[i].weights[k]);
    }
    EXPECT_LT(w_diff / (39.0 * core::kTakeWeightCount), 0.02);
    EXPECT_LT(lm_diff / 39.0, 0.2);
}

TEST(SessionPipeline, OneFrameIsSingleImageReconstruction) {
    LIKENESS_NEED_TEMPLATE(rig);
    Clip clip = synthetic_clip(*rig, 1);
    auto input = memory_input(clip.frames, clip.landmarks, 30.0);
    const Session s = personalize_input(*input, *rig, quick_options());
    ASSERT_EQ(s.take.frame_count(), 1);
    EXPECT_TRUE(s.take.frames[0].has_face);
    EXPECT_EQ(s.model_frames, std::vector<int64_t>{0});
}

TEST(SessionPipeline, ParsingImagesFromElsewhereReplaceThePolygons) {
    LIKENESS_NEED_TEMPLATE(rig);
    Clip clip = synthetic_clip(*rig, 4);
    auto input = memory_input(clip.frames, clip.landmarks, 30.0);
    PersonalizeOptions o = quick_options();
    std::vector<int64_t> asked;
    o.parsing_images = [&](int64_t frame, const CropWindow& window) {
        asked.push_back(frame);
        EXPECT_EQ(window.size, o.observation.crop_size);
        // The window is the one the frame's landmarks give (frame_observation.hpp).
        const CropWindow expected = crop_window_around(*clip.landmarks[static_cast<size_t>(frame)],
                                                       window.size, o.observation.margin);
        EXPECT_FLOAT_EQ(window.x0, expected.x0);
        EXPECT_FLOAT_EQ(window.side, expected.side);
        return cv::Mat(window.size, window.size, CV_32FC3, cv::Scalar::all(0.f));
    };
    const Session s = personalize_input(*input, *rig, o);
    EXPECT_EQ(asked, s.model_frames) << "once per modeling frame, in order";
    o.parsing_images = [](int64_t, const CropWindow& window) {
        return cv::Mat(window.size / 2, window.size / 2, CV_32FC3, cv::Scalar::all(0.f));
    };
    EXPECT_THROW(personalize_input(*input, *rig, o), std::invalid_argument);
}

TEST(SessionPipeline, FinalPassFollowsTheAblationRow) {
    PersonalizeOptions o;
    // A finished model tracks without the parsing term by default (default_track_options);
    // with it asked for, rows A–C still leave it out.
    EXPECT_EQ(o.tracking.tracker.weights.parsing, 0.0);
    EXPECT_FALSE(o.tracking.observation.parsing);
    o.tracking.tracker.weights.parsing = LossWeights{}.parsing;
    o.tracking.observation.parsing = true;
    for (Ablation row : {Ablation::A, Ablation::B, Ablation::C}) {
        o.schedule.ablation = row;
        const TrackOptions t = final_pass_options(o);
        EXPECT_EQ(t.tracker.weights.parsing, 0.0) << "row " << static_cast<int>(row);
        EXPECT_FALSE(t.observation.parsing) << "row " << static_cast<int>(row);
        EXPECT_EQ(t.tracker.weights.photometric, o.tracking.tracker.weights.photometric);
        EXPECT_EQ(t.tracker.max_iterations, o.tracking.tracker.max_iterations);
    }
    for (Ablation row : {Ablation::D, Ablation::Final}) {
        o.schedule.ablation = row;
        const TrackOptions t = final_pass_options(o);
        EXPECT_EQ(t.tracker.weights.parsing, o.tracking.tracker.weights.parsing);
        EXPECT_TRUE(t.observation.parsing);
    }
}

// The preview preset does less of every part of the schedule than the default, and is valid.
TEST(SessionPipeline, QuickPresetIsLighterThanTheDefault) {
    const PersonalizeOptions d, q = quick_personalize_options();
    std::string why;
    EXPECT_TRUE(q.is_valid(&why)) << why;
    EXPECT_LT(q.model_frames, d.model_frames);
    EXPECT_LT(q.schedule.stage1_rounds, d.schedule.stage1_rounds);
    EXPECT_LT(q.schedule.landmark_pose_passes, d.schedule.landmark_pose_passes);
    EXPECT_LT(q.schedule.landmark_geometry_iterations, d.schedule.landmark_geometry_iterations);
    EXPECT_LT(q.schedule.stage2_model_iterations, d.schedule.stage2_model_iterations);
}

TEST(SessionPipeline, NoFaceIsAnError) {
    LIKENESS_NEED_TEMPLATE(rig);
    std::vector<cv::Mat> frames(3, cv::Mat(64, 64, CV_8UC3, cv::Scalar(10, 20, 30)));
    std::vector<Landmarks2d> none(3);
    auto input = memory_input(frames, none, 30.0);
    try {
        personalize_input(*input, *rig, quick_options());
        ADD_FAILURE() << "personalized a video without a face";
    } catch (const NoFaceError& e) {
        EXPECT_NE(std::string(e.what()).find("no face"), std::string::npos);
    }
}

}  // namespace
}  // namespace likeness::fit
