// likeness eval --gt DIR ...: scores a reconstruction (or a front end's landmarks) against the
// ground truth written by `likeness synth` (engine/eval/sequence_score.hpp).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>

#include "app/cli/args.hpp"
#include "app/cli/commands.hpp"
#include "app/cli/progress_bar.hpp"
#include "engine/eval/sequence_score.hpp"
#include "engine/face/indexed_obj.hpp"
#include "engine/face/template_error.hpp"
#include "engine/face/template_rig.hpp"
#include "engine/io/blendshape_import.hpp"
#include "engine/io/mesh_import.hpp"
#include "engine/io/model_paths.hpp"
#include "engine/io/take_json.hpp"

// The fitting engine (issue 7) provides this adapter once Session files exist; see
// engine/eval/fitter.hpp.
#if __has_include("engine/fit/eval_adapter.hpp")
#include "engine/fit/eval_adapter.hpp"
#define LIKENESS_HAVE_FIT_ADAPTER 1
#endif

namespace likeness::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kEvalUsage =
    "Usage: likeness eval --gt DIR (--session S.likeness | --take TAKE.json [--rig RIG] | "
    "--truth)\n"
    "                     [--lighting truth] [--landmarks LANDMARKS.json] [--json OUT]\n"
    "                     [--frames-3d N]\n";

class BadInput : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// A rig from "template", a .glb/.gltf (metres, converted to cm) or an OBJ-set folder
/// (NAME.obj + shapes/<ARKit name>.obj, as `likeness export --format obj` writes it).
core::BlendshapeRig read_rig(const std::string& spec) {
    if (spec == "template")
        return eval::template_reconstruction(face::build_template_rig(), {}).model;
    const fs::path path(spec);
    if (fs::is_directory(path)) {
        core::BlendshapeRig rig;
        for (const auto& e : fs::directory_iterator(path))
            if (e.path().extension() == ".obj") {
                if (rig.neutral.V.rows() != 0)
                    throw BadInput("'" + spec + "' holds more than one .obj at its top level");
                rig.neutral = face::read_indexed_obj(e.path().string());
                rig.name = e.path().stem().string();
            }
        if (rig.neutral.V.rows() == 0) throw BadInput("'" + spec + "' holds no neutral .obj");
        if (fs::is_directory(path / "shapes"))
            for (const auto& e : fs::directory_iterator(path / "shapes")) {
                if (e.path().extension() != ".obj") continue;
                const core::Mesh shape = face::read_indexed_obj(e.path().string(), false);
                if (shape.V.rows() != rig.neutral.V.rows())
                    throw BadInput("'" + e.path().string() +
                                   "' does not have the neutral's vertex count");
                rig.shape_names.push_back(e.path().stem().string());
                rig.deltas.push_back(shape.V - rig.neutral.V);
            }
        return rig;
    }
    const std::string ext = path.extension().string();
    if (ext == ".glb" || ext == ".gltf") {
        core::BlendshapeRig rig = io::import_blendshape_rig(spec).rig;
        rig.neutral.V *= 100.f;  // glTF is in metres
        for (core::MatrixX3fR& d : rig.deltas)
            d *= 100.f;
        return rig;
    }
    throw BadInput("--rig must be 'template', a .glb/.gltf file or an OBJ-set folder, not '" +
                   spec + "'");
}

/// Frames of a `likeness landmarks --json` file: 68 points per frame with a face.
std::vector<std::optional<core::MatrixX2fR>> read_landmarks68(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw BadInput("cannot open '" + path + "'");
    try {
        const nlohmann::json j = nlohmann::json::parse(in);
        std::vector<std::optional<core::MatrixX2fR>> out;
        for (const auto& f : j.at("frames")) {
            const size_t index = f.at("index").get<size_t>();
            if (index >= out.size()) out.resize(index + 1);
            if (!f.value("face", false)) continue;
            const auto& pts = f.at("landmarks68");
            core::MatrixX2fR m(static_cast<Eigen::Index>(pts.size()), 2);
            for (size_t k = 0; k < pts.size(); ++k) {
                m(static_cast<Eigen::Index>(k), 0) = pts[k].at(0).get<float>();
                m(static_cast<Eigen::Index>(k), 1) = pts[k].at(1).get<float>();
            }
            if (m.rows() != 68)
                throw BadInput("'" + path + "': a frame does not have 68 landmarks");
            out[index] = m;
        }
        return out;
    } catch (const nlohmann::json::exception& e) {
        throw BadInput("'" + path + "' is not a `likeness landmarks --json` file: " + e.what());
    }
}

void print_scores(const eval::SequenceScores& s) {
    std::printf("reconstruction  %s: %d/%d frames with a face\n", s.name.c_str(),
                s.frames_with_face, s.frames);
    std::printf(
        "3D error        %.3f mm mean (sd %.3f over %d frames), RMSE %.3f mm; neutral %.3f mm\n",
        s.surface_mm.mean, s.surface_mm.sd, s.surface_mm.count, s.surface_rmse_mm,
        s.neutral_surface_mm);
    std::printf("3D, similarity  %.3f mm mean; neutral %.3f mm (alignment with a scale: the shape "
                "alone)\n",
                s.surface_similarity_mm.mean, s.neutral_similarity_mm);
    std::printf("landmark NME    %.3f %% (68 points, box-normalised)\n", s.nme_percent.mean);
    std::printf("weight MAE      %.4f (52 ARKit weights)\n", s.weight_mae);
    if (s.photometric)
        std::printf("photometric     %.2f (RGB 0-255, face mask)\n", s.photometric->mean);
    else
        std::printf("photometric     not available (no per-frame lighting)\n");
    std::printf("disentanglement %.3f mm expression on %d neutral frames (sum w %.3f)\n",
                s.expression_energy_mm.mean, s.neutral_frames, s.neutral_weight_sum);
    if (s.blendshape_error_mm)
        std::printf("blend shapes    %.3f mm from the true shapes (template: %.3f mm)\n",
                    *s.blendshape_error_mm, s.template_blendshape_error_mm.value_or(0.0));
    if (s.albedo_error)
        std::printf(
            "albedo          %.2f (RGB 0-255 over the face area, gain per channel "
            "removed)\n",
            *s.albedo_error);
}

}  // namespace

int run_eval(const std::vector<std::string>& argv) {
    std::string gt_dir, json_path, take_path, rig_spec, session_path, landmarks_path, lighting;
    bool truth = false;
    eval::ScoreOptions options;
    try {
        const Args args(argv, ArgSpec{{"--truth"},
                                      {"--gt", "--session", "--take", "--rig", "--lighting",
                                       "--landmarks", "--json", "--frames-3d"},
                                      0,
                                      0});
        if (!args.value("--gt")) throw UsageError("--gt DIR is required");
        gt_dir = *args.value("--gt");
        json_path = args.value("--json").value_or("");
        take_path = args.value("--take").value_or("");
        rig_spec = args.value("--rig").value_or("template");
        session_path = args.value("--session").value_or("");
        landmarks_path = args.value("--landmarks").value_or("");
        lighting = args.value("--lighting").value_or("");
        truth = args.flag("--truth");
        options.max_3d_frames =
            static_cast<int>(args.integer("--frames-3d", 0, 100000).value_or(16));
        const int sources =
            (truth ? 1 : 0) + (take_path.empty() ? 0 : 1) + (session_path.empty() ? 0 : 1);
        if (sources > 1) throw UsageError("give one of --session, --take or --truth");
        if (sources == 0 && landmarks_path.empty())
            throw UsageError("give --session, --take, --truth or --landmarks");
        if (!lighting.empty() && lighting != "truth")
            throw UsageError("--lighting only accepts 'truth'");
    } catch (const UsageError& e) {
        std::fprintf(stderr, "likeness eval: %s\n%s", e.what(), kEvalUsage);
        return kUsage;
    }
    try {
        const eval::GroundTruth gt = eval::read_ground_truth(gt_dir);
        nlohmann::json report;
        report["ground_truth"] = gt_dir;
        if (!landmarks_path.empty()) {
            const eval::FrontEndScores fe =
                eval::score_front_end(gt, read_landmarks68(landmarks_path));
            std::printf("front end       %d/%d frames detected (%.1f %%), NME %.3f %%\n",
                        fe.detected, fe.frames, 100.0 * fe.detection_rate, fe.nme_percent.mean);
            report["front_end"] = nlohmann::json::parse(eval::front_end_json(fe));
        }
        std::optional<eval::Reconstruction> rec;
        std::vector<core::ShLighting> true_light;
        for (const eval::GroundTruthFrame& f : gt.sequence.frames)
            true_light.push_back(f.lighting);
        if (truth) {
            eval::Reconstruction r;
            r.name = "ground truth";
            r.model = gt.subject.rig;
            r.landmarks68 = gt.landmarks68;
            r.take = gt.sequence.take();
            r.lighting = true_light;
            rec = std::move(r);
        } else if (!take_path.empty()) {
            eval::Reconstruction r;
            r.model = read_rig(rig_spec);
            r.name = fs::path(take_path).filename().string() + " on " + rig_spec;
            r.take = io::read_take_json(take_path);
            if (r.model.vertex_count() == gt.subject.rig.vertex_count())
                r.landmarks68 = gt.landmarks68;
            else
                throw BadInput("the rig has " + std::to_string(r.model.vertex_count()) +
                               " vertices; only the template's topology (" +
                               std::to_string(gt.subject.rig.vertex_count()) +
                               ") has known landmark vertices");
            if (lighting == "truth") r.lighting = true_light;
            rec = std::move(r);
        } else if (!session_path.empty()) {
#ifdef LIKENESS_HAVE_FIT_ADAPTER
            rec = fit::load_session_reconstruction(session_path);
            if (lighting == "truth") rec->lighting = true_light;
#else
            throw BadInput(
                "this build cannot read session files yet (the fitting engine, issue 7, "
                "provides them); score a take instead: --take TAKE.json --rig RIG");
#endif
        }
        if (rec) {
            ProgressBar bar;
            const eval::SequenceScores s = eval::score_reconstruction(
                gt, *rec, options,
                core::Progress([&bar](double f, const std::string& st) { bar.update(f, st); }));
            print_scores(s);
            report["reconstruction"] = nlohmann::json::parse(eval::scores_json(s));
        }
        if (!json_path.empty()) {
            std::ofstream out(json_path);
            out << report.dump(2) << "\n";
            if (!out) throw BadInput("cannot write '" + json_path + "'");
        }
    } catch (const eval::GroundTruthError& e) {
        std::fprintf(stderr, "likeness eval: %s\n", e.what());
        return kBadInput;
    } catch (const BadInput& e) {
        std::fprintf(stderr, "likeness eval: %s\n", e.what());
        return kBadInput;
    } catch (const io::TakeFileError& e) {
        std::fprintf(stderr, "likeness eval: %s\n", e.what());
        return kBadInput;
    } catch (const face::TemplateError& e) {
        std::fprintf(stderr, "likeness eval: %s\n", e.what());
        return kBadInput;
    } catch (const io::MeshImportError& e) {
        std::fprintf(stderr, "likeness eval: %s\n", e.what());
        return kBadInput;
    } catch (const io::ModelsNotFound& e) {
        std::fprintf(stderr, "likeness eval: %s\n", e.what());
        return kBadInput;
    } catch (const std::invalid_argument& e) {
        std::fprintf(stderr, "likeness eval: %s\n", e.what());
        return kBadInput;
    }
    return kOk;
}

}  // namespace likeness::cli
