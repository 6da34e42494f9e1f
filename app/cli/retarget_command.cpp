// likeness retarget --take TAKE.json|S.likeness --to CHARACTER|template|B.likeness --out FILE
//                   [--map MAP.json] [--transfer] [--json REPORT] ...
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "app/cli/args.hpp"
#include "app/cli/commands.hpp"
#include "app/cli/progress_bar.hpp"
#include "app/cli/session_parts.hpp"
#include "engine/face/arkit_names.hpp"
#include "engine/face/template_blendshape_rig.hpp"
#include "engine/face/template_error.hpp"
#include "engine/face/template_rig.hpp"
#include "engine/fit/session_file.hpp"
#include "engine/io/export_error.hpp"
#include "engine/io/model_paths.hpp"
#include "engine/io/rig_export.hpp"
#include "engine/io/take_json.hpp"
#include "engine/nn/face_landmarker.hpp"
#include "engine/retarget/auto_landmarks.hpp"
#include "engine/retarget/auto_map.hpp"
#include "engine/retarget/character.hpp"
#include "engine/retarget/mapping_json.hpp"
#include "engine/retarget/retarget.hpp"
#include "engine/retarget/retarget_error.hpp"
#include "engine/retarget/template_transfer.hpp"

namespace likeness::cli {
namespace {

using nlohmann::json;

constexpr const char* kRetargetUsage =
    "Usage: likeness retarget --take TAKE.json|S.likeness --to CHARACTER|template|B.likeness\n"
    "                         --out PATH\n"
    "                         [--format gltf|glb|fbx|obj|csv|json] [--map MAP.json]\n"
    "                         [--transfer [--landmarks PAIRS.json]] [--json REPORT]\n"
    "                         [--save-map MAP.json] [--intensity X] [--smooth SECONDS]\n"
    "                         [--head rotation|camera|none] [--no-head-rotation]\n"
    "                         [--swap-sides] [--unit-cm X] [--neutral NAME] [--no-texture]\n";

io::ExportFormat format_for(const std::string& out, const std::optional<std::string>& given) {
    if (given) {
        const auto f = io::parse_export_format(*given);
        if (!f)
            throw UsageError("unknown --format '" + *given + "' (gltf, glb, fbx, obj, csv, json)");
        return *f;
    }
    std::string ext = std::filesystem::path(out).extension().string();
    if (!ext.empty()) {
        if (const auto f = io::parse_export_format(ext.substr(1))) return *f;
        throw UsageError("cannot tell the format from '" + out + "': give --format");
    }
    return io::ExportFormat::kObj;  // a folder
}

struct Options {
    std::string take_path, target, out, map_path, landmarks_path, json_path, save_map;
    io::ExportFormat format = io::ExportFormat::kGlb;
    bool transfer = false, texture = true, swap_sides = false;
    std::optional<float> intensity, smoothing_s, unit_cm;
    bool no_head_rotation = false;
    std::optional<io::HeadMotion> head;
    std::string neutral_name;
};

Options parse(const std::vector<std::string>& argv) {
    const Args args(
        argv, ArgSpec{{"--transfer", "--no-head-rotation", "--swap-sides", "--no-texture"},
                      {"--take", "--to", "--out", "--format", "--map", "--landmarks", "--json",
                       "--save-map", "--intensity", "--smooth", "--head", "--unit-cm", "--neutral"},
                      0,
                      0});
    Options o;
    if (!args.value("--take")) throw UsageError("--take TAKE.json|S.likeness is required");
    if (!args.value("--to")) throw UsageError("--to CHARACTER is required");
    if (!args.value("--out")) throw UsageError("--out PATH is required");
    o.take_path = *args.value("--take");
    o.target = *args.value("--to");
    o.out = *args.value("--out");
    o.format = format_for(o.out, args.value("--format"));
    o.map_path = args.value("--map").value_or("");
    o.landmarks_path = args.value("--landmarks").value_or("");
    o.json_path = args.value("--json").value_or("");
    o.save_map = args.value("--save-map").value_or("");
    o.neutral_name = args.value("--neutral").value_or("");
    o.transfer = args.flag("--transfer");
    if (!o.landmarks_path.empty() && !o.transfer) throw UsageError("--landmarks is for --transfer");
    o.texture = !args.flag("--no-texture");
    o.swap_sides = args.flag("--swap-sides");
    o.no_head_rotation = args.flag("--no-head-rotation");
    if (args.value("--intensity"))
        o.intensity = static_cast<float>(*args.real("--intensity", 0, 3));
    if (args.value("--smooth")) o.smoothing_s = static_cast<float>(*args.real("--smooth", 0, 2));
    if (args.value("--unit-cm")) o.unit_cm = static_cast<float>(*args.real("--unit-cm", 1e-6, 1e6));
    if (const auto h = args.value("--head")) {
        if (*h == "camera")
            o.head = io::HeadMotion::kCameraSpace;
        else if (*h == "rotation")
            o.head = io::HeadMotion::kRotationOnly;
        else if (*h == "none")
            o.head = io::HeadMotion::kNone;
        else
            throw UsageError("--head must be rotation, camera or none (got '" + *h + "')");
    }
    return o;
}

core::Progress bar_progress(ProgressBar& bar) {
    return core::Progress([&bar](double f, const std::string& s) { bar.update(f, s); });
}

/// What --take names: a take file's take, or a session's take and — for --transfer, which then
/// carries the performer's own corrected shapes instead of the template's — its personal model.
struct Performance {
    core::Take take;
    std::optional<core::BlendshapeRig> personal;
};

Performance read_performance(const Options& o) {
    Performance p;
    if (!is_session_path(o.take_path)) {
        p.take = io::read_take_json(o.take_path);
        return p;
    }
    const fit::Session session = fit::read_session(o.take_path);
    p.take = session_take(session, o.take_path);
    if (o.transfer && session.has_model()) p.personal = session_rig(session, o.take_path);
    return p;
}

/// What --to names: the template, another person's session (their personal model: corrected
/// shapes and dynamic albedo, ARKit names) or a character file / shape folder.
retarget::Character read_target(const Options& o) {
    retarget::Character ch;
    if (o.target == "template") {
        ProgressBar bar;
        ch.rig = face::template_blendshape_rig(face::build_template_rig({}, bar_progress(bar)));
        ch.path = "template";
        ch.format = "template";
    } else if (is_session_path(o.target)) {
        ch.rig = session_rig(fit::read_session(o.target), o.target);
        ch.path = o.target;
        ch.format = "session";
    } else {
        retarget::CharacterImportOptions io_options;
        if (o.unit_cm) io_options.cm_per_unit = *o.unit_cm;
        io_options.neutral_name = o.neutral_name;
        ProgressBar bar;
        ch = retarget::import_character(o.target, io_options, bar_progress(bar));
    }
    return ch;
}

json entry_json(const retarget::ChannelMapping& m, int c) {
    const retarget::ChannelEntry& e = m.channels[static_cast<size_t>(c)];
    json targets = json::array();
    for (const retarget::MappedShape& t : e.targets)
        targets.push_back({{"shape", t.shape}, {"gain", t.gain}});
    return {{"channel", face::arkit_names()[static_cast<size_t>(c)]},
            {"match", retarget::match_kind_name(e.match)},
            {"targets", targets}};
}

/// The character's own shapes, plus transferred ones for the channels they leave unmatched.
struct Transfer {
    json report;
    std::vector<std::string> channels;  ///< channels now driven by transferred shapes
};

/// `personal`: the performer's model, whose shapes are transferred instead of the template's.
Transfer add_transferred_shapes(const Options& o,
                                const std::optional<core::BlendshapeRig>& personal,
                                retarget::Character& ch, retarget::ChannelMapping& mapping) {
    Transfer t;
    face::TemplateRig tmpl;
    {
        ProgressBar bar;
        tmpl = face::build_template_rig({}, bar_progress(bar));
    }
    std::vector<retarget::LandmarkPair> pairs;
    json lm;
    if (!o.landmarks_path.empty()) {
        pairs = retarget::read_landmark_pairs_json(o.landmarks_path, tmpl.ibug68);
        for (retarget::LandmarkPair& p : pairs) {
            const int v = retarget::vertex_of_file_index(ch, p.character_vertex);
            if (v < 0)
                throw retarget::RetargetError("'" + o.landmarks_path + "' names vertex " +
                                              std::to_string(p.character_vertex) +
                                              ", which the character does not have");
            p.character_vertex = v;
        }
        lm = {{"source", o.landmarks_path}, {"pairs", pairs.size()}};
    } else {
        nn::FaceLandmarker landmarker(io::find_models());
        const retarget::AutoLandmarks found = retarget::find_landmarks(ch.rig, landmarker);
        pairs = found.pairs;
        lm = {{"source", "automatic"},
              {"view", found.view},
              {"face_flag", found.face_flag},
              {"pairs", pairs.size()}};
    }
    const core::BlendshapeRig source =
        personal ? *personal : face::template_blendshape_rig(tmpl, {false});
    retarget::TemplateTransfer tt;
    {
        ProgressBar bar;
        tt = retarget::transfer_template_shapes(tmpl, source, ch.rig, pairs, {}, bar_progress(bar));
    }
    const retarget::DeformationTransferSummary& s = tt.transferred.summary;
    for (int c = 0; c < face::kArkitShapeCount; ++c) {
        if (mapping.is_mapped(c)) continue;
        const std::string& channel = face::arkit_names()[static_cast<size_t>(c)];
        std::string name = channel;
        while (ch.rig.shape_index(name) >= 0)
            name += "_transfer";
        ch.rig.shape_names.push_back(name);
        ch.rig.deltas.push_back(tt.transferred.rig.deltas[static_cast<size_t>(c)]);
        if (!ch.rig.normal_deltas.empty())
            ch.rig.normal_deltas.push_back(core::MatrixX3fR::Zero(ch.rig.vertex_count(), 3));
        if (!ch.rig.dynamic_albedo.empty())
            ch.rig.dynamic_albedo.push_back(cv::Mat::zeros(ch.rig.albedo.size(), CV_32FC3));
        mapping.set(c, {{name, 1.f}}, retarget::MatchKind::kTransferred);
        t.channels.push_back(channel);
    }
    const retarget::FaceCorrespondence& corr = tt.correspondence;
    t.report = {{"source", personal ? "personal model of " + o.take_path : "template"},
                {"landmarks", lm},
                {"channels", t.channels},
                {"registration",
                 {{"landmark_rms_cm", corr.registration.landmark_rms_cm},
                  {"mean_surface_distance_cm", corr.registration.mean_surface_distance_cm},
                  {"scale", corr.registration.similarity.scale}}},
                {"matched_triangles", corr.matched_triangles},
                {"matched_area_fraction", corr.matched_area_fraction},
                {"parts", corr.parts},
                {"matched_parts", corr.matched_parts},
                {"unknowns", s.unknowns},
                {"correspondence_seconds", tt.correspondence_seconds},
                {"factor_seconds", s.factor_seconds},
                {"solve_seconds", s.solve_seconds}};
    return t;
}

}  // namespace

int run_retarget(const std::vector<std::string>& argv) {
    Options o;
    try {
        o = parse(argv);
    } catch (const UsageError& e) {
        std::fprintf(stderr, "likeness retarget: %s\n%s", e.what(), kRetargetUsage);
        return kUsage;
    }

    try {
        const Performance performance = read_performance(o);
        const core::Take& take = performance.take;
        retarget::Character ch = read_target(o);
        for (const std::string& w : ch.warnings)
            std::fprintf(stderr, "likeness retarget: note: %s\n", w.c_str());

        retarget::RetargetControls controls;
        retarget::ChannelMapping mapping;
        if (!o.map_path.empty()) {
            mapping = retarget::read_mapping_json(o.map_path, &controls);
        } else {
            retarget::AutoMapOptions am;
            am.swap_sides = o.swap_sides;
            mapping = retarget::auto_map(ch.rig.shape_names, am);
        }
        if (o.intensity) controls.intensity = *o.intensity;
        if (o.smoothing_s)
            for (retarget::ChannelControl& c : controls.channels)
                c.smoothing_s = *o.smoothing_s;
        if (o.no_head_rotation) controls.head_rotation = false;

        json transfer_report;
        if (o.transfer) {
            const Transfer t = add_transferred_shapes(o, performance.personal, ch, mapping);
            transfer_report = t.report;
        } else if (mapping.mapped_count() == 0) {
            std::fprintf(stderr,
                         "likeness retarget: none of the %d shapes of '%s' maps to an ARKit "
                         "channel. Give a mapping (--map MAP.json; --save-map writes an editable "
                         "one) or make ARKit shapes by deformation transfer (--transfer).\n",
                         ch.rig.shape_count(), o.target.c_str());
            return kBadInput;
        }

        retarget::Retargeted result;
        {
            ProgressBar bar;
            result = retarget::retarget(take, ch.rig, mapping, controls, bar_progress(bar));
        }
        if (!o.save_map.empty())
            retarget::write_mapping_json(o.save_map, mapping, ch.rig.shape_names, &controls);

        io::ExportRequest request;
        request.format = o.format;
        request.rig = &result.rig;
        request.take = &result.take;
        request.path = o.out;
        request.texture = o.texture;
        request.head_motion = o.head.value_or(controls.head_rotation ? io::HeadMotion::kRotationOnly
                                                                     : io::HeadMotion::kNone);
        io::ExportedFiles files;
        {
            ProgressBar bar;
            files = io::export_files(request, bar_progress(bar));
        }

        const retarget::RetargetSummary& s = result.summary;
        std::printf("%s\n", retarget::describe(ch).c_str());
        std::printf("mapped %d of 52 ARKit channels", s.mapped_channels);
        if (!s.unmatched_channels.empty()) {
            std::printf("; unmatched:");
            for (const std::string& c : s.unmatched_channels)
                std::printf(" %s", c.c_str());
        }
        std::printf("\n");
        if (!s.unused_shapes.empty()) {
            std::printf("unused shapes (%zu):", s.unused_shapes.size());
            for (const std::string& u : s.unused_shapes)
                std::printf(" %s", u.c_str());
            std::printf("\n");
        }
        if (o.transfer)
            std::printf("deformation transfer: %zu channels, factor %.2f s, solve %.2f s\n",
                        transfer_report["channels"].size(),
                        transfer_report["factor_seconds"].get<double>(),
                        transfer_report["solve_seconds"].get<double>());
        std::printf("retargeted '%s' (%d frames at %g fps)\n", take.name.c_str(),
                    take.frame_count(), take.fps);
        for (const std::string& p : files.paths)
            std::printf("wrote %s\n", p.c_str());

        if (!o.json_path.empty()) {
            json channels = json::array();
            for (int c = 0; c < face::kArkitShapeCount; ++c)
                channels.push_back(entry_json(mapping, c));
            json report = {{"take",
                            {{"path", o.take_path},
                             {"name", take.name},
                             {"frames", take.frame_count()},
                             {"fps", take.fps}}},
                           {"character",
                            {{"path", ch.path},
                             {"format", ch.format},
                             {"name", ch.rig.name},
                             {"vertices", ch.rig.vertex_count()},
                             {"triangles", ch.rig.neutral.face_count()},
                             {"shapes", ch.rig.shape_count()},
                             {"cm_per_unit", ch.cm_per_unit},
                             {"skinned", ch.skinned},
                             {"warnings", ch.warnings}}},
                           {"mapped_channels", s.mapped_channels},
                           {"mapped", s.mapped},
                           {"unmatched_channels", s.unmatched_channels},
                           {"unused_shapes", s.unused_shapes},
                           {"target_shapes", s.target_shapes},
                           {"channels", channels},
                           {"transfer", o.transfer ? transfer_report : json()},
                           {"output",
                            {{"format", io::export_format_name(o.format)},
                             {"paths", files.paths},
                             {"bytes", files.bytes}}}};
            const std::string text = report.dump(2) + "\n";
            if (o.json_path == "-") {
                std::fwrite(text.data(), 1, text.size(), stdout);
            } else {
                std::ofstream out(o.json_path);
                out << text;
                if (!out)
                    throw retarget::RetargetError("cannot write the report '" + o.json_path + "'");
            }
        }
    } catch (const retarget::RetargetError& e) {
        std::fprintf(stderr, "likeness retarget: %s\n", e.what());
        return kBadInput;
    } catch (const io::TakeFileError& e) {
        std::fprintf(stderr, "likeness retarget: %s\n", e.what());
        return kBadInput;
    } catch (const fit::SessionFileError& e) {
        std::fprintf(stderr, "likeness retarget: %s\n", e.what());
        return kBadInput;
    } catch (const MissingSessionPart& e) {
        std::fprintf(stderr, "likeness retarget: %s\n", e.what());
        return kBadInput;
    } catch (const io::ExportError& e) {
        std::fprintf(stderr, "likeness retarget: %s\n", e.what());
        return kBadInput;
    } catch (const face::TemplateError& e) {
        std::fprintf(stderr, "likeness retarget: %s\n", e.what());
        return kBadInput;
    } catch (const io::ModelsNotFound& e) {
        std::fprintf(stderr, "likeness retarget: %s\n", e.what());
        return kBadInput;
    }
    return kOk;
}

}  // namespace likeness::cli
