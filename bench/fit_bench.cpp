// Speed of the fitting engine (issue 7), on synthetic frames of the template face (no shared
// data, no front end):
//   fit_bench track [--crop N] [--frames N]      tracking fps with a finished model, one core
//                                                 (thread CPU time), per term configuration
//   fit_bench solvers [--frames K] [--evals N]   the corrections solvers head to head: cost
//                                                 after N evaluations, seconds
//   fit_bench personalize [--frames N] [--size WxH] [--k K]
//                                                 the whole pipeline on an N-frame video held
//                                                 in memory, landmarks given (front end excluded)
//   fit_bench retrack --gt DIR --session S.likeness [--frames N]
//                                                 the final tracking pass per configuration on
//                                                 a synthetic subject (`likeness synth`) with the
//                                                 personal model of S (`likeness personalize`):
//                                                 ms per frame (one thread), and accuracy against
//                                                 the truth (true landmarks given)
// Medians and CPU times; the machine's load is printed because wall clock depends on it.
#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <random>
#include <string>
#include <vector>
#include <filesystem>
#include <map>
#include <fstream>
#include <iterator>
#include <sstream>
#include <unistd.h>

#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include "engine/face/personal_model.hpp"
#include "engine/eval/ground_truth_files.hpp"
#include "engine/face/template_rig.hpp"
#include "engine/fit/frame_tracker.hpp"
#include "engine/fit/landmark_term.hpp"
#include "engine/fit/model_solver.hpp"
#include "engine/fit/session_file.hpp"
#include "engine/fit/session_pipeline.hpp"
#include "engine/render/landmark_projection.hpp"
#include "engine/render/renderer.hpp"

namespace {

using namespace likeness;

double thread_cpu_s() {
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}
double process_cpu_s() {
    timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}
double now_s() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}
void print_load() {
    double load[3] = {0, 0, 0};
    if (getloadavg(load, 3) > 0) std::printf("load average %.2f (2 cores shared)\n", load[0]);
}

/// CPU seconds of each of this process's threads (/proc/self/task) by thread id.
std::map<std::string, double> thread_cpu_seconds() {
    std::map<std::string, double> out;
    const double tick = static_cast<double>(sysconf(_SC_CLK_TCK));
    for (const auto& entry : std::filesystem::directory_iterator("/proc/self/task")) {
        std::ifstream in(entry.path() / "stat");
        std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const size_t close = stat.rfind(')');
        if (close == std::string::npos) continue;
        std::istringstream fields(stat.substr(close + 2));
        std::string field;
        double utime = 0.0, stime = 0.0;
        for (int i = 3; i <= 15 && fields >> field; ++i) {
            if (i == 14) utime = std::atof(field.c_str());
            if (i == 15) stime = std::atof(field.c_str());
        }
        out[entry.path().filename().string()] = (utime + stime) / tick;
    }
    return out;
}

int arg_int(int argc, char** argv, const char* name, int fallback) {
    for (int i = 2; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], name) == 0) return std::atoi(argv[i + 1]);
    return fallback;
}

/// A synthetic performance: smooth head motion and expressions (jaw, smile, blink, brows).
struct Sequence {
    std::vector<cv::Mat> frames;
    std::vector<fit::Landmarks2d> landmarks;
    std::vector<fit::FrameParameters> truth;
};

Sequence synthetic_sequence(const face::PersonalModel& model, int count, int width, int height) {
    Sequence s;
    const core::Camera camera =
        core::Camera::centered(width, height, 1.0f * std::max(width, height));
    render::Rendering r;
    for (int i = 0; i < count; ++i) {
        const float t = static_cast<float>(i) / 30.f;
        fit::FrameParameters p = fit::neutral_parameters(model.shape_count());
        p.w[17] = 0.5f - 0.5f * std::cos(2.1f * t);                        // jawOpen
        p.w[23] = p.w[24] = 0.5f - 0.5f * std::cos(1.3f * t + 1.f);        // smile
        p.w[0] = p.w[7] = std::max(0.f, std::sin(3.f * t) - 0.7f) / 0.3f;  // blinks
        p.w[43] = 0.5f - 0.5f * std::cos(0.9f * t + 2.f);                  // browInnerUp
        p.pose.rotation = Eigen::Vector3f(0.1f * std::sin(0.7f * t), 0.3f * std::sin(0.5f * t),
                                          0.05f * std::sin(0.3f * t));
        const float depth =
            camera.focal_px * 16.f / (0.45f * static_cast<float>(std::min(width, height)));
        p.pose.translation_cm = Eigen::Vector3f(1.f * std::sin(0.4f * t), 1.f, -depth);
        p.lighting = core::ShLighting::ambient(0.85f);
        for (int c = 0; c < 3; ++c)
            p.lighting.gamma[static_cast<size_t>(9 * c + 2)] = 0.4f;
        const core::MatrixX3fR X = model.shape(p.w);
        const cv::Mat albedo = model.albedo(p.w);
        render::Scene scene;
        scene.mesh = &model.neutral;
        scene.vertices = &X;
        scene.albedo_uv = &albedo;
        scene.camera = camera;
        scene.pose = p.pose;
        scene.lighting = p.lighting;
        render::RenderOptions ro;
        ro.background = cv::Vec3f(0.3f, 0.32f, 0.35f);
        render::render(scene, ro, &r);
        cv::Mat rgb8;
        r.colour.convertTo(rgb8, CV_8UC3, 255.0);
        render::ProjectedLandmarks pl;
        render::project_landmarks(X, fit::landmark_vertices(), camera, p.pose, false, &pl);
        s.frames.push_back(rgb8);
        s.landmarks.push_back(pl.points_px);
        s.truth.push_back(p);
    }
    return s;
}

/// What personalization leaves behind, for timing: the template with an identity correction and
/// a dynamic albedo correction on every shape (so eq. 2's Σ w_i A_i Δ_i^R is evaluated per frame,
/// as it is for a model fitted with albedo corrections — Table 1 rows C and later).
face::PersonalModel finished_model(const face::PersonalModel& base) {
    face::PersonalModel m = base;
    const int uv = m.uv_size();
    m.identity_shape.setTo(cv::Scalar(0.0, 0.05, 0.1));
    m.dynamic_albedo.resize(static_cast<size_t>(m.shape_count()));
    for (cv::Mat& d : m.dynamic_albedo)
        d = cv::Mat(uv, uv, CV_32FC3, cv::Scalar(0.03, 0.01, -0.01));
    m.refresh();
    return m;
}

int bench_track(const face::PersonalModel& base, int argc, char** argv) {
    const face::PersonalModel model = finished_model(base);
    const int frames = arg_int(argc, argv, "--frames", 90);
    const Sequence seq = synthetic_sequence(model, frames, 640, 480);
    const core::Camera camera = core::Camera::centered(640, 480, 640.f);
    const fit::FitContext context = fit::make_fit_context(model);
    struct Config {
        const char* name;
        int crop;
        bool gradient, parsing, exact;
        int iterations, warmup;
    };
    const int crop = arg_int(argc, argv, "--crop", 0);
    // Row 0 is the pipeline's final pass as shipped (default_track_options); the others
    // change one thing at a time.
    std::vector<Config> configs = {{"pipeline default", 96, true, false, false, 3, 4},
                                   {"with the parsing term", 96, true, true, false, 3, 4},
                                   {"no landmark warm-up", 96, true, false, false, 3, 0},
                                   {"2 iterations", 96, true, false, false, 2, 4},
                                   {"no gradient term, 2 it", 96, false, false, false, 2, 4},
                                   {"crop 128, parsing (old default)", 128, true, true, false, 3, 0},
                                   {"crop 128, exact normal rows", 128, true, false, true, 3, 0}};
    if (crop > 0)
        for (Config& c : configs)
            c.crop = crop;
    std::printf(
        "tracking %d frames of 640x480 with a finished model (identity and dynamic albedo "
        "corrections), one thread (thread CPU time)\n",
        frames);
    std::printf("%-40s %5s %10s %10s %10s %8s\n", "configuration", "crop", "ms/frame", "fps",
                "lm err px", "w MAE");
    const int only = arg_int(argc, argv, "--only", -1);  // one row (0-based), e.g. for perf
    for (size_t row = 0; row < configs.size(); ++row) {
        if (only >= 0 && static_cast<size_t>(only) != row) continue;
        const Config& c = configs[row];
        fit::TrackOptions o = fit::default_track_options();
        o.observation.crop_size = c.crop;
        o.observation.parsing = c.parsing;
        o.tracker.max_iterations = c.iterations;
        o.tracker.exact_normal_directions = c.exact;
        o.tracker.landmark_warmup_iterations = c.warmup;
        if (!c.gradient) o.tracker.weights.image_gradient = 0.0;
        o.tracker.weights.parsing = c.parsing ? fit::LossWeights{}.parsing : 0.0;
        fit::TrackerOptions cold = o.tracker;
        cold.max_iterations = 12;
        cold.landmark_warmup_iterations = 8;
        fit::FrameTracker warm(context, o.tracker), first(context, cold);
        fit::FrameParameters p;
        std::vector<double> ms;
        double err = 0.0, w_mae = 0.0;
        for (int i = 0; i < frames; ++i) {
            const double c0 = thread_cpu_s();
            const fit::FrameObservation obs =
                fit::make_observation(seq.frames[static_cast<size_t>(i)],
                                      *seq.landmarks[static_cast<size_t>(i)], i, o.observation);
            if (i == 0) p = fit::initial_parameters(model, obs, camera);
            const fit::TrackerSummary s = (i == 0 ? first : warm).track(obs, camera, &p);
            if (i > 0) ms.push_back(1e3 * (thread_cpu_s() - c0));
            err += std::sqrt(std::max(0.0, s.final_terms.landmark));
            w_mae += (p.w - seq.truth[static_cast<size_t>(i)].w).cwiseAbs().mean();
        }
        std::sort(ms.begin(), ms.end());
        const double median = ms[ms.size() / 2];
        std::printf("%-40s %5d %10.2f %10.1f %10.2f %8.3f\n", c.name, c.crop, median, 1e3 / median,
                    err / frames, w_mae / frames);
    }
    return 0;
}

int bench_solvers(const face::PersonalModel& base, int argc, char** argv) {
    const int K = arg_int(argc, argv, "--frames", 8);
    const int iterations = arg_int(argc, argv, "--iterations", 30);
    const Sequence seq = synthetic_sequence(base, 4 * K, 480, 480);
    // The "person": the template with a warmer albedo and a shifted jaw, seen in K frames with
    // the true tracking held (the paper's stage 2).
    face::PersonalModel person = base;
    person.static_albedo.setTo(cv::Scalar(0.05, -0.02, -0.03));
    person.refresh();
    const Sequence seen = synthetic_sequence(person, 4 * K, 480, 480);
    const core::Camera camera = core::Camera::centered(480, 480, 480.f);
    std::vector<fit::FrameObservation> obs;
    std::vector<fit::ModelFrame> frames;
    for (int n = 0; n < K; ++n)
        obs.push_back(fit::make_observation(seen.frames[static_cast<size_t>(4 * n)],
                                            *seen.landmarks[static_cast<size_t>(4 * n)], 4 * n));
    for (int n = 0; n < K; ++n)
        frames.push_back({&obs[static_cast<size_t>(n)], seen.truth[static_cast<size_t>(4 * n)]});
    std::printf("corrections solvers on %d frames (224 crops), %d iterations each\n", K,
                iterations);
    std::printf("%-32s %10s %10s %12s %10s\n", "solver", "evals", "seconds", "cost", "rel. cost");
    struct Variant {
        const char* name;
        fit::ModelSolverKind kind;
        bool precondition;
    };
    for (const Variant& v : {Variant{"L-BFGS (scalar H0)", fit::ModelSolverKind::Lbfgs, false},
                             Variant{"L-BFGS (sparse GN H0)", fit::ModelSolverKind::Lbfgs, true},
                             Variant{"Adam", fit::ModelSolverKind::Adam, false}}) {
        face::PersonalModel model = base;
        const fit::FitContext context = fit::make_fit_context(model);
        fit::ModelProblem problem(&model, context, frames, camera, fit::CorrectionSet{},
                                  fit::LossWeights{});
        fit::ModelSolverOptions o;
        o.kind = v.kind;
        o.precondition = v.precondition;
        o.lbfgs.max_iterations = iterations;
        o.adam.iterations = iterations;
        const double t0 = now_s();
        const fit::ModelSolverSummary s = fit::solve_model(problem, o);
        std::printf("%-32s %10d %10.1f %12.4g %10.3f\n", v.name, s.evaluations, now_s() - t0,
                    s.final_cost, s.final_cost / s.initial_cost);
    }
    return 0;
}

int bench_personalize(const face::TemplateRig& rig, const face::PersonalModel& model, int argc,
                      char** argv) {
    const int frames = arg_int(argc, argv, "--frames", 300);
    const int width = arg_int(argc, argv, "--width", 1280),
              height = arg_int(argc, argv, "--height", 720);
    const Sequence seq = synthetic_sequence(model, frames, width, height);
    fit::PersonalizeOptions o;
    o.model_frames = arg_int(argc, argv, "--k", o.model_frames);
    auto input = fit::memory_input(seq.frames, seq.landmarks, 30.0);
    fit::PipelineReport report;
    const std::map<std::string, double> before = thread_cpu_seconds();
    const double w0 = now_s(), c0 = process_cpu_s();
    const fit::Session s = fit::personalize_input(*input, rig, o, &report);
    const double wall = now_s() - w0, cpu = process_cpu_s() - c0;
    std::printf("personalize %d frames %dx%d, K = %zu, %d OpenMP threads\n", frames, width, height,
                s.model_frames.size(), omp_get_max_threads());
    std::printf(
        "  modeling %.1f s wall, tracking %.1f s wall (solver %.1f s, %.1f fps)\n",
        report.modeling_seconds, report.tracking_seconds, report.tracker_seconds,
        report.tracker_seconds > 0 ? report.frames_with_face / report.tracker_seconds : 0.0);
    std::printf("  total %.1f s wall, %.1f s CPU (front end excluded: landmarks given)\n", wall,
                cpu);
    // On a shared machine wall time says little; the busiest thread's CPU time is what the run
    // would take on free cores (OpenMP's waits are short), the sum what it costs.
    std::vector<double> threads;
    for (const auto& [tid, seconds] : thread_cpu_seconds()) {
        const auto b = before.find(tid);
        threads.push_back(seconds - (b == before.end() ? 0.0 : b->second));
    }
    std::sort(threads.rbegin(), threads.rend());
    std::printf("  CPU per thread:");
    for (double t : threads)
        std::printf(" %.1f s", t);
    std::printf(" -> about %.1f s wall on %zu free cores\n",
                threads.empty() ? 0.0 : threads.front(), threads.size());
    for (const fit::StageReport& r : report.personalization.stages)
        std::printf("  %-36s photometric %.4f landmarks %.2f px  %.1f s\n", r.name.c_str(),
                    r.photometric, r.landmark_px, r.seconds);
    return 0;
}

const char* arg_str(int argc, char** argv, const char* name, const char* fallback) {
    for (int i = 2; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], name) == 0) return argv[i + 1];
    return fallback;
}

/// A change of the final pass's options (default_track_options) and its name.
struct TrackVariant {
    const char* name;
    void (*apply)(fit::TrackOptions*);
};

int bench_retrack(int argc, char** argv) {
    const char* gt_dir = arg_str(argc, argv, "--gt", nullptr);
    const char* session_path = arg_str(argc, argv, "--session", nullptr);
    if (!gt_dir || !session_path) {
        std::printf("usage: fit_bench retrack --gt DIR --session S.likeness [--frames N]\n");
        return 1;
    }
    const eval::GroundTruth gt = eval::read_ground_truth(gt_dir);
    const fit::Session session = fit::read_session(session_path);
    const face::PersonalModel& model = session.model;
    cv::VideoCapture video(gt.video_path);
    std::vector<cv::Mat> frames;
    const int wanted = arg_int(argc, argv, "--frames", 1 << 30);
    for (cv::Mat bgr; static_cast<int>(frames.size()) < wanted && video.read(bgr);) {
        cv::Mat rgb;
        cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
        frames.push_back(rgb);
    }
    const int n = std::min(static_cast<int>(frames.size()),
                           static_cast<int>(gt.sequence.frames.size()));
    const core::Camera camera = session.camera;
    const fit::FitContext context = fit::make_fit_context(model);
    const std::vector<TrackVariant> variants = {
        {"pipeline default", [](fit::TrackOptions*) {}},
        {"crop 80", [](fit::TrackOptions* o) { o->observation.crop_size = 80; }},
        {"crop 64", [](fit::TrackOptions* o) { o->observation.crop_size = 64; }},
        {"2 iterations", [](fit::TrackOptions* o) { o->tracker.max_iterations = 2; }},
        {"with the parsing term",
         [](fit::TrackOptions* o) {
             o->observation.parsing = true;
             o->tracker.weights.parsing = fit::LossWeights{}.parsing;
         }},
        {"2 landmark warm-up iterations",
         [](fit::TrackOptions* o) { o->tracker.landmark_warmup_iterations = 2; }},
        {"stop below 1% decrease",
         [](fit::TrackOptions* o) { o->tracker.relative_tolerance = 1e-2; }},
        {"stop below 0.3% decrease",
         [](fit::TrackOptions* o) { o->tracker.relative_tolerance = 3e-3; }},
    };
    std::printf(
        "final tracking pass on %d frames of %s (%dx%d) with the personal model of %s, one "
        "thread, true landmarks\n",
        n, gt_dir, camera.width, camera.height, session_path);
    std::printf("%-32s %5s %9s %7s %8s %9s %8s %6s\n", "configuration", "crop", "ms/frame", "fps",
                "w MAE", "lm RMS px", "photo", "iter.");
    const int only = arg_int(argc, argv, "--only", -1);
    // --save PREFIX: PREFIX-ROW.likeness, the session with each configuration's take (for
    // `likeness eval --session`: 3D error, NME, weights against the truth).
    const char* save = arg_str(argc, argv, "--save", nullptr);
    for (size_t row = 0; row < variants.size(); ++row) {
        if (only >= 0 && static_cast<size_t>(only) != row) continue;
        fit::Session out = session;
        out.take.frames.assign(static_cast<size_t>(n), core::TakeFrame{});
        out.frames.assign(static_cast<size_t>(n), fit::FrameFit{});
        fit::TrackOptions o = fit::default_track_options();
        variants[row].apply(&o);
        fit::TrackerOptions cold = o.tracker;
        cold.max_iterations = o.cold_start_iterations;
        cold.landmark_warmup_iterations = std::max(cold.landmark_warmup_iterations, 8);
        fit::FrameTracker warm(context, o.tracker), first(context, cold);
        fit::FrameParameters p;
        std::vector<double> ms;
        double w_mae = 0.0, lm_sq = 0.0, photo = 0.0;
        int lm_count = 0, iterations = 0;
        render::ProjectedLandmarks pl;
        for (int i = 0; i < n; ++i) {
            const eval::GroundTruthFrame& t = gt.sequence.frames[static_cast<size_t>(i)];
            const double c0 = thread_cpu_s();
            const fit::FrameObservation obs = fit::make_observation(
                frames[static_cast<size_t>(i)], t.landmarks468, i, o.observation);
            if (i == 0) p = fit::initial_parameters(model, obs, camera);
            const fit::TrackerSummary s = (i == 0 ? first : warm).track(obs, camera, &p);
            if (i > 0) ms.push_back(1e3 * (thread_cpu_s() - c0));
            core::TakeFrame& tf = out.take.frames[static_cast<size_t>(i)];
            for (int k = 0; k < core::kTakeWeightCount; ++k)
                tf.weights[static_cast<size_t>(k)] = std::clamp(p.w[k], 0.f, 1.f);
            tf.head_rotation = p.pose.rotation;
            tf.head_translation_cm = p.pose.translation_cm;
            fit::FrameFit& ff = out.frames[static_cast<size_t>(i)];
            ff.has_face = true;
            ff.lighting = p.lighting;
            ff.photometric = static_cast<float>(s.final_terms.photometric);
            ff.iterations = s.iterations;
            for (int k = 0; k < core::kTakeWeightCount; ++k)
                w_mae += std::abs(std::clamp(p.w[k], 0.f, 1.f) - t.w[static_cast<size_t>(k)]);
            photo += s.final_terms.photometric;
            iterations += s.iterations;
            render::project_landmarks(model.shape(p.w), fit::landmark_vertices(), camera, p.pose,
                                      false, &pl);
            lm_sq += (pl.points_px - t.landmarks468).rowwise().squaredNorm().sum();
            lm_count += static_cast<int>(pl.points_px.rows());
        }
        std::sort(ms.begin(), ms.end());
        const double median = ms.empty() ? 0.0 : ms[ms.size() / 2];
        std::printf("%-32s %5d %9.2f %7.1f %8.4f %9.3f %8.4f %6.2f\n", variants[row].name,
                    o.observation.crop_size, median, median > 0 ? 1e3 / median : 0.0,
                    w_mae / (n * core::kTakeWeightCount), std::sqrt(lm_sq / std::max(1, lm_count)),
                    photo / n, static_cast<double>(iterations) / n);
        if (save) fit::write_session(out, std::string(save) + "-" + std::to_string(row) + ".likeness");
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string mode = argc > 1 ? argv[1] : "track";
    print_load();
    if (mode == "retrack") return bench_retrack(argc, argv);
    face::TemplateRig rig;
    try {
        rig = face::build_template_rig();
    } catch (const std::exception& e) {
        std::printf("template unavailable: %s\n", e.what());
        return 1;
    }
    const face::PersonalModel model = face::personal_model_from_template(rig, 256);
    if (mode == "track") return bench_track(model, argc, argv);
    if (mode == "solvers") return bench_solvers(model, argc, argv);
    if (mode == "personalize") return bench_personalize(rig, model, argc, argv);
    std::printf("usage: fit_bench track|solvers|personalize|retrack [options]\n");
    return 1;
}
