#include "engine/fit/session_pipeline.hpp"

#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>

#include "engine/core/version.hpp"
#include "engine/face/template_rig.hpp"
#include "engine/fit/frame_selection.hpp"

namespace likeness::fit {
namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

/// Frame candidates kept for selection; beyond this every other one is dropped (selection then
/// samples a long video at a coarser stride, in bounded memory).
constexpr size_t kMaxCandidates = 20000;

}  // namespace

bool TrackOptions::is_valid(std::string* error) const {
    if (!observation.is_valid(error) || !tracker.is_valid(error)) return false;
    if (cold_start_iterations < 1 || cold_start_iterations > 200) {
        if (error) *error = "cold_start_iterations must be in [1, 200]";
        return false;
    }
    return true;
}

TrackOptions default_track_options() {
    // Chosen on the scoreboard (eval_bench, subject 1000, ground-truth landmarks, row A): against
    // 128 crops with 3 iterations, 96 crops with 3 iterations after 4 landmark-only pose iterations
    // give the same or better 3D error, NME and weight MAE (2.87 vs 2.87 mm, 1.98 vs 2.22 %, 0.214
    // vs 0.224) at ~60 % of the time per frame (fit_bench track). The image-gradient term stays
    // (without it the weight MAE doubles on fit_bench). 2 iterations then raised the NME to 2.9 %;
    // with the damping below a frame's steps are no longer spent on rejected candidates, and 2 now
    // fit as the previous engine's 3 did (fit_bench retrack, synthetic subjects 7 and 8, true
    // landmarks: 3D 0.861 vs 0.843 and 1.197 vs 1.187 mm, NME 1.26 vs 1.28 and 1.00 vs 1.09 %, w
    // MAE 0.0331 vs 0.0328 and 0.0255 vs 0.0263, photo 11.8 vs 11.8 and 9.1 vs 9.2) at 0.65x the
    // time of 3 (which fit better still: 0.856 and 1.183 mm). On the scoreboard (eval_bench seed 1,
    // 3 subjects x 100 frames, true landmarks, final row, same models) 3 iterations track closer
    // than 2: NME 0.44 vs 0.52 %, 3D 1.461 vs 1.485 mm, w MAE 0.027 vs 0.028; we keep 3 (the
    // checkerboard H changes nothing there: NME 0.45 % without it).
    TrackOptions o;
    o.observation.crop_size = 96;
    o.tracker.max_iterations = 3;
    o.tracker.landmark_warmup_iterations = 4;
    o.tracker.relative_tolerance = 1e-3;
    o.tracker.exact_normal_directions = false;
    // A frame's first step needed λ ≈ 0.1-1 (fit_bench track: 9 renders a frame for 2.5 steps
    // from λ = 1e-4; retrack on synthetic subject 7: 5.3 for 3): starting at 0.1 spends 4.1, at
    // the same accuracy (3D 0.857 vs 0.861 mm, NME 1.27 vs 1.29 %, w MAE 0.032 vs 0.033).
    o.tracker.initial_damping = 0.1;
    // H from every other pixel: the same accuracy on retrack (3D 0.856 vs 0.857 mm, NME 1.268 vs
    // 1.273 %, w MAE 0.0323 both), a third less of the normal equations' work.
    o.tracker.checkerboard_hessian = true;
    // The parsing term (eq. 5) shapes the corrections during personalization; a finished model
    // tracks without it. Its targets are drawn from the landmark polygons the landmark term
    // already fits, and on the scoreboard (eval_bench, 3 subjects x 100 frames, true landmarks,
    // final row, the same personal models) tracking without it scores the same: seed 1 3D 1.392
    // vs 1.384 mm, NME 0.44 vs 0.43 %, w MAE 0.021 vs 0.023; seed 2 1.141 vs 1.142 mm, NME 0.53
    // vs 0.50 %, w MAE 0.016 both — while its render and rows were ~30 % of a frame's time
    // (fit_bench track: 14.4-15.1 ms without it, 20.6-22.2 ms with it).
    o.tracker.weights.parsing = 0.0;
    o.observation.parsing = false;
    return o;
}

PersonalizeOptions quick_personalize_options() {
    PersonalizeOptions o;
    o.model_frames = 4;
    o.observation.crop_size = 128;
    o.albedo_size = 128;
    o.schedule.stage1_rounds = 1;
    o.schedule.first_round_tracker_iterations = 8;
    o.schedule.stage1_model_iterations = 4;
    o.schedule.landmark_geometry_iterations = 3;
    o.schedule.landmark_pose_passes = 0;  // one geometry solve a round, as before the passes
    o.schedule.stage2_model_iterations = 6;
    o.tracking.observation.crop_size = 80;
    return o;
}

bool PersonalizeOptions::is_valid(std::string* error) const {
    auto fail = [&](const char* why) {
        if (error) *error = why;
        return false;
    };
    if (!schedule.is_valid(error) || !observation.is_valid(error) || !tracking.is_valid(error))
        return false;
    if (model_frames < 1 || model_frames > 256) return fail("model_frames (K) must be in [1, 256]");
    if (albedo_size < 16 || albedo_size > 2048) return fail("albedo_size must be in [16, 2048]");
    if (!(focal_factor >= kMinFocalFactor && focal_factor <= kMaxFocalFactor))
        return fail("focal_factor must be in [0.2, 5]");
    return true;
}

core::Camera default_camera(int width, int height, float focal_factor) {
    return core::Camera::centered(width, height,
                                  focal_factor * static_cast<float>(std::max(width, height)));
}

TrackOptions final_pass_options(const PersonalizeOptions& options) {
    TrackOptions o = options.tracking;
    o.tracker.weights = ablation_settings(options.schedule.ablation, o.tracker.weights).weights;
    if (o.tracker.weights.parsing <= 0.0) o.observation.parsing = false;
    return o;
}

Session personalize_input(FitInput& input, const face::TemplateRig& rig,
                          const PersonalizeOptions& options, PipelineReport* report,
                          const core::Progress& progress) {
    std::string why;
    if (!options.is_valid(&why)) throw std::invalid_argument("personalize: " + why);
    PipelineReport local;
    PipelineReport& r = report ? *report : local;
    auto t0 = Clock::now();
    std::vector<FrameCandidate> candidates;
    int64_t stride = 1, faces = 0;
    input.scan(
        [&](int64_t index, const Landmarks2d& lm) {
            if (!lm) return;
            ++faces;
            if (index % stride != 0) return;
            candidates.push_back({index, shape_descriptor(*lm)});
            if (candidates.size() >= kMaxCandidates) {
                stride *= 2;
                std::vector<FrameCandidate> kept;
                for (FrameCandidate& c : candidates)
                    if (c.frame_index % stride == 0) kept.push_back(std::move(c));
                candidates.swap(kept);
            }
        },
        progress);
    r.frames = input.frame_count();
    r.frames_with_face = faces;
    r.landmark_seconds = since(t0);
    if (candidates.empty())
        throw NoFaceError("no face found in any of the " + std::to_string(r.frames) + " frames");

    t0 = Clock::now();
    const FrameSelection selection = select_frames(candidates, options.model_frames);
    std::vector<FrameObservation> observations;
    std::vector<int64_t> used;
    for (int64_t index : selection.frames) {
        progress.check();
        const cv::Mat rgb = input.frame(index);
        const Landmarks2d lm = input.landmarks(index);
        if (rgb.empty() || !lm) continue;
        observations.push_back(make_observation(rgb, *lm, index, options.observation));
        if (options.parsing_images && !observations.back().parsing.empty()) {
            cv::Mat& parsing = observations.back().parsing;
            const cv::Mat given = options.parsing_images(index, observations.back().window);
            if (given.type() != CV_32FC3 || given.size() != parsing.size())
                throw std::invalid_argument(
                    "a parsing image must be CV_32FC3 and of the crop's size");
            parsing = given.isContinuous() ? given : given.clone();
        }
        observations.back().neutral = index == selection.neutral_frame;
        used.push_back(index);
    }
    if (observations.empty())
        throw NoFaceError("the frames chosen for personalization could not be read again");
    Session session;
    session.input = "";
    session.width = input.width();
    session.height = input.height();
    session.fps = input.fps();
    session.camera = default_camera(session.width, session.height, options.focal_factor);
    session.ablation = options.schedule.ablation;
    session.model_frames = used;
    session.neutral_frame = selection.neutral_frame;
    session.created_by = std::string("likeness ") + core::version();
    session.model = face::personal_model_from_template(rig, options.albedo_size);
    std::vector<FrameParameters> params;
    r.personalization = personalize(observations, options.schedule, &session.model, &params,
                                    &session.camera, progress);
    session.stages = r.personalization.stages;
    r.modeling_seconds = since(t0);
    track_input(input, session.model, session.camera, final_pass_options(options), &session, &r,
                progress);
    return session;
}

namespace {

/// One frame of the final pass: its observation (none: no face) and its results.
struct PassFrame {
    int64_t index = 0;
    bool observed = false;
    FrameObservation observation;
    core::TakeFrame take;
    FrameFit fit;
};

/// Tracks frames[lead, end) in order, each warm-started from the one before (from *previous
/// when *have_previous, else cold), and stores the results of frames[begin, end) (frames before
/// `begin` only lead the solve in); frames without a face or with a failed solve cold-start the
/// next one. Returns the solver's seconds.
double track_segment(const face::PersonalModel& model, const core::Camera& camera,
                     FrameTracker& warm_tracker, FrameTracker& cold_tracker,
                     std::vector<PassFrame>* frames, size_t lead, size_t begin, size_t end,
                     FrameParameters* previous, bool* have_previous,
                     const core::Progress& progress) {
    double solver = 0.0;
    for (size_t k = lead; k < end; ++k) {
        if (progress.cancelled()) return solver;
        const bool store = k >= begin;
        PassFrame& f = (*frames)[k];
        if (store) f.take.has_face = false;  // until solved (core::TakeFrame defaults to a face)
        if (!f.observed) {
            *have_previous = false;
            continue;
        }
        const auto ts = Clock::now();
        const FrameObservation& obs = f.observation;
        FrameParameters p = *have_previous ? *previous : initial_parameters(model, obs, camera);
        const TrackerSummary s = (*have_previous ? warm_tracker : cold_tracker).track(obs, camera, &p);
        solver += since(ts);
        if (!store) {
            *have_previous = s.usable() && p.all_finite();
            if (*have_previous) *previous = p;
            continue;
        }
        if (s.usable() && p.all_finite()) {
            for (int i = 0; i < core::kTakeWeightCount && i < p.w.size(); ++i)
                f.take.weights[static_cast<size_t>(i)] = std::clamp(p.w[i], 0.f, 1.f);
            f.take.head_rotation = p.pose.rotation;
            f.take.head_translation_cm = p.pose.translation_cm;
            f.fit.has_face = true;
            f.fit.lighting = p.lighting;
            f.fit.photometric = static_cast<float>(s.final_terms.photometric);
            f.fit.landmark_px = static_cast<float>(std::sqrt(std::max(0.0, s.final_terms.landmark)));
            f.fit.iterations = s.iterations;
            *previous = p;
            *have_previous = true;
        } else {
            *have_previous = false;
        }
        f.take.has_face = f.fit.has_face;
    }
    return solver;
}

/// Frames buffered by the final pass before they are tracked: two segments of this many run in
/// parallel; memory stays bounded (a 96² crop with its parsing target is ~0.2 MB a frame).
constexpr size_t kSegmentFrames = 128;
/// The second segment cold-starts this many frames before its first and keeps only its own
/// frames: a cold start needs a few frames to settle (on a fast expression change the first
/// ones missed the landmarks by 1-1.5 px more than the sequential pass did).
constexpr size_t kSegmentLead = 8;
/// Shorter runs of frames (short videos, a video's last frames) stay in one segment.
constexpr size_t kMinFramesPerSegment = 16;

}  // namespace

void track_input(FitInput& input, const face::PersonalModel& model, const core::Camera& camera,
                 const TrackOptions& options, Session* session, PipelineReport* report,
                 const core::Progress& progress) {
    PipelineReport local;
    PipelineReport& r = report ? *report : local;
    if (input.frame_count() == 0) {
        const auto t = Clock::now();
        int64_t faces = 0;
        input.scan([&](int64_t, const Landmarks2d& lm) { faces += lm ? 1 : 0; }, progress);
        r.frames = input.frame_count();
        r.frames_with_face = faces;
        r.landmark_seconds = since(t);
    }
    const auto t0 = Clock::now();
    const FitContext context = make_fit_context(model);
    TrackerOptions cold = options.tracker;
    cold.max_iterations = options.cold_start_iterations;
    cold.landmark_warmup_iterations = std::max(cold.landmark_warmup_iterations, 8);
    // Each frame warm-starts from the previous one, so the pass is sequential; on two or more
    // threads the buffered frames are cut into two segments tracked side by side, the second
    // cold-started at its first frame (as after a gap without a face).
    const int threads = std::min(2, std::max(1, omp_get_max_threads()));
    std::vector<std::unique_ptr<FrameTracker>> warm, cold_trackers;
    for (int i = 0; i < threads; ++i) {
        warm.push_back(std::make_unique<FrameTracker>(context, options.tracker));
        cold_trackers.push_back(std::make_unique<FrameTracker>(context, cold));
    }
    session->take.frames.clear();
    session->frames.clear();
    session->take.fps = input.fps();
    session->fps = input.fps();
    FrameParameters previous;
    bool have_previous = false;
    double solver = 0.0;
    const int64_t total = std::max<int64_t>(1, input.frame_count());
    std::vector<PassFrame> buffer;
    const size_t chunk = threads > 1 ? 2 * kSegmentFrames : 1;
    auto flush = [&]() {
        const size_t n = buffer.size();
        if (n == 0) return;
        if (threads > 1 && n >= 2 * kMinFramesPerSegment) {
            const size_t mid = n / 2;
            FrameParameters second_start;
            bool second_warm = false;
            double seconds[2] = {0.0, 0.0};
#pragma omp parallel for num_threads(2) schedule(static, 1)
            for (int seg = 0; seg < 2; ++seg) {
                if (seg == 0)
                    seconds[0] = track_segment(model, camera, *warm[0], *cold_trackers[0], &buffer,
                                               0, 0, mid, &previous, &have_previous, progress);
                else
                    seconds[1] = track_segment(model, camera, *warm[1], *cold_trackers[1], &buffer,
                                               mid - kSegmentLead, mid, n, &second_start,
                                               &second_warm, progress);
            }
            solver += seconds[0] + seconds[1];
            previous = second_start;
            have_previous = second_warm;
        } else {
            solver += track_segment(model, camera, *warm[0], *cold_trackers[0], &buffer, 0, 0, n,
                                    &previous, &have_previous, progress);
        }
        progress.check();
        for (PassFrame& f : buffer) {
            session->take.frames.push_back(f.take);
            session->frames.push_back(f.fit);
        }
        buffer.clear();
    };
    input.stream(
        [&](int64_t index, const cv::Mat& rgb, const Landmarks2d& lm) {
            PassFrame f;
            f.index = index;
            if (lm && !rgb.empty()) {
                const auto ts = Clock::now();
                f.observation = make_observation(rgb, *lm, index, options.observation);
                f.observed = true;
                solver += since(ts);
            }
            buffer.push_back(std::move(f));
            if (buffer.size() >= chunk) flush();
            if (index % 16 == 0)
                progress.report(std::min(1.0, static_cast<double>(index + 1) / total), "tracking");
        },
        progress);
    flush();
    r.tracking_seconds = since(t0);
    r.tracker_seconds = solver;
}

}  // namespace likeness::fit
