// likeness track INPUT --model S.likeness --out TAKE.json [--face N] [--max-frames N]
//                      [--focal-factor F] [--session OUT.likeness]
//                      [--overlay PREFIX [--overlay-frames LIST]]
#include <cstdio>

#include "app/cli/args.hpp"
#include "app/cli/commands.hpp"
#include "app/cli/overlay_frames.hpp"
#include "app/cli/progress_bar.hpp"
#include "app/cli/session_parts.hpp"
#include "engine/fit/session_file.hpp"
#include "engine/fit/session_pipeline.hpp"
#include "engine/io/export_error.hpp"
#include "engine/io/model_paths.hpp"
#include "engine/io/take_json.hpp"
#include "engine/io/video_source.hpp"
#include "engine/nn/face_landmarker.hpp"
#include "engine/nn/model_error.hpp"

namespace likeness::cli {
namespace {

const char* const kUsageLine =
    "Usage: likeness track INPUT --model S.likeness --out TAKE.json [--face N] [--max-frames N]\n"
    "                      [--focal-factor F] [--session OUT.likeness]\n"
    "                      [--overlay PREFIX [--overlay-frames LIST]]\n";

}  // namespace

int run_track(const std::vector<std::string>& argv) {
    std::string input, model_path, out;
    std::optional<std::string> session_out, overlay;
    std::vector<int64_t> overlay_frames;
    fit::FitInputOptions input_options;
    float focal_factor = 1.0f;
    try {
        const Args args(argv,
                        ArgSpec{{},
                                {"--model", "--out", "--face", "--max-frames", "--focal-factor",
                                 "--session", "--overlay", "--overlay-frames"},
                                1,
                                1});
        input = args.positional()[0];
        if (!args.value("--model")) throw UsageError("--model S.likeness is required");
        if (!args.value("--out")) throw UsageError("--out TAKE.json is required");
        model_path = *args.value("--model");
        out = *args.value("--out");
        input_options.face_index = static_cast<int>(args.integer("--face", 0, 1000).value_or(-1));
        input_options.max_frames = args.integer("--max-frames", 1, 1LL << 40).value_or(-1);
        focal_factor = static_cast<float>(
            args.real("--focal-factor", fit::kMinFocalFactor, fit::kMaxFocalFactor)
                .value_or(focal_factor));
        session_out = args.value("--session");
        overlay = args.value("--overlay");
        if (args.value("--overlay-frames")) {
            if (!overlay) throw UsageError("--overlay-frames needs --overlay PREFIX");
            overlay_frames = frame_list(*args.value("--overlay-frames"));
        }
    } catch (const UsageError& e) {
        std::fprintf(stderr, "likeness track: %s\n%s", e.what(), kUsageLine);
        return kUsage;
    }
    try {
        const fit::Session model_session = fit::read_session(model_path);
        if (!model_session.has_model()) {
            std::fprintf(stderr, "likeness track: '%s' holds no personal model\n",
                         model_path.c_str());
            return kBadInput;
        }
        ProgressBar bar;
        const core::Progress progress([&bar](double f, const std::string& s) { bar.update(f, s); });
        nn::FaceLandmarker landmarker(io::find_models());
        auto source = fit::open_video_input(input, landmarker, input_options);
        // Another video: its own camera (the model's session camera belongs to its video).
        const core::Camera camera =
            fit::default_camera(source->width(), source->height(), focal_factor);
        fit::Session session;
        session.input = recorded_input_path(input);
        session.width = source->width();
        session.height = source->height();
        session.camera = camera;
        session.ablation = model_session.ablation;
        session.created_by = model_session.created_by;
        session.template_spec = model_session.template_spec;
        fit::PipelineReport report;
        fit::track_input(*source, model_session.model, camera, fit::default_track_options(),
                         &session, &report, progress);
        if (report.frames_with_face == 0) {
            std::fprintf(stderr,
                         "likeness track: no face found in any of the %lld frames of '%s'\n",
                         static_cast<long long>(report.frames), input.c_str());
            return kBadInput;
        }
        session.take.name = "take";
        io::write_take_json(session.take, out);
        if (session_out || overlay) session.model = model_session.model;
        if (session_out) fit::write_session(session, *session_out);
        if (overlay) write_overlays(session, *overlay, overlay_frames);
        int64_t tracked = 0;
        for (const fit::FrameFit& f : session.frames)
            tracked += f.has_face ? 1 : 0;
        std::fprintf(stderr, "tracked %lld of %lld frames, solver %.1f fps\n",
                     static_cast<long long>(tracked), static_cast<long long>(report.frames),
                     report.tracker_seconds > 0.0 ? tracked / report.tracker_seconds : 0.0);
        std::printf("wrote %s\n", out.c_str());
    } catch (const fit::SessionFileError& e) {
        std::fprintf(stderr, "likeness track: %s\n", e.what());
        return kBadInput;
    } catch (const io::VideoError& e) {
        std::fprintf(stderr, "likeness track: %s\n", e.what());
        return kBadInput;
    } catch (const io::ModelsNotFound& e) {
        std::fprintf(stderr, "likeness track: %s\n", e.what());
        return kBadInput;
    } catch (const nn::ModelError& e) {
        std::fprintf(stderr, "likeness track: a model file is damaged: %s\n", e.what());
        return kBadInput;
    } catch (const io::ExportError& e) {
        std::fprintf(stderr, "likeness track: %s\n", e.what());
        return kBadInput;
    }
    return kOk;
}

}  // namespace likeness::cli
