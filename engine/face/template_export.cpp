#include "engine/face/template_export.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "engine/face/arkit_names.hpp"
#include "engine/face/parsing_map.hpp"
#include "engine/face/template_blendshape_rig.hpp"
#include "engine/face/template_error.hpp"
#include "engine/io/export_error.hpp"
#include "engine/io/obj_set_writer.hpp"

namespace likeness::face {
namespace fs = std::filesystem;

namespace {

void write_png(const std::string& path, const cv::Mat& image) {
    bool ok = false;
    try {
        ok = cv::imwrite(path, image);
    } catch (const cv::Exception& e) {
        throw TemplateError("cannot write '" + path + "': " + e.what());
    }
    if (!ok) throw TemplateError("cannot write '" + path + "'");
}

double round_to(double x, double step) {
    return std::round(x / step) * step;
}

}  // namespace

float mirror_error_cm(const TemplateRig& rig, int left, int right) {
    const core::MatrixX3fR& dl = rig.deltas[static_cast<size_t>(left)];
    const core::MatrixX3fR& dr = rig.deltas[static_cast<size_t>(right)];
    float worst = 0.f;
    for (Eigen::Index v = 0; v < dl.rows(); ++v) {
        const int m = rig.mirror[static_cast<size_t>(v)];
        const Eigen::Vector3f mirrored(-dl(v, 0), dl(v, 1), dl(v, 2));
        worst = std::max(worst, (mirrored - dr.row(m).transpose()).norm());
    }
    return worst;
}

std::string template_report_json(const TemplateRig& rig, const IctComparison* ict) {
    using nlohmann::json;
    json report;
    report["vertices"] = rig.neutral.vertex_count();
    report["triangles"] = rig.neutral.face_count();
    report["landmark_vertices"] = rig.landmark_count();
    report["units"] = "cm";
    report["uv_size"] = rig.uv_size;
    report["texture_size"] = rig.texture_size;
    json shapes = json::array();
    const double texels = static_cast<double>(rig.uv_size) * rig.uv_size;
    for (int i = 0; i < rig.shape_count(); ++i) {
        const auto& d = rig.deltas[static_cast<size_t>(i)];
        const std::string& name = rig.shape_names[static_cast<size_t>(i)];
        json s;
        s["name"] = name;
        s["meaning"] = rig.shape_meanings[static_cast<size_t>(i)];
        s["max_displacement_cm"] = round_to(d.rowwise().norm().maxCoeff(), 1e-4);
        s["moving_vertices"] = (rig.vertex_attention[static_cast<size_t>(i)].array() > 0.f).count();
        s["mask_texels"] = cv::countNonZero(rig.attention_uv[static_cast<size_t>(i)] > 0.01);
        s["mask_fraction"] = round_to(s["mask_texels"].get<double>() / texels, 1e-4);
        const std::string partner = arkit_mirror_name(name);
        if (partner != name) {
            const int j = rig.shape_index(partner);
            if (j >= 0) s["mirror_error_cm"] = round_to(mirror_error_cm(rig, i, j), 1e-6);
        }
        shapes.push_back(s);
    }
    report["shapes"] = shapes;
    json regions;
    for (int l = 0; l < kParsingLabelCount; ++l)
        regions[parsing_label_names()[static_cast<size_t>(l)]] =
            cv::countNonZero(rig.parsing_uv == l);
    report["parsing_regions_texels"] = regions;
    if (ict) {
        json table = json::array();
        for (const ShapeSimilarity& s : ict->shapes) {
            if (!s.compared) continue;
            table.push_back({{"name", s.name},
                             {"cosine", round_to(s.cosine, 1e-4)},
                             {"template_max_cm", round_to(s.template_max_cm, 1e-4)},
                             {"ict_max_cm", round_to(s.ict_max_cm, 1e-4)}});
        }
        report["ict"] = {
            {"folder", ""},
            {"compared", ict->compared},
            {"mean_cosine", round_to(ict->mean_cosine, 1e-4)},
            {"min_cosine", round_to(ict->min_cosine, 1e-4)},
            {"weakest", ict->weakest},
            {"landmark_rms_rigid_cm", round_to(ict->registration.landmark_rms_rigid_cm, 1e-4)},
            {"landmark_rms_cm", round_to(ict->registration.landmark_rms_cm, 1e-4)},
            {"mean_surface_distance_cm",
             round_to(ict->registration.mean_surface_distance_cm, 1e-4)},
            {"scale", round_to(ict->registration.similarity.scale, 1e-5)},
            {"shapes", table}};
        report["ict"].erase("folder");
    }
    return report.dump(2);
}

void write_template_folder(const TemplateRig& rig, const std::string& folder,
                           const IctComparison* ict) {
    std::error_code ec;
    fs::create_directories(fs::path(folder) / "shapes", ec);
    fs::create_directories(fs::path(folder) / "masks", ec);
    if (ec) throw TemplateError("cannot create '" + folder + "': " + ec.message());
    // The meshes and the albedo texture: the OBJ set every exporter writes (neutral.obj +
    // neutral.mtl -> neutral.png, shapes/<name>.obj), so viewers show the mean albedo too.
    core::BlendshapeRig set = template_blendshape_rig(rig, {/*normal_deltas=*/false});
    set.name = "neutral";
    try {
        io::write_obj_set(set, folder);
    } catch (const io::ExportError& e) {
        throw TemplateError(e.what());
    }
    for (int i = 0; i < rig.shape_count(); ++i) {
        const std::string& name = rig.shape_names[static_cast<size_t>(i)];
        cv::Mat mask16;
        rig.attention_uv[static_cast<size_t>(i)].convertTo(mask16, CV_16U, 65535.0);
        write_png(folder + "/masks/" + name + ".png", mask16);
    }
    write_png(folder + "/parsing_map.png", rig.parsing_uv);
    cv::Mat preview;
    cv::cvtColor(parsing_map_preview(rig.parsing_uv), preview, cv::COLOR_RGB2BGR);
    write_png(folder + "/parsing_preview.png", preview);
    std::ofstream json_out(folder + "/report.json");
    json_out << template_report_json(rig, ict) << "\n";
    if (!json_out) throw TemplateError("cannot write '" + folder + "/report.json'");
}

}  // namespace likeness::face
