// The modeling problem on the template face: its gradient against finite differences (albedo
// texels through the photometric term; shape texels through the smooth terms — landmarks,
// eq. 6, eq. 7, priors — where rasterisation cannot make differences jump), and the schedule
// recovering a person the model can represent from a few synthetic frames.
#include "engine/fit/model_problem.hpp"

#include <gtest/gtest.h>

#include <random>

#include "engine/face/personal_model.hpp"
#include "engine/fit/model_solver.hpp"
#include "engine/fit/personalization.hpp"
#include "tests/engine/face/template_fixture.hpp"
#include "tests/engine/fit/fit_test_scenes.hpp"

namespace likeness::fit {
namespace {

struct Fixture {
    face::PersonalModel base, person;
    core::Camera camera;
    std::vector<FrameParameters> truth;
    std::vector<FrameObservation> frames;
};

const Fixture* shared_fixture(std::string* why) {
    static std::unique_ptr<Fixture> f;
    const face::TemplateRig* rig = likeness::test::shared_template(why);
    if (!rig) return nullptr;
    if (!f) {
        f = std::make_unique<Fixture>();
        f->base = face::personal_model_from_template(*rig, 128);
        f->person = fit_test::test_person(f->base);
        f->camera = fit_test::frame_camera(256);
        const float strengths[] = {0.f, 1.f, 0.6f, 0.3f};
        for (int n = 0; n < 4; ++n) {
            f->truth.push_back(
                fit_test::truth_parameters(f->person, f->camera, strengths[n], 10 + n));
            const fit_test::SyntheticFrame sf =
                fit_test::render_frame(f->person, f->truth.back(), f->camera);
            ObservationOptions oo;
            oo.crop_size = 128;
            f->frames.push_back(make_observation(sf.rgb8, sf.landmarks_px, n, oo));
        }
    }
    return f.get();
}

#define NEED_FIXTURE(f)                          \
    std::string f##_why;                         \
    const Fixture* f = shared_fixture(&f##_why); \
    if (!f) GTEST_SKIP() << f##_why

/// Central differences of the problem's cost along single unknowns of block `field`.
void check_gradient(ModelProblem& problem, CorrectionLayout::Field field, int count, float h,
                    double tolerance) {
    Eigen::VectorXf x = problem.current();
    std::mt19937 rng(7);
    std::normal_distribution<float> n(0.f, 0.02f);
    for (Eigen::Index i = 0; i < x.size(); ++i)
        x[i] += n(rng);
    Eigen::VectorXf g;
    problem.evaluate(x, &g, nullptr);
    std::vector<Eigen::Index> picks;
    for (const auto& b : problem.layout().blocks())
        if (b.field == field)
            for (size_t k = 0; k < b.texels.size(); k += 97)
                picks.push_back(b.offset + 3 * static_cast<Eigen::Index>(k) +
                                static_cast<Eigen::Index>(k % 3));
    std::shuffle(picks.begin(), picks.end(), rng);
    int checked = 0;
    double worst = 0.0, scale = 0.0;
    for (Eigen::Index i : picks) {
        if (g[i] == 0.f) continue;
        Eigen::VectorXf a = x, b = x;
        a[i] += h;
        b[i] -= h;
        const double fd =
            (problem.evaluate(a, nullptr, nullptr) - problem.evaluate(b, nullptr, nullptr)) /
            (2.0 * h);
        worst = std::max(worst, std::abs(fd - g[i]));
        scale = std::max(scale, std::abs(fd));
        if (++checked == count) break;
    }
    ASSERT_GT(checked, count / 2);
    EXPECT_LT(worst / scale, tolerance);
}

TEST(ModelProblem, AlbedoGradientMatchesFiniteDifferences) {
    NEED_FIXTURE(f);
    face::PersonalModel model = f->base;
    const FitContext context = make_fit_context(model);
    std::vector<ModelFrame> frames;
    for (size_t n = 0; n < f->frames.size(); ++n)
        frames.push_back({&f->frames[n], f->truth[n]});
    LossWeights w;
    w.landmark = w.parsing = 0.0;
    CorrectionSet set;
    set.identity_shape = set.expression_shapes = false;
    ModelProblem problem(&model, context, frames, f->camera, set, w);
    check_gradient(problem, CorrectionLayout::Field::StaticAlbedo, 25, 1e-3f, 2e-2);
    check_gradient(problem, CorrectionLayout::Field::DynamicAlbedo, 25, 1e-3f, 2e-2);
}

TEST(ModelProblem, ShapeGradientOfSmoothTermsMatchesFiniteDifferences) {
    NEED_FIXTURE(f);
    face::PersonalModel model = f->base;
    const FitContext context = make_fit_context(model);
    std::vector<ModelFrame> frames;
    for (size_t n = 0; n < f->frames.size(); ++n)
        frames.push_back({&f->frames[n], f->truth[n]});
    LossWeights w;
    w.photometric = w.image_gradient = w.parsing = 0.0;
    w.blendshape_gradient = 3.0;
    frames[0].observation = &f->frames[0];
    CorrectionSet set;
    set.static_albedo = set.dynamic_albedo = false;
    ModelProblem problem(&model, context, frames, f->camera, set, w);
    check_gradient(problem, CorrectionLayout::Field::IdentityShape, 25, 1e-3f, 2e-2);
    check_gradient(problem, CorrectionLayout::Field::Shape, 25, 1e-3f, 2e-2);
}

// The blendshape corrections' Laplacian (LossWeights::shape_smoothness) and the modeling
// landmark multiplier (correction_landmark) alone and together with eq. 7 and the prior.
TEST(ModelProblem, ShapeGradientOfShapeLaplacianMatchesFiniteDifferences) {
    NEED_FIXTURE(f);
    face::PersonalModel model = f->base;
    const FitContext context = make_fit_context(model);
    std::vector<ModelFrame> frames;
    for (size_t n = 0; n < f->frames.size(); ++n)
        frames.push_back({&f->frames[n], f->truth[n]});
    LossWeights w;
    w.photometric = w.image_gradient = w.parsing = 0.0;
    w.shape_smoothness = 40.0;
    w.correction_landmark = 0.3;
    CorrectionSet set;
    set.static_albedo = set.dynamic_albedo = false;
    set.identity_shape = false;
    {
        ModelProblem problem(&model, context, frames, f->camera, set, w);
        EXPECT_DOUBLE_EQ(problem.weights().landmark, 0.3 * LossWeights{}.landmark);
        check_gradient(problem, CorrectionLayout::Field::Shape, 25, 1e-3f, 2e-2);
    }
    w.landmark = w.blendshape_gradient = w.shape_prior = 0.0;
    ModelProblem alone(&model, context, frames, f->camera, set, w);
    check_gradient(alone, CorrectionLayout::Field::Shape, 25, 1e-3f, 2e-2);
}

// Measured landmarks pull the corrections harder and leave them less smoothed; a detector's
// keep the defaults; tracking's λlm is the same for both.
TEST(LandmarkTrust, MeasuredLandmarksPullHarderAndAreSmoothedLess) {
    LossWeights base;
    const LossWeights detector = landmark_trust_weights(base, LandmarkTrust::Detector);
    const LossWeights measured = landmark_trust_weights(base, LandmarkTrust::Measured);
    EXPECT_EQ(detector.correction_landmark, base.correction_landmark);
    EXPECT_EQ(detector.smoothness, base.smoothness);
    EXPECT_EQ(detector.shape_smoothness, base.shape_smoothness);
    EXPECT_GT(measured.correction_landmark, base.correction_landmark);
    EXPECT_LT(measured.smoothness, base.smoothness);
    EXPECT_LT(measured.shape_smoothness, base.shape_smoothness);
    EXPECT_EQ(measured.landmark, base.landmark);
    std::string why;
    EXPECT_TRUE(measured.is_valid(&why)) << why;
}

TEST(Personalization, Stage1FrameSolvesLeaveTheParsingTermToModeling) {
    PersonalizationOptions o;
    ASSERT_GT(o.weights.parsing, 0.0);
    for (Ablation row : {Ablation::C, Ablation::D, Ablation::Final}) {
        o.ablation = row;
        const LossWeights W = ablation_settings(row, o.weights).weights;
        for (int round : {0, 1, 2}) {
            const TrackerOptions t = stage1_round_tracker_options(o, round);
            EXPECT_EQ(t.weights.parsing, 0.0);
            EXPECT_EQ(t.weights.photometric, W.photometric);
            EXPECT_EQ(t.weights.landmark, W.landmark);
            EXPECT_EQ(t.weights.blendshape_gradient, W.blendshape_gradient);
            EXPECT_EQ(t.max_iterations, round == 0 ? o.first_round_tracker_iterations
                                                   : o.stage1_tracker_iterations);
            EXPECT_EQ(t.landmark_warmup_iterations > 0, round == 0);
            EXPECT_EQ(t.focal_terms, o.estimate_focal);
            EXPECT_FALSE(t.exact_normal_directions);
        }
    }
}

// solve_model with an H0 handed in: the one it would build gives the same solve; one built
// before the poses moved still descends the cost nearly as far as a fresh one (how the
// landmark geometry step's pose passes share a factorisation).
TEST(ModelSolver, AnEarlierPreconditionerServesAfterThePosesMove) {
    NEED_FIXTURE(f);
    const FitContext context = make_fit_context(f->base);
    std::vector<ModelFrame> frames;
    for (size_t n = 0; n < f->frames.size(); ++n)
        frames.push_back({&f->frames[n], f->truth[n]});
    LossWeights w;
    w.photometric = w.image_gradient = w.parsing = 0.0;
    CorrectionSet set;
    set.static_albedo = set.dynamic_albedo = false;
    ModelSolverOptions mo;
    mo.precondition = true;
    mo.lbfgs.max_iterations = 6;
    auto solve = [&](const std::vector<ModelFrame>& at, const std::vector<ModelFrame>& h0_at,
                     bool hand_in, Eigen::VectorXf* x) {
        face::PersonalModel model = f->base;
        ModelProblem problem(&model, context, h0_at, f->camera, set, w);
        const CorrectionPreconditioner h0 = build_preconditioner(problem, 0.0);
        problem.set_frames(at);
        const ModelSolverSummary s = solve_model(problem, mo, {}, hand_in ? &h0 : nullptr);
        *x = problem.current();
        return s;
    };
    Eigen::VectorXf built, given;
    const ModelSolverSummary a = solve(frames, frames, false, &built);
    const ModelSolverSummary b = solve(frames, frames, true, &given);
    EXPECT_EQ(a.final_cost, b.final_cost);
    EXPECT_EQ((built - given).cwiseAbs().maxCoeff(), 0.f);

    std::vector<ModelFrame> moved = frames;
    for (size_t n = 0; n < moved.size(); ++n) {
        moved[n].parameters.pose.rotation += Eigen::Vector3f(0.03f, -0.05f, 0.02f);
        moved[n].parameters.pose.translation_cm += Eigen::Vector3f(0.2f, -0.1f, 0.5f);
    }
    Eigen::VectorXf unused;
    const ModelSolverSummary fresh = solve(moved, moved, false, &unused);
    const ModelSolverSummary stale = solve(moved, frames, true, &unused);
    std::printf("[ h0       ] cost %.5g -> %.5g with a fresh H0, -> %.5g with the earlier one\n",
                fresh.initial_cost, fresh.final_cost, stale.final_cost);
    ASSERT_GT(fresh.initial_cost, fresh.final_cost);
    EXPECT_LT(stale.final_cost, stale.initial_cost);
    EXPECT_GT(stale.initial_cost - stale.final_cost,
              0.8 * (fresh.initial_cost - fresh.final_cost));
}

TEST(Personalization, RejectsPosePassesOutOfRange) {
    PersonalizationOptions o;
    std::string why;
    EXPECT_TRUE(o.is_valid(&why)) << why;
    o.landmark_pose_passes = -1;
    EXPECT_FALSE(o.is_valid(&why));
    EXPECT_NE(why.find("landmark_pose_passes"), std::string::npos) << why;
}

// The landmark geometry step alternates the shape solve with landmark refits of the poses; the
// passes lower the landmark error the step ends with (both halves descend the landmark term).
TEST(Personalization, PosePassesFitTheLandmarksCloser) {
    NEED_FIXTURE(f);
    auto after_geometry = [&](int passes) {
        face::PersonalModel model = f->base;
        PersonalizationOptions o;
        o.ablation = Ablation::B;
        o.estimate_focal = false;
        o.stage1_rounds = 1;
        o.first_round_tracker_iterations = 8;
        o.stage1_model_iterations = 0;
        o.stage2_model_iterations = 0;
        o.landmark_pose_passes = passes;
        core::Camera camera = f->camera;
        std::vector<FrameParameters> params;
        const PersonalizationSummary s = personalize(f->frames, o, &model, &params, &camera);
        EXPECT_TRUE(s.ok) << s.message;
        for (const StageReport& r : s.stages)
            if (r.name == "stage 1 round 1 landmark geometry") return r.landmark_px;
        ADD_FAILURE() << "no landmark geometry stage";
        return 0.0;
    };
    const double single = after_geometry(0), passes = after_geometry(3);
    std::printf("[ geometry ] landmarks after the geometry step %.3f px, with 3 pose passes %.3f\n",
                single, passes);
    EXPECT_LT(passes, single);
}

// Stage 1's focal step is kept only when the frames' cost falls. Template only (row A: no
// corrections, so nothing but tracking and the focal length changes between rounds), started
// at the true focal length.
TEST(Personalization, FocalStepsKeepTheTrackingFromGettingWorse) {
    NEED_FIXTURE(f);
    face::PersonalModel model = f->base;
    PersonalizationOptions o;
    o.ablation = Ablation::A;
    o.stage1_rounds = 5;
    core::Camera camera = f->camera;
    std::vector<FrameParameters> params;
    const PersonalizationSummary s = personalize(f->frames, o, &model, &params, &camera);
    ASSERT_TRUE(s.ok) << s.message;
    ASSERT_EQ(s.stages.size(), 6u);  // start, 5 rounds of tracking (no corrections to model)
    for (size_t k = 2; k < s.stages.size(); ++k) {
        const TermCosts &prev = s.stages[k - 1].terms, &now = s.stages[k].terms;
        std::printf("[ focal    ] %s: cost %.4f -> %.4f\n", s.stages[k].name.c_str(), prev.total,
                    now.total);
        // Unchecked, round 3's step raised it 42.74 -> 44.93 on this fixture.
        EXPECT_LE(now.total, prev.total * (1.0 + 1e-4)) << s.stages[k].name;
    }
    std::printf("[ focal    ] %.1f px (truth %.1f)\n", camera.focal_px, f->camera.focal_px);
    EXPECT_LT(std::abs(camera.focal_px - f->camera.focal_px), 0.05f * f->camera.focal_px);
}

TEST(Personalization, RecoversARepresentablePerson) {
    NEED_FIXTURE(f);
    face::PersonalModel model = f->base;
    PersonalizationOptions o;
    o.estimate_focal = false;
    o.stage1_rounds = 2;
    o.stage1_model_iterations = 8;
    o.stage2_model_iterations = 10;
    o.first_round_tracker_iterations = 12;
    o.stage1_tracker_iterations = 4;
    core::Camera camera = f->camera;  // the true focal length (its estimation: below)
    std::vector<FrameParameters> params;
    const PersonalizationSummary s = personalize(f->frames, o, &model, &params, &camera);
    ASSERT_TRUE(s.ok) << s.message;
    for (const StageReport& r : s.stages)
        std::printf("[ stages   ] %-28s photometric %.4f  landmarks %.2f px  %.2f s\n",
                    r.name.c_str(), r.photometric, r.landmark_px, r.seconds);
    for (const ModelSolverSummary* m : {&s.stage1_model, &s.stage2_model})
        std::printf(
            "[ model    ] %s: %d iterations, %d evaluations, %lld unknowns, cost %.5g -> "
            "%.5g, %.2f s\n",
            m->message.c_str(), m->iterations, m->evaluations, static_cast<long long>(m->unknowns),
            m->initial_cost, m->final_cost, m->seconds);
    const Eigen::VectorXf zero = Eigen::VectorXf::Zero(model.shape_count());
    const int L = kLandmarkCount;
    const float before = fit_test::rms_rigid_cm(f->base.shape(zero), f->person.shape(zero), L);
    const float after = fit_test::rms_rigid_cm(model.shape(zero), f->person.shape(zero), L);
    std::printf(
        "[ identity ] landmark-vertex rms after rigid alignment %.2f mm -> %.2f mm, "
        "focal %.1f (truth %.1f)\n",
        10 * before, 10 * after, camera.focal_px, f->camera.focal_px);
    // The person differs from the template by ~0.7 mm at the landmarks; depth is weakly
    // observable from four near-frontal views, so the identity is only checked for sanity here
    // (accuracy is measured on the benchmark's subjects, bench/fit_bench.cpp).
    EXPECT_LT(after, 0.15f);
    EXPECT_LT(s.stages.back().photometric, 0.2 * s.stages.front().photometric);
    EXPECT_LT(s.stages.back().landmark_px, 0.5 * s.stages.front().landmark_px);
}

}  // namespace
}  // namespace likeness::fit
