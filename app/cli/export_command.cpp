// likeness export INPUT --format gltf|glb|fbx|obj|csv|json --out PATH [--take TAKE.json] ...
#include <cstdio>
#include <optional>
#include <string>

#include "app/cli/args.hpp"
#include "app/cli/commands.hpp"
#include "app/cli/progress_bar.hpp"
#include "app/cli/session_parts.hpp"
#include "engine/core/blendshape_rig.hpp"
#include "engine/core/take.hpp"
#include "engine/eval/synthetic_take.hpp"
#include "engine/face/template_blendshape_rig.hpp"
#include "engine/face/template_error.hpp"
#include "engine/face/template_rig.hpp"
#include "engine/fit/session_file.hpp"
#include "engine/io/export_error.hpp"
#include "engine/io/model_paths.hpp"
#include "engine/io/rig_export.hpp"
#include "engine/io/take_json.hpp"

namespace likeness::cli {
namespace {

constexpr const char* kExportUsage =
    "Usage: likeness export INPUT --format gltf|glb|fbx|obj|csv|json --out PATH\n"
    "                       [--take TAKE.json | --demo-take SECONDS] [--head "
    "camera|rotation|none]\n"
    "                       [--no-texture]\n";

bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() &&
           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

struct Inputs {
    std::optional<core::BlendshapeRig> rig;
    std::optional<core::Take> take;
};

io::HeadMotion parse_head(const std::string& text) {
    if (text == "camera") return io::HeadMotion::kCameraSpace;
    if (text == "rotation") return io::HeadMotion::kRotationOnly;
    if (text == "none") return io::HeadMotion::kNone;
    throw UsageError("--head must be camera, rotation or none (got '" + text + "')");
}

core::BlendshapeRig template_rig() {
    ProgressBar bar;
    const face::TemplateRig rig = face::build_template_rig(
        {}, core::Progress([&bar](double f, const std::string& s) { bar.update(f, s); }));
    return face::template_blendshape_rig(rig);
}

}  // namespace

int run_export(const std::vector<std::string>& argv) {
    std::string input, out_path, take_path;
    io::ExportRequest request;
    double demo_seconds = 0.0;
    try {
        const Args args(
            argv,
            ArgSpec{
                {"--no-texture"}, {"--format", "--out", "--take", "--demo-take", "--head"}, 1, 1});
        input = args.positional().front();
        if (!args.value("--format")) throw UsageError("--format is required");
        const auto format = io::parse_export_format(*args.value("--format"));
        if (!format)
            throw UsageError("unknown --format '" + *args.value("--format") +
                             "' (gltf, glb, fbx, obj, csv or json)");
        request.format = *format;
        if (!args.value("--out")) throw UsageError("--out PATH is required");
        out_path = *args.value("--out");
        take_path = args.value("--take").value_or("");
        if (args.value("--demo-take")) {
            if (!take_path.empty()) throw UsageError("give --take or --demo-take, not both");
            try {
                demo_seconds = std::stod(*args.value("--demo-take"));
            } catch (const std::exception&) {
                demo_seconds = -1.0;
            }
            if (!(demo_seconds > 0.0 && demo_seconds <= 3600.0))
                throw UsageError("--demo-take needs a duration in seconds (0 < s <= 3600)");
        }
        if (args.value("--head")) request.head_motion = parse_head(*args.value("--head"));
        request.texture = !args.flag("--no-texture");
    } catch (const UsageError& e) {
        std::fprintf(stderr, "likeness export: %s\n%s", e.what(), kExportUsage);
        return kUsage;
    }

    try {
        Inputs in;
        if (input == "template") {
            if (io::exports_rig(request.format)) in.rig = template_rig();
        } else if (is_session_path(input)) {
            const fit::Session session = fit::read_session(input);
            if (io::exports_rig(request.format)) in.rig = session_rig(session, input);
            const bool take_given = !take_path.empty() || demo_seconds > 0.0;
            if (!take_given) {
                if (session.take.frame_count() > 0 || !in.rig)
                    in.take = session_take(session, input);  // throws: says how to make one
                else if (request.format != io::ExportFormat::kObj)
                    std::fprintf(stderr,
                                 "likeness export: note: '%s' holds no take; the rig is exported "
                                 "without animation\n",
                                 input.c_str());
            }
        } else if (ends_with(input, ".json")) {
            if (io::exports_rig(request.format)) {
                std::fprintf(stderr,
                             "likeness export: %s needs a rig; a take file holds none. Use "
                             "'likeness export template --take %s ...'.\n",
                             io::export_format_name(request.format), input.c_str());
                return kBadInput;
            }
            in.take = io::read_take_json(input);
        } else {
            std::fprintf(stderr,
                         "likeness export: INPUT must be 'template', a session (.likeness) or "
                         "a take file (.json), not '%s'\n",
                         input.c_str());
            return kBadInput;
        }
        if (!take_path.empty()) in.take = io::read_take_json(take_path);
        if (demo_seconds > 0.0) {
            eval::SyntheticTakeOptions o;
            o.seconds = demo_seconds;
            in.take = eval::synthetic_take(o);
        }
        if (!io::exports_rig(request.format) && !in.take) {
            std::fprintf(stderr,
                         "likeness export: --format %s writes a take: give a take file as INPUT "
                         "or --take TAKE.json\n",
                         io::export_format_name(request.format));
            return kBadInput;
        }
        request.rig = in.rig ? &*in.rig : nullptr;
        request.take = in.take ? &*in.take : nullptr;
        request.path = out_path;
        io::ExportedFiles files;
        {
            ProgressBar bar;
            files = io::export_files(
                request,
                core::Progress([&bar](double f, const std::string& s) { bar.update(f, s); }));
        }
        std::printf("exported %s: ", io::export_format_name(request.format));
        if (request.rig && request.format != io::ExportFormat::kCsv &&
            request.format != io::ExportFormat::kJson)
            std::printf("rig '%s' (%d vertices, %d shapes)", request.rig->name.c_str(),
                        request.rig->vertex_count(), request.rig->shape_count());
        if (request.take && request.format != io::ExportFormat::kObj)
            std::printf("%stake '%s' (%d frames at %g fps, %.2f s)", request.rig ? ", " : "",
                        request.take->name.c_str(), request.take->frame_count(), request.take->fps,
                        request.take->duration_s());
        std::printf("\n");
        for (const std::string& p : files.paths)
            std::printf("wrote %s\n", p.c_str());
        std::printf("%llu bytes\n", files.bytes);
    } catch (const io::ExportError& e) {
        std::fprintf(stderr, "likeness export: %s\n", e.what());
        return kBadInput;
    } catch (const fit::SessionFileError& e) {
        std::fprintf(stderr, "likeness export: %s\n", e.what());
        return kBadInput;
    } catch (const MissingSessionPart& e) {
        std::fprintf(stderr, "likeness export: %s\n", e.what());
        return kBadInput;
    } catch (const io::TakeFileError& e) {
        std::fprintf(stderr, "likeness export: %s\n", e.what());
        return kBadInput;
    } catch (const face::TemplateError& e) {
        std::fprintf(stderr, "likeness export: %s\n", e.what());
        return kBadInput;
    } catch (const io::ModelsNotFound& e) {
        std::fprintf(stderr, "likeness export: %s\n", e.what());
        return kBadInput;
    }
    return kOk;
}

}  // namespace likeness::cli
