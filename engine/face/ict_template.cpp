#include "engine/face/ict_template.hpp"

#include <algorithm>
#include <filesystem>

#include "engine/face/attention_mask.hpp"
#include "engine/face/closest_point.hpp"
#include "engine/face/ict_comparison.hpp"
#include "engine/face/indexed_obj.hpp"
#include "engine/face/template_error.hpp"

namespace likeness::face {
namespace {

namespace fs = std::filesystem;

/// Every file the builder reads, checked up front so a user learns all that is missing at once.
void check_folder(const std::string& folder, const std::vector<std::string>& shape_names) {
    if (!fs::is_directory(folder))
        throw TemplateError("ICT-FaceKit folder '" + folder + "' not found");
    std::vector<std::string> files{"generic_neutral_mesh.obj", "vertex_indices.json"};
    for (const std::string& name : shape_names)
        for (const std::string& stem : ict_shape_files(name))
            files.push_back(stem + ".obj");
    std::string missing;
    int count = 0;
    for (const std::string& f : files)
        if (!fs::is_regular_file(fs::path(folder) / f)) {
            if (count < 6) missing += (count ? ", " : "") + f;
            ++count;
        }
    if (count)
        throw TemplateError("'" + folder +
                            "' is not an ICT-FaceKit folder: " + std::to_string(count) +
                            " file(s) missing (" + missing + (count > 6 ? ", ..." : "") + ")");
}

}  // namespace

bool IctTemplateOptions::is_valid(std::string* error) const {
    auto fail = [&](const std::string& why) {
        if (error) *error = why;
        return false;
    };
    std::string why;
    if (!registration.is_valid(&why)) return fail("registration: " + why);
    if (!(max_distance_cm > 0.f)) return fail("max_distance_cm must be > 0");
    if (!(facing_slack_cm >= 0.f)) return fail("facing_slack_cm must be >= 0");
    if (!(min_normal_dot >= -1.f && min_normal_dot <= 1.f))
        return fail("min_normal_dot must be in [-1, 1]");
    if (!(attention_threshold_cm >= 0.f)) return fail("attention_threshold_cm must be >= 0");
    if (!(attention_blur_texels >= 0.f)) return fail("attention_blur_texels must be >= 0");
    return true;
}

TemplateRig ict_template_rig(const TemplateRig& builtin, const std::string& ict_folder,
                             const IctTemplateOptions& options, IctTemplateSummary* summary,
                             const core::Progress& progress) {
    std::string why;
    if (!options.is_valid(&why)) throw TemplateError("ICT template options: " + why);
    check_folder(ict_folder, builtin.shape_names);
    progress.report(0.0, "reading ICT-FaceKit");
    const IctFace ict = read_ict_face(ict_folder);
    const core::Mesh& N = ict.neutral;
    if (N.vertex_count() < ict.skin_vertices)
        throw TemplateError("'" + ict_folder +
                            "/generic_neutral_mesh.obj' has too few vertices for ICT's head");
    const std::vector<bool> face_area = ict.triangles_below(ict.face_area_vertices);
    const std::vector<bool> skin = ict.triangles_below(ict.skin_vertices);

    progress.report(0.02, "registering the template to ICT");
    const RegistrationResult reg =
        register_mesh(builtin.neutral, builtin.ibug68, N, ict.landmarks, options.registration, {},
                      face_area, core::Progress([&](double f, const std::string& s) {
                          progress.report(0.02 + 0.4 * f, s);
                      }));

    // Step 2: one dense correspondence, registered vertex -> point on ICT's skin.
    core::Mesh registered = builtin.neutral;
    registered.V = reg.V;
    const core::MatrixX3fR normals = core::vertex_normals(registered);
    const int n = builtin.neutral.vertex_count();
    std::vector<SurfacePoint> hits(static_cast<size_t>(n));
    {
        const ClosestPointQuery query(N.V, N.F, skin);
#pragma omp parallel for schedule(dynamic, 256) if (n > 2000)
        for (int v = 0; v < n; ++v) {
            const Eigen::Vector3f p = reg.V.row(v).transpose();
            const SurfacePoint nearest = query.closest(p, options.max_distance_cm);
            const SurfacePoint facing = query.closest(
                p, options.max_distance_cm, normals.row(v).transpose(), options.min_normal_dot);
            // Where two ICT surfaces touch (lips) both are about as near: take the one facing
            // our way. A facing point much farther than the nearest one means our normal is off
            // (a border vertex): take the nearest.
            hits[static_cast<size_t>(v)] =
                facing.face >= 0 && facing.distance <= nearest.distance + options.facing_slack_cm
                    ? facing
                    : nearest;
        }
    }
    std::vector<bool> on_skin(static_cast<size_t>(n), false);
    for (Eigen::Index f = 0; f < builtin.neutral.F.rows(); ++f)
        if (builtin.triangle_parts[static_cast<size_t>(f)] == TrianglePart::Skin)
            for (int k = 0; k < 3; ++k)
                on_skin[static_cast<size_t>(builtin.neutral.F(f, k))] = true;

    IctTemplateSummary s;
    s.scale = reg.similarity.scale;
    s.landmark_rms_cm = reg.landmark_rms_cm;
    double distance_sum = 0.0;
    for (int v = 0; v < n; ++v) {
        const SurfacePoint& sp = hits[static_cast<size_t>(v)];
        if (sp.face < 0) {
            ++s.unmatched_vertices;
            continue;
        }
        if (!on_skin[static_cast<size_t>(v)]) continue;
        ++s.skin_vertices;
        distance_sum += sp.distance;
        s.max_surface_distance_cm = std::max(s.max_surface_distance_cm, sp.distance);
    }
    s.mean_surface_distance_cm =
        s.skin_vertices ? static_cast<float>(distance_sum / s.skin_vertices) : 0.f;

    // Step 4: ICT's fields sampled at the corresponding points, in the builtin's model frame.
    TemplateRig rig = builtin;
    rig.neutral.V = sample_ict_field(N.V, N.F, hits, reg, true);
    rig.neutral.N = core::vertex_normals(rig.neutral);
    rig.neutral.name = "likeness_ict_template_neutral";

    progress.report(0.45, "sampling ICT expressions");
    const int shapes = builtin.shape_count();
    for (int i = 0; i < shapes; ++i) {
        progress.check();
        const std::string& name = builtin.shape_names[static_cast<size_t>(i)];
        const std::vector<std::string> stems = ict_shape_files(name);
        if (stems.empty()) {
            s.builtin_shapes.push_back(name);
            continue;
        }
        core::MatrixX3fR D = core::MatrixX3fR::Zero(N.vertex_count(), 3);
        for (const std::string& stem : stems) {
            const std::string path = ict_folder + "/" + stem + ".obj";
            const core::Mesh shape = read_indexed_obj(path, false);
            if (shape.vertex_count() != N.vertex_count())
                throw TemplateError("'" + path + "' has " + std::to_string(shape.vertex_count()) +
                                    " vertices, ICT's neutral " + std::to_string(N.vertex_count()));
            D += shape.V - N.V;
        }
        rig.deltas[static_cast<size_t>(i)] = sample_ict_field(D, N.F, hits, reg, false);
        s.ict_shapes.push_back(name);
        progress.report(0.45 + 0.4 * (i + 1) / shapes, "sampling ICT expressions");
    }

    progress.report(0.85, "attention masks");
    AttentionMaskOptions mask_options;
    mask_options.threshold_cm = options.attention_threshold_cm;
    mask_options.uv_size = builtin.uv_size;
    mask_options.blur_sigma_texels = options.attention_blur_texels;
    for (int i = 0; i < shapes; ++i) {
        progress.check();
        const size_t k = static_cast<size_t>(i);
        rig.vertex_attention[k] = vertex_attention(rig.deltas[k], mask_options);
        rig.attention_uv[k] = uv_attention(rig.neutral, rig.vertex_attention[k], mask_options);
    }
    progress.report(1.0, "ICT template ready");
    if (summary) *summary = s;
    return rig;
}

}  // namespace likeness::face
