// likeness personalize INPUT --out S.likeness [--frames K] [--ablation A|B|C|D|final]
//                            [--template builtin|ict:DIR] [--face N] [--max-frames N]
//                            [--focal-factor F] [--json REPORT]
//                            [--overlay PREFIX [--overlay-frames LIST]] [--quick]
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>

#include "app/cli/args.hpp"
#include "app/cli/commands.hpp"
#include "app/cli/overlay_frames.hpp"
#include "app/cli/progress_bar.hpp"
#include "app/cli/session_parts.hpp"
#include "engine/face/ict_template.hpp"
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
    "                            [--template builtin|ict:DIR] [--face N] [--max-frames N]\n"
    "                            [--focal-factor F] [--json REPORT]\n"
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

/// The prior named by --template: "builtin" or "ict:DIR" (DIR an ICT-FaceKit folder).
struct TemplateChoice {
    std::string spec = "builtin";
    std::string ict_folder;  ///< empty for builtin
};

TemplateChoice parse_template(const std::string& spec) {
    TemplateChoice c;
    c.spec = spec;
    if (spec == "builtin") return c;
    if (spec.rfind("ict:", 0) == 0) {
        c.ict_folder = spec.substr(4);
        if (c.ict_folder.empty())
            throw UsageError("--template ict:DIR needs the ICT-FaceKit folder");
        return c;
    }
    throw UsageError("--template must be builtin or ict:DIR (got '" + spec + "')");
}

/// What the template step did, for the report.
struct TemplateReport {
    TemplateChoice choice;
    face::IctTemplateSummary ict;
    double seconds = 0.0;
};

nlohmann::json template_json(const TemplateReport& t) {
    nlohmann::json j = {{"spec", t.choice.spec},
                        {"kind", t.choice.ict_folder.empty() ? "builtin" : "ict"},
                        {"seconds", t.seconds}};
    if (t.choice.ict_folder.empty()) return j;
    j["ict_folder"] = t.choice.ict_folder;
    j["registration"] = {{"scale", t.ict.scale},
                         {"landmark_rms_mm", 10.0 * t.ict.landmark_rms_cm},
                         {"mean_surface_distance_mm", 10.0 * t.ict.mean_surface_distance_cm},
                         {"max_surface_distance_mm", 10.0 * t.ict.max_surface_distance_cm},
                         {"skin_vertices", t.ict.skin_vertices},
                         {"unmatched_vertices", t.ict.unmatched_vertices}};
    j["ict_shapes"] = t.ict.ict_shapes;
    j["builtin_shapes"] = t.ict.builtin_shapes;
    return j;
}

nlohmann::json report_json(const fit::Session& s, const fit::PipelineReport& r,
                           const TemplateReport& tmpl, const std::string& out) {
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
            {"template", template_json(tmpl)},
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
    TemplateReport tmpl;
    try {
        const Args args(argv, ArgSpec{{"--quick"},
                                      {"--out", "--frames", "--ablation", "--template", "--face",
                                       "--max-frames", "--focal-factor", "--json", "--overlay",
                                       "--overlay-frames"},
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
        if (const auto f =
                args.real("--focal-factor", fit::kMinFocalFactor, fit::kMaxFocalFactor)) {
            // A known lens is kept as given, not estimated.
            options.focal_factor = static_cast<float>(*f);
            options.schedule.estimate_focal = false;
        }
        tmpl.choice = parse_template(args.value("--template").value_or("builtin"));
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
        const auto t0 = std::chrono::steady_clock::now();
        face::TemplateRig rig = face::build_template_rig({}, progress);
        if (!tmpl.choice.ict_folder.empty())
            rig = face::ict_template_rig(rig, tmpl.choice.ict_folder, {}, &tmpl.ict, progress);
        tmpl.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (!tmpl.ict.builtin_shapes.empty()) {
            std::string names;
            for (const std::string& n : tmpl.ict.builtin_shapes)
                names += (names.empty() ? "" : ", ") + n;
            std::fprintf(stderr, "ICT-FaceKit has no %s: the builtin shape is kept\n",
                         names.c_str());
        }
        auto source = fit::open_video_input(input, landmarker, input_options);
        fit::PipelineReport report;
        fit::Session session = fit::personalize_input(*source, rig, options, &report, progress);
        session.input = recorded_input_path(input);
        session.template_spec = tmpl.choice.ict_folder.empty()
                                    ? tmpl.choice.spec
                                    : "ict:" + recorded_input_path(tmpl.choice.ict_folder);
        const uint64_t bytes = fit::write_session(session, out);
        if (json_path) {
            const std::string text = report_json(session, report, tmpl, out).dump(2) + "\n";
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
