// likeness template --out DIR [--json REPORT] [--compare-ict DIR]
#include <cstdio>
#include <fstream>
#include <optional>

#include "app/cli/args.hpp"
#include "app/cli/commands.hpp"
#include "app/cli/progress_bar.hpp"
#include "engine/face/ict_comparison.hpp"
#include "engine/face/template_error.hpp"
#include "engine/face/template_export.hpp"
#include "engine/face/template_rig.hpp"
#include "engine/io/model_paths.hpp"

namespace likeness::cli {
namespace {

constexpr const char* kTemplateUsage =
    "Usage: likeness template --out DIR [--json REPORT] [--compare-ict DIR]\n";

void print_summary(const face::TemplateRig& rig, const face::IctComparison* ict) {
    std::printf("template  %d vertices, %d triangles (first %d = FaceMesh landmarks)\n",
                rig.neutral.vertex_count(), rig.neutral.face_count(), rig.landmark_count());
    std::printf("shapes    %d ARKit blend shapes, masks %dx%d, parsing map and albedo %dx%d\n",
                rig.shape_count(), rig.uv_size, rig.uv_size, rig.texture_size, rig.texture_size);
    const int jaw = rig.shape_index("jawOpen");
    if (jaw >= 0)
        std::printf("jawOpen   chin (landmark 152) moves %.2f cm\n",
                    rig.deltas[static_cast<size_t>(jaw)].row(152).norm());
    if (!ict) return;
    std::printf("\nICT-FaceKit similarity (cosine of displacement fields over ICT's face area)\n");
    for (const face::ShapeSimilarity& s : ict->shapes)
        if (s.compared)
            std::printf("  %-20s %6.3f   max %.2f cm (ICT %.2f cm)\n", s.name.c_str(), s.cosine,
                        s.template_max_cm, s.ict_max_cm);
    std::printf("mean %.3f over %d shapes, lowest %.3f (%s); registration landmark RMS %.2f cm\n",
                ict->mean_cosine, ict->compared, ict->min_cosine, ict->weakest.c_str(),
                ict->registration.landmark_rms_cm);
}

}  // namespace

int run_template(const std::vector<std::string>& argv) {
    std::string out_dir, json_path, ict_dir;
    try {
        const Args args(argv, ArgSpec{{}, {"--out", "--json", "--compare-ict"}, 0, 0});
        if (!args.value("--out")) throw UsageError("--out DIR is required");
        out_dir = *args.value("--out");
        json_path = args.value("--json").value_or("");
        ict_dir = args.value("--compare-ict").value_or("");
    } catch (const UsageError& e) {
        std::fprintf(stderr, "likeness template: %s\n%s", e.what(), kTemplateUsage);
        return kUsage;
    }
    try {
        face::TemplateRig rig;
        {
            ProgressBar bar;
            rig = face::build_template_rig(
                {}, core::Progress([&bar](double f, const std::string& s) { bar.update(f, s); }));
        }
        std::optional<face::IctComparison> ict;
        if (!ict_dir.empty()) {
            ProgressBar bar;
            ict = face::compare_with_ict(
                rig, ict_dir, {},
                core::Progress([&bar](double f, const std::string& s) { bar.update(f, s); }));
        }
        const face::IctComparison* ict_ptr = ict ? &*ict : nullptr;
        face::write_template_folder(rig, out_dir, ict_ptr);
        if (!json_path.empty()) {
            std::ofstream out(json_path);
            out << face::template_report_json(rig, ict_ptr) << "\n";
            if (!out) throw face::TemplateError("cannot write '" + json_path + "'");
        }
        print_summary(rig, ict_ptr);
        std::printf(
            "\nwrote %s (neutral.obj, shapes/, masks/, parsing_map.png, neutral.png, "
            "report.json)\n",
            out_dir.c_str());
    } catch (const face::TemplateError& e) {
        std::fprintf(stderr, "likeness template: %s\n", e.what());
        return kBadInput;
    } catch (const io::ModelsNotFound& e) {
        std::fprintf(stderr, "likeness template: %s\n", e.what());
        return kBadInput;
    }
    return kOk;
}

}  // namespace likeness::cli
