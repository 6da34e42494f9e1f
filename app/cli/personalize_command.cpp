// likeness personalize INPUT --out S.likeness [--frames K] [--ablation A|B|C|D|final]
//                            [--template builtin] [--face N] [--max-frames N] [--json REPORT]
//                            [--overlay PREFIX [--overlay-frames LIST]] [--quick]
#include <cstdio>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>

#include "app/cli/args.hpp"
#include "app/cli/commands.hpp"
#include "app/cli/overlay_frames.hpp"
#include "app/cli/progress_bar.hpp"
#include "app/cli/session_parts.hpp"
#include "engine/face/template_error.hpp"
#include "engine/face/template_rig.hpp"
#include "engine/fit/session_file.hpp"
#include "engine/fit/session_pipeline.hpp"
#include "engine/io/atomic_file.hpp"
#include "engine/io/export_error.hpp"
#include "engine/io/model_paths.hpp"
#include "engine/io/video_source.hpp"
#include "engine/nn/face_landmarker.hpp"
#include "engine/nn/model_error.hpp"

namespace likeness::cli {
namespace {

const char* const kUsageLine =
    "Usage: likeness personalize INPUT --out S.likeness [--frames K] [--ablation A|B|C|D|final]\n"
    "                            [--template builtin] [--face N] [--max-frames N] [--json REPORT]\n"
    "                            [--overlay PREFIX [--overlay-frames LIST]] [--quick]\n";

nlohmann::json terms_json(const fit::TermCosts& t) {
    return {{"total", t.total},
            {"photometric", t.photometric},
            {"image_gradient", t.image_gradient},
            {"landmark", t.landmark},
            {"parsing", t.parsing},
            {"weight_l1", t.weight_l1},
            {"lighting", t.lighting},
            {"smoothness", t.smoothness},
            {"blendshape_gradient", t.blendshape_gradient},
            {"priors", t.priors}};
}

nlohmann::json report_json(const fit::Session& s, const fit::PipelineReport& r,
                           const std::string& out) {
    nlohmann::json stages = nlohmann::json::array();
    for (const fit::StageReport& st : r.personalization.stages)
        stages.push_back({{"name", st.name},
                          {"photometric_error", st.photometric},
                          {"landmark_error_px224", st.landmark_px},
                          {"seconds", st.seconds},
                          {"terms", terms_json(st.terms)}});
    std::vector<int64_t> missing;
    double photometric = 0.0, landmark = 0.0;
    int64_t tracked = 0;
    for (size_t i = 0; i < s.frames.size(); ++i) {
        if (!s.frames[i].has_face) {
            missing.push_back(static_cast<int64_t>(i));
            continue;
        }
        photometric += s.frames[i].photometric;
        landmark += s.frames[i].landmark_px;
        ++tracked;
    }
    return {{"input", s.input},
            {"session", out},
            {"width", s.width},
            {"height", s.height},
            {"fps", s.fps},
            {"frames", r.frames},
            {"frames_with_face", r.frames_with_face},
            {"frames_without_face", missing},
            {"ablation", fit::to_string(s.ablation)},
            {"model_frames", s.model_frames},
            {"neutral_frame", s.neutral_frame},
            {"focal_px", s.camera.focal_px},
            {"stages", stages},
            {"tracking",
             {{"photometric_error", tracked ? photometric / tracked : 0.0},
              {"landmark_error_px224", tracked ? landmark / tracked : 0.0},
              {"solver_fps", r.tracker_seconds > 0.0 ? tracked / r.tracker_seconds : 0.0}}},
            {"seconds",
             {{"landmarks", r.landmark_seconds},
              {"modeling", r.modeling_seconds},
              {"tracking", r.tracking_seconds},
              {"tracking_solver", r.tracker_seconds}}}};
}

}  // namespace

int run_personalize(const std::vector<std::string>& argv) {
    std::string input, out;
    std::optional<std::string> json_path, overlay;
    std::vector<int64_t> overlay_frames;
    fit::PersonalizeOptions options;
    fit::FitInputOptions input_options;
    try {
        const Args args(argv, ArgSpec{{"--quick"},
                                      {"--out", "--frames", "--ablation", "--template", "--face",
                                       "--max-frames", "--json", "--overlay", "--overlay-frames"},
                                      1,
                                      1});
        input = args.positional()[0];
        if (args.flag("--quick")) options = fit::quick_personalize_options();
        if (!args.value("--out")) throw UsageError("--out S.likeness is required");
        out = *args.value("--out");
        options.model_frames =
            static_cast<int>(args.integer("--frames", 1, 256).value_or(options.model_frames));
        if (args.value("--ablation")) {
            const auto a = fit::parse_ablation(*args.value("--ablation"));
            if (!a) throw UsageError("--ablation must be A, B, C, D or final");
            options.schedule.ablation = *a;
        }
        const std::string tmpl = args.value("--template").value_or("builtin");
        if (tmpl != "builtin")
            throw UsageError("--template: only 'builtin' is available (got '" + tmpl + "')");
        input_options.face_index = static_cast<int>(args.integer("--face", 0, 1000).value_or(-1));
        input_options.max_frames = args.integer("--max-frames", 1, 1LL << 40).value_or(-1);
        json_path = args.value("--json");
        overlay = args.value("--overlay");
        if (args.value("--overlay-frames")) {
            if (!overlay) throw UsageError("--overlay-frames needs --overlay PREFIX");
            overlay_frames = frame_list(*args.value("--overlay-frames"));
        }
    } catch (const UsageError& e) {
        std::fprintf(stderr, "likeness personalize: %s\n%s", e.what(), kUsageLine);
        return kUsage;
    }
    try {
        ProgressBar bar;
        const core::Progress progress([&bar](double f, const std::string& s) { bar.update(f, s); });
        nn::FaceLandmarker landmarker(io::find_models());
        const face::TemplateRig rig = face::build_template_rig({}, progress);
        auto source = fit::open_video_input(input, landmarker, input_options);
        fit::PipelineReport report;
        fit::Session session = fit::personalize_input(*source, rig, options, &report, progress);
        session.input = recorded_input_path(input);
        const uint64_t bytes = fit::write_session(session, out);
        if (json_path) {
            const std::string text = report_json(session, report, out).dump(2) + "\n";
            if (*json_path == "-")
                std::fwrite(text.data(), 1, text.size(), stdout);
            else
                io::write_file_atomically(*json_path, text);
        }
        const auto& stages = report.personalization.stages;
        std::fprintf(stderr,
                     "personalized %s: %lld frames (%lld with a face), K = %zu, ablation %s, "
                     "focal %.0f px\n",
                     input.c_str(), static_cast<long long>(report.frames),
                     static_cast<long long>(report.frames_with_face), session.model_frames.size(),
                     fit::to_string(session.ablation), session.camera.focal_px);
        if (!stages.empty())
            std::fprintf(stderr,
                         "photometric error %.4f -> %.4f, landmarks %.2f -> %.2f px (224 crop)\n",
                         stages.front().photometric, stages.back().photometric,
                         stages.front().landmark_px, stages.back().landmark_px);
        std::fprintf(stderr,
                     "seconds: landmarks %.1f, modeling %.1f, tracking %.1f (solver %.1f)\n",
                     report.landmark_seconds, report.modeling_seconds, report.tracking_seconds,
                     report.tracker_seconds);
        std::printf("wrote %s (%llu bytes)\n", out.c_str(), static_cast<unsigned long long>(bytes));
        if (overlay) write_overlays(session, *overlay, overlay_frames);
    } catch (const fit::NoFaceError& e) {
        std::fprintf(stderr, "likeness personalize: %s in '%s'\n", e.what(), input.c_str());
        return kBadInput;
    } catch (const io::VideoError& e) {
        std::fprintf(stderr, "likeness personalize: %s\n", e.what());
        return kBadInput;
    } catch (const io::ModelsNotFound& e) {
        std::fprintf(stderr, "likeness personalize: %s\n", e.what());
        return kBadInput;
    } catch (const nn::ModelError& e) {
        std::fprintf(stderr, "likeness personalize: a model file is damaged: %s\n", e.what());
        return kBadInput;
    } catch (const face::TemplateError& e) {
        std::fprintf(stderr, "likeness personalize: %s\n", e.what());
        return kBadInput;
    } catch (const io::ExportError& e) {
        std::fprintf(stderr, "likeness personalize: %s\n", e.what());
        return kBadInput;
    } catch (const fit::SessionFileError& e) {
        std::fprintf(stderr, "likeness personalize: %s\n", e.what());
        return kBadInput;
    }
    return kOk;
}

}  // namespace likeness::cli
