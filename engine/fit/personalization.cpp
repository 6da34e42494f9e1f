#include "engine/fit/personalization.hpp"

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <memory>

#include "engine/face/personal_model.hpp"

namespace likeness::fit {
namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

StageReport report(const std::string& name, const TermCosts& terms, int frames, double seconds) {
    StageReport r;
    r.name = name;
    r.terms = terms;
    r.photometric = frames > 0 ? terms.photometric / frames : 0.0;
    // L_lm is a weighted mean of squared distances per frame; report its root.
    r.landmark_px = frames > 0 ? std::sqrt(std::max(0.0, terms.landmark / frames)) : 0.0;
    r.seconds = seconds;
    return r;
}

/// Relative focal-length change allowed per round (the focal length is weakly observable: a
/// step driven by a still-wrong identity must not run away).
constexpr double kMaxFocalStep = 0.05;

/// Landmark Gauss–Newton iterations of one pose refit (a warm start from the tracked pose).
constexpr int kPoseRefitIterations = 4;

/// One tracker per thread over the frames; throws core::Cancelled.
std::vector<TrackerSummary> track_frames(const std::vector<FrameObservation>& frames,
                                         const FitContext& context, const TrackerOptions& options,
                                         const core::Camera& camera,
                                         std::vector<FrameParameters>* params,
                                         const core::Progress& progress) {
    const int K = static_cast<int>(frames.size());
    std::vector<TrackerSummary> ts(static_cast<size_t>(K));
    std::atomic<bool> cancelled{false};
    const int threads = K >= kMinFramesForThreads ? std::max(1, omp_get_max_threads()) : 1;
#pragma omp parallel num_threads(threads) if (threads > 1)
    {
        FrameTracker tracker(context, options);
#pragma omp for schedule(dynamic, 1)
        for (int n = 0; n < K; ++n) {
            if (cancelled.load() || progress.cancelled()) {
                cancelled = true;
                continue;
            }
            ts[static_cast<size_t>(n)] = tracker.track(frames[static_cast<size_t>(n)], camera,
                                                       &(*params)[static_cast<size_t>(n)]);
        }
    }
    if (cancelled) throw core::Cancelled();
    return ts;
}

/// The pose half of the landmark geometry's alternation: each frame's R, t refitted to its
/// landmarks with the shape held (the tracker's landmark-only Gauss–Newton; no render-based
/// iterations, lighting and weights untouched).
void refit_poses_to_landmarks(const std::vector<FrameObservation>& frames,
                              const FitContext& context, const TrackerOptions& round_options,
                              const core::Camera& camera, std::vector<FrameParameters>* params,
                              const core::Progress& progress) {
    TrackerOptions o = round_options;
    o.max_iterations = 0;
    o.landmark_warmup_iterations = kPoseRefitIterations;
    o.focal_terms = false;
    track_frames(frames, context, o, camera, params, progress);
}

/// Stage 1's focal step after a round's frame solves, from their summed reduced model
/// ½ a δ² + b δ plus prior·((f + δ − f0)/f0)²: one Gauss–Newton step of at most kMaxFocalStep.
/// The frames' poses follow it with `focal_follow_iterations`, and follow the old focal length
/// with as many; the step is kept only if the frames end lower with it (prior included). Along
/// the focal length the cost is nearly flat (it trades with the face's depth): the model, taken
/// where the frames' solves stopped, promised 0.01-0.1 % of the cost, and unchecked steps
/// walked. fit_bench personalize (the template's own frames, started at the true 1280 px): the
/// focal drifted to 1225 px in 4 rounds and the landmark error after tracking rose 0.69 → 1.06
/// px; checked, it stays at 0.56-0.58 px.
void take_focal_step(const std::vector<FrameObservation>& frames, const FitContext& context,
                     const TrackerOptions& round_options, const PersonalizationOptions& options,
                     double f0, double a, double b, core::Camera* camera,
                     std::vector<FrameParameters>* params, const core::Progress& progress) {
    const double f = camera->focal_px;
    const double pa = 2.0 * options.focal_prior / (f0 * f0);
    const double denom = a + pa;
    if (!(denom > 0.0) || !std::isfinite(b)) return;
    double delta = -(b + pa * (f - f0)) / denom;
    delta = std::clamp(delta, -kMaxFocalStep * f, kMaxFocalStep * f);
    TrackerOptions follow = round_options;
    follow.max_iterations = options.focal_follow_iterations;
    follow.landmark_warmup_iterations = 0;
    follow.focal_terms = false;
    const std::vector<FrameParameters> start = *params;
    const std::vector<TrackerSummary> stay =
        track_frames(frames, context, follow, *camera, params, progress);
    const std::vector<FrameParameters> stayed = *params;
    *params = start;
    camera->focal_px = static_cast<float>(f + delta);
    const std::vector<TrackerSummary> move =
        track_frames(frames, context, follow, *camera, params, progress);
    double stay_cost = 0.5 * pa * (f - f0) * (f - f0);
    double move_cost = 0.5 * pa * (f + delta - f0) * (f + delta - f0);
    for (size_t n = 0; n < stay.size(); ++n)
        if (stay[n].usable() && move[n].usable()) {
            stay_cost += stay[n].final_cost;
            move_cost += move[n].final_cost;
        }
    if (!(move_cost < stay_cost)) {
        camera->focal_px = static_cast<float>(f);
        *params = stayed;
    }
}

}  // namespace

TrackerOptions stage1_tracker_options() {
    TrackerOptions o;
    o.exact_normal_directions = false;
    return o;
}

TrackerOptions stage1_round_tracker_options(const PersonalizationOptions& options, int round) {
    TrackerOptions to = options.tracker;
    to.weights = ablation_settings(options.ablation, options.weights).weights;
    to.weights.parsing = 0.0;
    to.max_iterations =
        round == 0 ? options.first_round_tracker_iterations : options.stage1_tracker_iterations;
    to.landmark_warmup_iterations = round == 0 ? std::max(to.landmark_warmup_iterations, 8) : 0;
    to.focal_terms = options.estimate_focal;
    return to;
}

bool PersonalizationOptions::is_valid(std::string* error) const {
    auto fail = [&](const char* why) {
        if (error) *error = why;
        return false;
    };
    if (!weights.is_valid(error) || !tracker.is_valid(error) || !model_solver.is_valid(error))
        return false;
    if (stage1_rounds < 0 || stage1_rounds > 50) return fail("stage1_rounds must be in [0, 50]");
    if (landmark_pose_passes < 0 || landmark_pose_passes > 20)
        return fail("landmark_pose_passes must be in [0, 20]");
    if (first_round_tracker_iterations < 0 || stage1_tracker_iterations < 0 ||
        stage1_model_iterations < 0 || stage2_model_iterations < 0 || focal_follow_iterations < 0)
        return fail("iteration counts must be >= 0");
    if (!(focal_prior >= 0.0)) return fail("focal_prior must be >= 0");
    return true;
}

PersonalizationSummary personalize(const std::vector<FrameObservation>& frames,
                                   const PersonalizationOptions& options,
                                   face::PersonalModel* model, std::vector<FrameParameters>* params,
                                   core::Camera* camera, const core::Progress& progress) {
    const auto start = Clock::now();
    PersonalizationSummary summary;
    std::string why;
    if (!options.is_valid(&why)) {
        summary.message = "invalid options: " + why;
        return summary;
    }
    const int K = static_cast<int>(frames.size());
    if (K == 0) {
        summary.message = "no frames with a face to personalize from";
        return summary;
    }
    const AblationSettings row = ablation_settings(options.ablation, options.weights);
    if (static_cast<int>(params->size()) != K) {
        params->clear();
        for (const FrameObservation& f : frames)
            params->push_back(initial_parameters(*model, f, *camera));
    }
    const float focal_initial = camera->focal_px;
    const int total_steps = 2 * options.stage1_rounds + 2;  // tracking, modeling per round
    int step = 0;
    auto tick = [&](const std::string& stage) {
        progress.report(static_cast<double>(++step) / total_steps, stage);
    };

    FitContext context = make_fit_context(*model);
    std::vector<ModelFrame> model_frames(static_cast<size_t>(K));
    auto sync_frames = [&]() {
        for (int n = 0; n < K; ++n)
            model_frames[static_cast<size_t>(n)] = {&frames[static_cast<size_t>(n)],
                                                    (*params)[static_cast<size_t>(n)]};
    };
    sync_frames();
    ModelProblem problem(model, context, model_frames, *camera, row.corrections, row.weights);
    auto measure = [&](const std::string& name, double seconds) {
        problem.set_frames(model_frames);
        problem.set_camera(*camera);
        TermCosts t;
        problem.evaluate(problem.current(), nullptr, &t, progress);
        summary.stages.push_back(report(name, t, K, seconds));
    };
    measure("start", 0.0);

    // Stage 1: rounds of tracking (+ focal) and modeling.
    for (int round = 0; round < options.stage1_rounds; ++round) {
        auto t0 = Clock::now();
        const TrackerOptions to = stage1_round_tracker_options(options, round);
        context = make_fit_context(*model);
        std::vector<TrackerSummary> ts =
            track_frames(frames, context, to, *camera, params, progress);
        summary.frames_failed = 0;
        double a = 0.0, b = 0.0;
        for (const TrackerSummary& s : ts) {
            if (!s.usable()) ++summary.frames_failed;
            a += s.focal_a;
            b += s.focal_b;
        }
        if (options.estimate_focal)
            take_focal_step(frames, context, to, options, focal_initial, a, b, camera, params,
                            progress);
        sync_frames();
        measure("stage 1 round " + std::to_string(round + 1) + " tracking", since(t0));
        tick("stage 1: tracking");
        const bool shapes = row.corrections.identity_shape || row.corrections.expression_shapes;
        if (shapes && options.landmark_geometry_iterations > 0) {
            t0 = Clock::now();
            CorrectionSet geometry = row.corrections;
            geometry.static_albedo = geometry.dynamic_albedo = false;
            LossWeights smooth = row.weights;
            smooth.photometric = smooth.image_gradient = smooth.parsing = 0.0;
            ModelSolverOptions mo = options.model_solver;
            mo.kind = ModelSolverKind::Lbfgs;
            mo.lbfgs.max_iterations = options.landmark_geometry_iterations;
            ModelProblem pg(model, context, model_frames, *camera, geometry, smooth);
            // One H0 for the round's passes: a pose refit moves the landmark curvature a little,
            // the factorisation would cost as much as the solve it speeds up.
            const CorrectionPreconditioner h0 = build_preconditioner(pg, mo.precondition_damping);
            for (int pass = 0; pass <= options.landmark_pose_passes; ++pass) {
                if (pass > 0) {
                    refit_poses_to_landmarks(frames, context, to, *camera, params, progress);
                    sync_frames();
                    pg.set_frames(model_frames);
                }
                solve_model(pg, mo, progress, &h0);
            }
            measure("stage 1 round " + std::to_string(round + 1) + " landmark geometry", since(t0));
        }
        if (row.corrections.any() && options.stage1_model_iterations > 0) {
            t0 = Clock::now();
            ModelProblem p1(model, context, model_frames, *camera, row.corrections, row.weights);
            ModelSolverOptions mo = options.model_solver;
            mo.lbfgs.max_iterations = options.stage1_model_iterations;
            mo.adam.iterations = options.stage1_model_iterations;
            summary.stage1_model = solve_model(p1, mo, progress);
            measure("stage 1 round " + std::to_string(round + 1) + " modeling", since(t0));
        }
        tick("stage 1: modeling");
    }
    // Stage 2: tracking fixed, corrections refined.
    if (row.corrections.any() && options.stage2_model_iterations > 0) {
        const auto t0 = Clock::now();
        context = make_fit_context(*model);
        ModelProblem p2(model, context, model_frames, *camera, row.corrections, row.weights);
        ModelSolverOptions mo = options.model_solver;
        mo.lbfgs.max_iterations = options.stage2_model_iterations;
        mo.adam.iterations = options.stage2_model_iterations;
        summary.stage2_model = solve_model(p2, mo, progress);
        measure("stage 2", since(t0));
    }
    tick("stage 2");
    summary.focal_px = camera->focal_px;
    summary.ok = true;
    summary.message = "personalized from " + std::to_string(K) + " frames";
    summary.seconds = since(start);
    return summary;
}

}  // namespace likeness::fit
