// The scoreboard (issue 6): speed and accuracy of Likeness on a fixed, seeded set of synthetic
// subjects with known geometry. One command, a readable table on stdout, every number as JSON.
//
//   eval_bench [--seed S] [--subjects N] [--frames N] [--size WxH] [--noise-px P]
//              [--modes gt,full] [--stages A,B,C,D,final] [--fitter NAME] [--ict DIR|none]
//              [--budget-s S] [--out DIR] [--json FILE] [--true-parsing] [--quick | --large]
//
// Defaults (3 subjects x 100 frames at 30 fps, both modes, all stages) are sized to finish
// within 10 minutes on two cores once the fitting engine meets its speed targets; events are
// 0.6 s long so that every subject shows blink, smile, jaw open and pucker within the 3.3 s.
// --budget-s (default 570) skips a fit that would end past the budget (judged by the longest
// fit so far) and says so in the table; stages run in the order A, final, B, C, D, both modes
// each, so that the ends of Table 1 come first when time is short. --true-parsing hands the
// fits the true parsing images (the fitter's parsing code drawn on the true surface,
// engine/eval/truth_rendering.hpp) in place of the ones they would build from landmarks: a
// perfect face parser, to measure the parsing loss (eq. 5) apart from the parser.
//
// Per subject: synthesize it (engine/eval/synthesize.hpp), run our front end on the rendered
// video (detection rate, 68-point NME), then per mode (gt: true landmarks + Gaussian noise,
// isolating the solver; full: our detector's landmarks) and ablation stage (the paper's
// Table 1 rows A..final) ask the registered fitter for a reconstruction and score it
// (engine/eval/sequence_score.hpp). Until the fitting engine provides
// engine/fit/eval_adapter.hpp (see engine/eval/fitter.hpp), those rows say "not available".
// Three reference rows are always scored: the template animated with the true motion and
// lighting (no personalization, perfect tracking: the gap personalization must close), the
// truth scaled to the template's size (a perfect shape of the prior's size: the floor of the
// rigid 3D error, since monocular images do not show a face's size) and a rigid template fit to
// the mode's landmarks (a real, if crude, fitter through the same hook).
//
// Same seed -> same subjects, frames, landmarks and accuracy numbers; timings vary with load.
#include <sys/resource.h>

#include <Eigen/Cholesky>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <numeric>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "engine/eval/fitter.hpp"
#include "engine/eval/sequence_score.hpp"
#include "engine/eval/surface_error.hpp"
#include "engine/eval/synthesize.hpp"
#include "engine/eval/truth_landmarks.hpp"
#include "engine/eval/truth_rendering.hpp"
#include "engine/io/model_paths.hpp"
#include "engine/io/video_source.hpp"
#include "engine/nn/face_landmarker.hpp"
#include "engine/render/landmark_projection.hpp"
#include "engine/render/photometric_normal_equations.hpp"
#include "engine/track/face_tracker.hpp"

#if __has_include("engine/fit/eval_adapter.hpp")
#include "engine/fit/eval_adapter.hpp"
#define LIKENESS_HAVE_FIT_ADAPTER 1
#endif

namespace {

namespace fs = std::filesystem;
using namespace likeness;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

double median(std::vector<double> v) {
    if (v.empty()) return 0.0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

double peak_rss_mb() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss / 1024.0;  // Linux reports KiB
}

double load_average() {
    double load = -1.0;
    if (FILE* f = std::fopen("/proc/loadavg", "r")) {
        if (std::fscanf(f, "%lf", &load) != 1) load = -1.0;
        std::fclose(f);
    }
    return load;
}

struct Options {
    std::uint64_t seed = 1;
    int subjects = 3;
    int frames = 100;
    double budget_s = 570.0;
    int width = 640, height = 480;
    float noise_px = 1.0f;
    bool mode_gt = true, mode_full = true;
    bool true_parsing = false;  ///< fits get the true parsing images (a perfect parser)
    std::vector<eval::AblationStage> stages{std::begin(eval::kAblationStages),
                                            std::end(eval::kAblationStages)};
    std::string fitter = "likeness";
    std::string ict;  ///< "" = look for it, "none" = smooth identities only
    std::string out;  ///< "" = eval_bench_out beside the binary (inside the build tree)
    std::string json_path;
};

[[noreturn]] void usage(const std::string& why) {
    std::fprintf(stderr,
                 "eval_bench: %s\nUsage: eval_bench [--seed S] [--subjects N] [--frames N] "
                 "[--size WxH] [--noise-px P]\n"
                 "                  [--modes gt,full] [--stages A,B,C,D,final] [--fitter NAME]\n"
                 "                  [--ict DIR|none] [--budget-s S] [--out DIR] [--json FILE]\n"
                 "                  [--true-parsing] [--quick | --large]\n",
                 why.c_str());
    std::exit(1);
}

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) usage(a + " needs a value");
            return argv[++i];
        };
        if (a == "--seed") {
            o.seed = std::strtoull(value().c_str(), nullptr, 10);
        } else if (a == "--subjects") {
            o.subjects = std::max(1, std::atoi(value().c_str()));
        } else if (a == "--frames") {
            o.frames = std::max(2, std::atoi(value().c_str()));
        } else if (a == "--size") {
            const std::string v = value();
            if (std::sscanf(v.c_str(), "%dx%d", &o.width, &o.height) != 2 || o.width < 64 ||
                o.height < 64)
                usage("--size must be WxH");
        } else if (a == "--noise-px") {
            o.noise_px = static_cast<float>(std::atof(value().c_str()));
        } else if (a == "--modes") {
            const std::string v = value();
            o.mode_gt = v.find("gt") != std::string::npos;
            o.mode_full = v.find("full") != std::string::npos;
            if (!o.mode_gt && !o.mode_full) usage("--modes takes gt, full or gt,full");
        } else if (a == "--stages") {
            o.stages.clear();
            std::stringstream ss(value());
            std::string item;
            while (std::getline(ss, item, ',')) {
                const auto s = eval::parse_ablation_stage(item);
                if (!s) usage("unknown stage '" + item + "' (A, B, C, D, final)");
                o.stages.push_back(*s);
            }
        } else if (a == "--fitter") {
            o.fitter = value();
        } else if (a == "--ict") {
            o.ict = value();
        } else if (a == "--out") {
            o.out = value();
        } else if (a == "--json") {
            o.json_path = value();
        } else if (a == "--budget-s") {
            o.budget_s = std::atof(value().c_str());
        } else if (a == "--true-parsing") {
            o.true_parsing = true;
        } else if (a == "--quick") {
            o.subjects = 2;
            o.frames = 40;
        } else if (a == "--large") {
            o.subjects = 6;
            o.frames = 120;
            o.budget_s = 1e9;
        } else {
            usage("unknown argument '" + a + "'");
        }
    }
    if (o.out.empty()) {
        std::error_code ec;
        const fs::path exe = fs::canonical(fs::path(argv[0]), ec);
        o.out = ((ec ? fs::current_path() : exe.parent_path()) / "eval_bench_out").string();
    }
    if (o.json_path.empty()) o.json_path = o.out + "/eval_bench.json";
    return o;
}

/// ICT-FaceKit: --ict, else $LIKENESS_SHARED/data/ict-facekit, else ../shared/data/ict-facekit
/// beside the working folder or the source checkout this binary was built in.
std::string find_ict(const Options& o, const char* argv0) {
    if (o.ict == "none") return "";
    if (!o.ict.empty()) return o.ict;
    std::vector<fs::path> candidates;
    if (const char* s = std::getenv("LIKENESS_SHARED"))
        candidates.emplace_back(fs::path(s) / "data/ict-facekit");
    candidates.emplace_back(fs::current_path() / "../shared/data/ict-facekit");
    std::error_code ec;
    const fs::path exe = fs::canonical(fs::path(argv0), ec);
    if (!ec)
        for (fs::path p = exe.parent_path(); !p.empty() && p != p.root_path(); p = p.parent_path())
            candidates.emplace_back(p / "../shared/data/ict-facekit");
    for (const fs::path& c : candidates)
        if (fs::exists(c / eval::kIctIdentityArchive)) return fs::weakly_canonical(c).string();
    return "";
}

// ---------------------------------------------------------------------------------------------
// Reference fitter: the template, rigidly posed per frame by Gauss–Newton on the 468 landmarks
// (w = 0, no lighting). Crude on purpose; it proves the hook end to end and gives a floor.

eval::Fitter rigid_template_fitter(const face::TemplateRig& rig) {
    return [&rig](const eval::FitRequest& req) {
        eval::FitResult out;
        const auto start = Clock::now();
        eval::Reconstruction& r = out.reconstruction;
        r = eval::template_reconstruction(rig, {});
        r.name = "rigid template";
        r.take.fps = req.fps;
        core::Camera camera =
            core::Camera::centered(req.width, req.height, static_cast<float>(req.width));
        r.focal_px = camera.focal_px;
        std::vector<int> all(468);
        for (int i = 0; i < 468; ++i)
            all[static_cast<size_t>(i)] = i;
        const core::Bounds box = core::bounds(rig.neutral);
        std::optional<core::Pose> previous;
        render::ProjectedLandmarks projected;
        for (const auto& lm : *req.landmarks) {
            core::TakeFrame frame;
            frame.has_face = lm.has_value();
            if (lm) {
                core::MatrixX2fR target = lm->mesh.leftCols<2>();
                core::Pose pose;
                if (previous) {
                    pose = *previous;
                } else {  // frontal, at the distance that gives the landmarks' size
                    const double size_px = std::max(lm->mesh_bounds().width(), 1.0);
                    const float depth =
                        camera.focal_px * (box.max.x() - box.min.x()) / static_cast<float>(size_px);
                    const Eigen::Vector2f c(static_cast<float>(lm->mesh_bounds().center_x()),
                                            static_cast<float>(lm->mesh_bounds().center_y()));
                    pose.translation_cm = camera.unproject(c, depth) - box.center();
                }
                for (int it = 0; it < 12; ++it) {
                    render::project_landmarks(rig.neutral.V, all, camera, pose, true, &projected);
                    render::NormalEquations ne;
                    render::landmark_normal_equations(projected, target, {}, {}, &ne);
                    Eigen::Matrix<double, 6, 6> A = ne.JtWJ.topLeftCorner<6, 6>();
                    A.diagonal() *= 1.0 + 1e-3;
                    const Eigen::Matrix<double, 6, 1> step = -A.ldlt().solve(ne.JtWr.head<6>());
                    if (!step.allFinite()) break;
                    pose.rotation += step.head<3>().cast<float>();
                    pose.translation_cm += step.tail<3>().cast<float>();
                    if (step.norm() < 1e-6) break;
                }
                previous = pose;
                frame.head_rotation = pose.rotation;
                frame.head_translation_cm = pose.translation_cm;
            }
            r.take.frames.push_back(frame);
        }
        out.tracking_seconds = seconds_since(start);
        out.summary = "rigid pose on 468 landmarks, w = 0, focal = width";
        return out;
    };
}

// ---------------------------------------------------------------------------------------------

struct Row {
    std::string key;    ///< "ref_template", "ref_rigid", "A", ..., "final"
    std::string label;  ///< shown in the table
};

/// Per (mode, row): one entry per subject (nullopt: not available) and a reason otherwise.
struct Cell {
    std::vector<eval::SequenceScores> scores;
    std::vector<double> modeling_s, tracking_fps;
    std::vector<int> modeling_frames;
    std::string unavailable;
    int skipped = 0;  ///< subjects whose fit the time budget skipped
};

std::string fmt(double x, const char* f = "%.3f") {
    char s[32];
    std::snprintf(s, sizeof s, f, x);
    return s;
}

double mean_of(const std::vector<eval::SequenceScores>& v,
               double (*get)(const eval::SequenceScores&)) {
    double s = 0.0;
    for (const auto& x : v)
        s += get(x);
    return v.empty() ? 0.0 : s / static_cast<double>(v.size());
}

json to_json(const eval::SequenceScores& s) {
    return json::parse(eval::scores_json(s));
}

}  // namespace

int main(int argc, char** argv) {
    const auto bench_start = Clock::now();
    const Options o = parse(argc, argv);
    std::error_code ec;
    fs::create_directories(o.out, ec);

#ifdef LIKENESS_HAVE_FIT_ADAPTER
    eval::register_fitter("likeness", fit::eval_fitter());
#endif
    const eval::Fitter* fitter = eval::find_fitter(o.fitter);
    const std::string no_fitter = "not available (no fitter '" + o.fitter +
                                  "' registered: the fitting engine, issue 7, has not landed)";

    // Assets: template, photo albedos, backgrounds, ICT.
    eval::SynthAssetOptions asset_options;
    asset_options.ict_folder = find_ict(o, argv[0]);
    const auto assets_start = Clock::now();
    eval::SynthAssets assets;
    try {
        assets = eval::load_synth_assets(asset_options);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "eval_bench: %s\n", e.what());
        return 2;
    }
    const double assets_s = seconds_since(assets_start);
    const io::ModelPaths models = io::find_models();
    nn::FaceLandmarker landmarker(models);
    const eval::Fitter rigid = rigid_template_fitter(assets.rig);

    std::vector<Row> rows = {{"ref_template", "ref: template, true motion"},
                             {"ref_size", "ref: true shape, template size"},
                             {"ref_rigid", "ref: rigid template fit"}};
    for (eval::AblationStage s : o.stages)
        rows.push_back({eval::ablation_stage_name(s), std::string(eval::ablation_stage_name(s)) +
                                                          "  " +
                                                          eval::ablation_stage_description(s)});
    std::vector<std::string> modes;
    if (o.mode_gt) modes.push_back("gt");
    if (o.mode_full) modes.push_back("full");
    std::map<std::string, std::map<std::string, Cell>> table;  // mode -> row key -> cell

    std::vector<double> render_ms, facemesh_ms, frontend_ms;
    json subjects = json::array();
    int detected_total = 0, frames_total = 0, blazeface_hits = 0;
    double longest_fit_s = 0.0;  ///< fit + scoring, for the time budget
    std::vector<double> frontend_nme;
    bool self_check_ok = true;

    for (int k = 0; k < o.subjects; ++k) {
        const std::uint64_t seed = o.seed * 1000 + static_cast<std::uint64_t>(k);
        eval::SynthOptions so;
        so.seed = seed;
        so.identity =
            (k % 2 == 0 && assets.ict) ? eval::IdentitySource::Ict : eval::IdentitySource::Smooth;
        so.sequence.frames = o.frames;
        so.sequence.width = o.width;
        so.sequence.height = o.height;
        so.sequence.expression.event_s = 0.6;  // the four ARKit pose sequences in ~100 frames
        so.sequence.expression.min_rest_s = 0.1;
        so.sequence.expression.max_rest_s = 0.25;
        const std::string folder = o.out + "/subject_" + std::to_string(seed);
        std::printf("subject %llu (%s): synthesizing %d frames...\n",
                    static_cast<unsigned long long>(seed), eval::identity_source_name(so.identity),
                    o.frames);
        std::fflush(stdout);
        const eval::SynthResult synth = eval::synthesize(folder, so, assets);
        render_ms.insert(render_ms.end(), synth.render_ms.begin(), synth.render_ms.end());
        const eval::GroundTruth gt = eval::read_ground_truth(folder);

        // Decode the video as a user's file would be, and run the front end on it.
        std::vector<cv::Mat> frames;
        std::vector<std::optional<nn::FrameLandmarks>> detected;
        {
            auto source = io::VideoSource::open(synth.video_path);
            track::FaceTracker tracker(landmarker);
            io::Frame f;
            while (source->read(f)) {
                const auto t0 = Clock::now();
                const track::TrackedFrame t = tracker.track(f.rgb, f.index, f.time_s);
                frontend_ms.push_back(1e3 * seconds_since(t0));
                if (t.face) {
                    const auto t1 = Clock::now();
                    landmarker.mesh().run(f.rgb, t.face->box);
                    facemesh_ms.push_back(1e3 * seconds_since(t1));
                }
                detected.push_back(t.face);
                // BlazeFace alone on every frame, box overlapping the true landmarks: the
                // stricter "is this a face" test (the tracker above detects once, then follows).
                const core::MatrixX2fR& truth =
                    gt.sequence.frames[static_cast<size_t>(f.index)].landmarks468;
                const Eigen::RowVector2f lo = truth.colwise().minCoeff(),
                                         hi = truth.colwise().maxCoeff();
                for (const nn::FaceDetection& d : landmarker.detect(f.rgb)) {
                    const double ix = std::min<double>(d.raw_box.x1, hi.x()) -
                                      std::max<double>(d.raw_box.x0, lo.x());
                    const double iy = std::min<double>(d.raw_box.y1, hi.y()) -
                                      std::max<double>(d.raw_box.y0, lo.y());
                    if (ix > 0 && iy > 0 && ix * iy > 0.3 * (hi.x() - lo.x()) * (hi.y() - lo.y())) {
                        ++blazeface_hits;
                        break;
                    }
                }
                frames.push_back(f.rgb.clone());
            }
        }
        std::vector<std::optional<core::MatrixX2fR>> detected68;
        for (const auto& d : detected)
            detected68.push_back(
                d ? std::optional<core::MatrixX2fR>(core::MatrixX2fR(d->ibug68().leftCols<2>()))
                  : std::nullopt);
        const eval::FrontEndScores fe = eval::score_front_end(gt, detected68);
        detected_total += fe.detected;
        frames_total += fe.frames;
        frontend_nme.push_back(fe.nme_percent.mean);

        std::vector<std::optional<nn::FrameLandmarks>> truth_noisy;
        eval::Rng noise = eval::Rng(seed).fork(30);
        for (const eval::GroundTruthFrame& g : gt.sequence.frames)
            truth_noisy.push_back(eval::truth_landmarks(g, gt.sequence.camera, o.noise_px, noise));

        std::vector<core::ShLighting> true_light;
        for (const eval::GroundTruthFrame& g : gt.sequence.frames)
            true_light.push_back(g.lighting);

        // Self-check: the truth scores (almost) zero.
        {
            eval::Reconstruction truth;
            truth.name = "truth";
            truth.model = gt.subject.rig;
            truth.landmarks68 = gt.landmarks68;
            truth.take = gt.sequence.take();
            eval::ScoreOptions quick;
            quick.max_3d_frames = 3;
            quick.photometric = false;
            const eval::SequenceScores s = eval::score_reconstruction(gt, truth, quick);
            if (s.surface_mm.mean > 1e-3 || s.weight_mae > 1e-6 || s.nme_percent.mean > 1e-3)
                self_check_ok = false;
        }

        json subject = {{"seed", seed},
                        {"identity", eval::identity_source_name(gt.subject.identity_source)},
                        {"albedo", gt.subject.albedo_source},
                        {"folder", folder},
                        {"frames", gt.sequence.frames.size()},
                        {"front_end", json::parse(eval::front_end_json(fe))}};
        const eval::SequenceScores ref = eval::score_reconstruction(
            gt, eval::template_reconstruction(assets.rig, gt.sequence.take(), true_light));
        subject["reference_template"] = to_json(ref);
        // The truth at the template's size (similarity scale of the true neutral onto the
        // template's): the rigid 3D error no monocular fit starting from the template can beat
        // unless it guesses the size.
        eval::AlignmentOptions with_scale;
        with_scale.with_scale = true;
        const float size_ratio =
            eval::surface_error(gt.subject.rig.neutral.V, gt.face_area, gt.landmarks68,
                                assets.rig.neutral.V, assets.rig.neutral.F, assets.rig.ibug68,
                                with_scale)
                .alignment.transform.scale;
        const eval::SequenceScores ref_size = eval::score_reconstruction(
            gt, eval::scaled_truth_reconstruction(gt.subject.rig, gt.landmarks68,
                                                  gt.sequence.take(), true_light, size_ratio));
        subject["reference_size"] = to_json(ref_size);
        subject["size_ratio_template_to_truth"] = 1.0 / size_ratio;
        json runs = json::array();
        auto request = [&](const std::string& mode) {
            eval::FitRequest req;
            req.video_path = synth.video_path;
            req.frames = &frames;
            req.fps = gt.sequence.fps;
            req.width = gt.sequence.camera.width;
            req.height = gt.sequence.camera.height;
            req.landmarks = mode == "gt" ? &truth_noisy : &detected;
            req.landmark_source =
                mode == "gt" ? eval::LandmarkSource::GroundTruth : eval::LandmarkSource::FrontEnd;
            if (o.true_parsing)
                req.true_parsing = [&gt](int frame, float x0, float y0, float side, int size,
                                         const cv::Mat& texture) {
                    return eval::render_truth_texture(
                        gt.subject, gt.sequence.frames[static_cast<size_t>(frame)],
                        gt.sequence.camera.window(x0, y0, side, size), texture);
                };
            return req;
        };
        for (const std::string& mode : modes) {
            table[mode]["ref_template"].scores.push_back(ref);
            table[mode]["ref_size"].scores.push_back(ref_size);
            const eval::FitResult fit = rigid(request(mode));
            const eval::SequenceScores s = eval::score_reconstruction(gt, fit.reconstruction);
            table[mode]["ref_rigid"].scores.push_back(s);
            table[mode]["ref_rigid"].tracking_fps.push_back(gt.sequence.frames.size() /
                                                            std::max(1e-9, fit.tracking_seconds));
            runs.push_back(json{{"mode", mode}, {"row", "ref_rigid"}, {"scores", to_json(s)}});
        }
        // The ends of Table 1 first (A, final), then the stages between; both modes per stage:
        // when the time budget runs out, the table still has its most telling rows.
        std::vector<eval::AblationStage> order;
        for (eval::AblationStage first :
             {eval::AblationStage::A, eval::AblationStage::Final, eval::AblationStage::B,
              eval::AblationStage::C, eval::AblationStage::D})
            if (std::find(o.stages.begin(), o.stages.end(), first) != o.stages.end())
                order.push_back(first);
        for (eval::AblationStage stage : order) {
            for (const std::string& mode : modes) {
                Cell& cell = table[mode][eval::ablation_stage_name(stage)];
                json run = {{"mode", mode}, {"row", eval::ablation_stage_name(stage)}};
                if (!fitter) {
                    cell.unavailable = no_fitter;
                    run["available"] = false;
                    run["reason"] = no_fitter;
                    runs.push_back(run);
                    continue;
                }
                // Skip a fit that would end past the budget, judging by the longest so far.
                if (seconds_since(bench_start) + longest_fit_s > o.budget_s) {
                    ++cell.skipped;
                    if (cell.unavailable.empty()) cell.unavailable = "skipped: time budget";
                    run["available"] = false;
                    run["reason"] = "skipped: time budget";
                    runs.push_back(run);
                    continue;
                }
                eval::FitRequest req = request(mode);
                req.stage = stage;
                const auto fit_start = Clock::now();
                try {
                    const eval::FitResult fit = (*fitter)(req);
                    const eval::SequenceScores s =
                        eval::score_reconstruction(gt, fit.reconstruction);
                    cell.scores.push_back(s);
                    cell.modeling_s.push_back(fit.modeling_seconds);
                    cell.modeling_frames.push_back(fit.modeling_frame_count);
                    cell.tracking_fps.push_back(
                        fit.tracking_seconds > 0 ? gt.sequence.frames.size() / fit.tracking_seconds
                                                 : 0.0);
                    run["available"] = true;
                    run["modeling_seconds"] = fit.modeling_seconds;
                    run["modeling_frames"] = fit.modeling_frame_count;
                    run["tracking_seconds"] = fit.tracking_seconds;
                    run["summary"] = fit.summary;
                    run["scores"] = to_json(s);
                } catch (const std::exception& e) {
                    cell.unavailable = std::string("failed: ") + e.what();
                    run["available"] = false;
                    run["reason"] = cell.unavailable;
                }
                longest_fit_s = std::max(longest_fit_s, seconds_since(fit_start));
                run["seconds"] = seconds_since(fit_start);
                runs.push_back(run);
                std::printf("  %s %s: %.0f s\n", mode.c_str(), eval::ablation_stage_name(stage),
                            seconds_since(fit_start));
                std::fflush(stdout);
            }
        }
        subject["runs"] = runs;
        subjects.push_back(subject);
        std::printf("  front end %d/%d frames, NME %.2f %%; template reference %.2f mm\n",
                    fe.detected, fe.frames, fe.nme_percent.mean, ref.surface_mm.mean);
        std::fflush(stdout);
    }

    // ---- Report ---------------------------------------------------------------------------
    const double wall_s = seconds_since(bench_start);
    std::ostringstream t;
    char line[512];
    int ict_subjects = 0;
    for (const json& s : subjects)
        ict_subjects += s["identity"] == "ict" ? 1 : 0;
    std::snprintf(line, sizeof line,
                  "\nLikeness scoreboard — seed %llu, %d subjects (%d ICT, %d smooth) x %d frames, "
                  "%dx%d, load %.1f\n",
                  static_cast<unsigned long long>(o.seed), o.subjects, ict_subjects,
                  o.subjects - ict_subjects, o.frames, o.width, o.height, load_average());
    t << line;
    t << "\nSpeed (medians, wall clock)\n";
    std::snprintf(line, sizeof line, "  %-40s %8.2f ms\n", "FaceMesh (192x192 crop -> 468 points)",
                  median(facemesh_ms));
    t << line;
    std::snprintf(line, sizeof line, "  %-40s %8.2f ms  (%.0f fps)\n",
                  "front end per frame (follow + mesh + iris)", median(frontend_ms),
                  1e3 / std::max(1e-9, median(frontend_ms)));
    t << line;
    std::snprintf(line, sizeof line, "  %-40s %8.2f ms\n",
                  ("render " + std::to_string(o.width) + "x" + std::to_string(o.height) +
                   " (2x2 supersampled)")
                      .c_str(),
                  median(render_ms));
    t << line;
    auto fitter_speed = [&](const char* what, auto&& get) {
        std::vector<double> v;
        for (const std::string& m : modes)
            for (eval::AblationStage s : o.stages)
                for (double x : get(table[m][eval::ablation_stage_name(s)]))
                    v.push_back(x);
        if (v.empty())
            std::snprintf(line, sizeof line, "  %-40s not available\n", what);
        else
            std::snprintf(line, sizeof line, "  %-40s %8.2f\n", what, median(v));
        t << line;
    };
    fitter_speed("tracking with the personal model (fps)",
                 [](const Cell& c) { return c.tracking_fps; });
    {
        std::vector<double> v;
        std::vector<int> n;
        for (const std::string& m : modes)
            for (eval::AblationStage s : o.stages) {
                const Cell& c = table[m][eval::ablation_stage_name(s)];
                v.insert(v.end(), c.modeling_s.begin(), c.modeling_s.end());
                n.insert(n.end(), c.modeling_frames.begin(), c.modeling_frames.end());
            }
        if (v.empty())
            std::snprintf(line, sizeof line, "  %-40s not available\n",
                          "modeling (personalization), seconds");
        else
            std::snprintf(line, sizeof line, "  %-40s %8.2f s for %d frames\n",
                          "modeling (personalization)", median(v), n.empty() ? 0 : n[n.size() / 2]);
        t << line;
    }
    std::snprintf(line, sizeof line, "  %-40s %8.0f MB\n", "peak memory (RSS)", peak_rss_mb());
    t << line;
    std::snprintf(
        line, sizeof line,
        "\nFront end on the rendered videos: %d/%d frames detected (%.1f %%), 68-point NME %.2f "
        "%%\n",
        detected_total, frames_total, 100.0 * detected_total / std::max(1, frames_total),
        frontend_nme.empty()
            ? 0.0
            : std::accumulate(frontend_nme.begin(), frontend_nme.end(), 0.0) / frontend_nme.size());
    t << line;
    std::snprintf(
        line, sizeof line,
        "BlazeFace alone on every frame: %d/%d frames (%.1f %%) with a box on the true face\n",
        blazeface_hits, frames_total, 100.0 * blazeface_hits / std::max(1, frames_total));
    t << line;
    t << (self_check_ok
              ? "Self-check: the ground truth scores zero against itself.\n"
              : "SELF-CHECK FAILED: the ground truth does not score zero against itself!\n");

    for (const std::string& mode : modes) {
        t << (mode == "gt" ? "\nAccuracy — ground-truth landmarks + " + fmt(o.noise_px, "%.1f") +
                                 " px noise (isolates the solver)\n"
                           : std::string("\nAccuracy — full pipeline (our detector + FaceMesh on "
                                         "the rendered video)\n"));
        if (o.true_parsing)
            t << "  parsing images: the truth's (--true-parsing: a perfect face parser)\n";
        std::snprintf(line, sizeof line, "  %-30s %13s %9s %7s %8s %7s %7s %7s %7s %8s %7s\n",
                      "row", "3D mm", "neutral", "3D sim", "neut sim", "NME %", "w MAE", "photo",
                      "AE mm", "shapes", "albedo");
        t << line;
        for (const Row& row : rows) {
            const Cell& c = table[mode][row.key];
            if (c.scores.empty()) {
                std::snprintf(line, sizeof line, "  %-30s %s\n", row.label.c_str(),
                              c.unavailable.empty() ? "not available" : c.unavailable.c_str());
                t << line;
                continue;
            }
            const double sd =
                std::sqrt(std::max(0.0, mean_of(c.scores, [](const eval::SequenceScores& s) {
                                       return s.surface_mm.sd * s.surface_mm.sd;
                                   })));
            bool photo = true, shapes = true, albedo = true;
            for (const auto& s : c.scores) {
                photo = photo && s.photometric.has_value();
                shapes = shapes && s.blendshape_error_mm.has_value();
                albedo = albedo && s.albedo_error.has_value();
            }
            std::snprintf(
                line, sizeof line,
                "  %-30s %6.3f±%-6.3f %9.3f %7.3f %8.3f %7.2f %7.3f %7s %7.2f %8s %7s%s\n",
                row.label.c_str(),
                mean_of(c.scores, [](const eval::SequenceScores& s) { return s.surface_mm.mean; }),
                sd,
                mean_of(c.scores,
                        [](const eval::SequenceScores& s) { return s.neutral_surface_mm; }),
                mean_of(c.scores,
                        [](const eval::SequenceScores& s) { return s.surface_similarity_mm.mean; }),
                mean_of(c.scores,
                        [](const eval::SequenceScores& s) { return s.neutral_similarity_mm; }),
                mean_of(c.scores, [](const eval::SequenceScores& s) { return s.nme_percent.mean; }),
                mean_of(c.scores, [](const eval::SequenceScores& s) { return s.weight_mae; }),
                photo ? fmt(mean_of(
                                c.scores,
                                [](const eval::SequenceScores& s) { return s.photometric->mean; }),
                            "%.1f")
                            .c_str()
                      : "n/a",
                mean_of(c.scores,
                        [](const eval::SequenceScores& s) { return s.expression_energy_mm.mean; }),
                shapes ? fmt(mean_of(c.scores,
                                     [](const eval::SequenceScores& s) {
                                         return *s.blendshape_error_mm;
                                     }),
                             "%.3f")
                             .c_str()
                       : "n/a",
                albedo ? fmt(mean_of(c.scores,
                                     [](const eval::SequenceScores& s) { return *s.albedo_error; }),
                             "%.2f")
                             .c_str()
                       : "n/a",
                c.skipped ? ("  (" + std::to_string(c.scores.size()) + " of " +
                             std::to_string(c.scores.size() + static_cast<size_t>(c.skipped)) +
                             " subjects: time budget)")
                                .c_str()
                          : "");
            t << line;
        }
    }
    t << "\n3D mm: mean point-to-surface distance of the true face-area vertices after rigid "
         "alignment (68 landmarks + ICP), per frame, mean±sd over frames; neutral: w = 0 model vs "
         "true neutral; 3D sim, neut sim: the same with a uniform scale in the alignment (a face's "
         "size is not observable in monocular video; these score its shape alone); NME: 68 "
         "projected landmarks / sqrt(box area); w MAE: 52 ARKit weights; "
         "photo: RGB distance 0-255 in the face mask; AE: expression deformation on neutral "
         "frames; "
         "shapes: personal blend shapes vs the truth (mm RMS); albedo: static albedo vs the "
         "truth's, RGB distance 0-255 over the face area after a gain per channel.\n";
    for (const std::string& note : assets.notes)
        t << "note: " << note << "\n";
    std::snprintf(line, sizeof line, "Bench wall time %.0f s (assets %.0f s). Results: %s\n",
                  wall_s, assets_s, o.json_path.c_str());
    t << line;
    std::printf("%s", t.str().c_str());

    json report;
    report["bench"] = "eval_bench";
    report["version"] = 1;
    report["seed"] = o.seed;
    report["frames"] = o.frames;
    report["size"] = {o.width, o.height};
    report["noise_px"] = o.noise_px;
    report["true_parsing"] = o.true_parsing;
    report["fitter"] = fitter ? json(o.fitter) : json(nullptr);
    report["ict_folder"] = asset_options.ict_folder;
    report["notes"] = assets.notes;
    report["self_check_ok"] = self_check_ok;
    report["speed"] = {{"facemesh_ms", median(facemesh_ms)}, {"front_end_ms", median(frontend_ms)},
                       {"render_ms", median(render_ms)},     {"peak_rss_mb", peak_rss_mb()},
                       {"load_average", load_average()},     {"wall_seconds", wall_s},
                       {"assets_seconds", assets_s}};
    report["front_end"] = {
        {"frames", frames_total},
        {"detected", detected_total},
        {"detection_rate", static_cast<double>(detected_total) / std::max(1, frames_total)},
        {"blazeface_every_frame_rate",
         static_cast<double>(blazeface_hits) / std::max(1, frames_total)},
        {"nme_percent", frontend_nme.empty()
                            ? 0.0
                            : std::accumulate(frontend_nme.begin(), frontend_nme.end(), 0.0) /
                                  static_cast<double>(frontend_nme.size())}};
    json summary;
    for (const std::string& mode : modes)
        for (const Row& row : rows) {
            const Cell& c = table[mode][row.key];
            if (c.scores.empty()) {
                summary[mode][row.key] = {
                    {"available", false},
                    {"reason", c.unavailable.empty() ? "not available" : c.unavailable}};
                continue;
            }
            summary[mode][row.key] = {
                {"available", true},
                {"surface_mm",
                 mean_of(c.scores,
                         [](const eval::SequenceScores& s) { return s.surface_mm.mean; })},
                {"neutral_surface_mm",
                 mean_of(c.scores,
                         [](const eval::SequenceScores& s) { return s.neutral_surface_mm; })},
                {"surface_similarity_mm",
                 mean_of(c.scores,
                         [](const eval::SequenceScores& s) { return s.surface_similarity_mm.mean; })},
                {"neutral_similarity_mm",
                 mean_of(c.scores,
                         [](const eval::SequenceScores& s) { return s.neutral_similarity_mm; })},
                {"nme_percent",
                 mean_of(c.scores,
                         [](const eval::SequenceScores& s) { return s.nme_percent.mean; })},
                {"weight_mae",
                 mean_of(c.scores, [](const eval::SequenceScores& s) { return s.weight_mae; })},
                {"expression_energy_mm", mean_of(c.scores, [](const eval::SequenceScores& s) {
                     return s.expression_energy_mm.mean;
                 })}};
        }
    report["summary"] = summary;
    report["subjects"] = subjects;
    std::ofstream(o.json_path) << report.dump(2) << "\n";
    std::ofstream(o.out + "/eval_bench.txt") << t.str();
    return self_check_ok ? 0 : 3;
}
