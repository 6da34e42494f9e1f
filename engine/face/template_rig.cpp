#include "engine/face/template_rig.hpp"

#include <array>
#include <cassert>
#include <set>

#include "engine/face/arkit_names.hpp"
#include "engine/face/attention_mask.hpp"
#include "engine/face/author_blendshapes.hpp"
#include "engine/face/canonical_mesh.hpp"
#include "engine/face/landmark_groups.hpp"
#include "engine/face/loop_subdivision.hpp"
#include "engine/face/mean_albedo.hpp"
#include "engine/face/mirror_map.hpp"
#include "engine/face/parsing_map.hpp"
#include "engine/face/shape_recipe.hpp"
#include "engine/face/template_error.hpp"
#include "engine/face/template_resources.hpp"
#include "engine/io/model_paths.hpp"

namespace likeness::face {

bool TemplateRigOptions::is_valid(std::string* error) const {
    auto fail = [&](const std::string& why) {
        if (error) *error = why;
        return false;
    };
    if (subdivision_levels < 0 || subdivision_levels > 3)
        return fail("subdivision_levels must be in [0, 3]");
    if (uv_size < 16 || uv_size > 4096) return fail("uv_size must be in [16, 4096]");
    if (texture_size < 16 || texture_size > 8192) return fail("texture_size must be in [16, 8192]");
    if (!(attention_threshold_cm >= 0.f)) return fail("attention_threshold_cm must be >= 0");
    if (!(attention_blur_texels >= 0.f)) return fail("attention_blur_texels must be >= 0");
    return true;
}

int TemplateRig::shape_index(const std::string& name) const {
    for (size_t i = 0; i < shape_names.size(); ++i)
        if (shape_names[i] == name) return static_cast<int>(i);
    return -1;
}

core::MatrixX3fR TemplateRig::evaluate(const Eigen::VectorXf& w) const {
    assert(w.size() == shape_count() && "one weight per blend shape");
    core::MatrixX3fR S = neutral.V;
    for (int i = 0; i < shape_count(); ++i)
        if (w[i] != 0.f) S += w[i] * deltas[static_cast<size_t>(i)];
    return S;
}

TemplateRig build_template_rig(const TemplateRigOptions& options, const core::Progress& progress) {
    std::string why;
    if (!options.is_valid(&why)) throw TemplateError("template options: " + why);
    const std::string mediapipe = options.mediapipe_folder.empty()
                                      ? io::find_models().mediapipe_face_mesh()
                                      : options.mediapipe_folder;
    const std::string recipes_path = options.recipes_path.empty()
                                         ? find_template_resource("arkit_shapes.json")
                                         : options.recipes_path;
    progress.report(0.0, "reading the canonical mesh");
    const core::Mesh canonical = read_canonical_mesh(mediapipe);
    const ShapeRecipes recipes = read_shape_recipes(recipes_path);
    progress.check();

    TemplateRig rig;
    const core::Mesh opened = open_mouth(canonical);
    {
        std::set<std::array<int, 3>> kept;
        for (Eigen::Index f = 0; f < opened.F.rows(); ++f)
            kept.insert({opened.F(f, 0), opened.F(f, 1), opened.F(f, 2)});
        std::vector<Eigen::Index> cap;
        for (Eigen::Index f = 0; f < canonical.F.rows(); ++f)
            if (!kept.count({canonical.F(f, 0), canonical.F(f, 1), canonical.F(f, 2)}))
                cap.push_back(f);
        rig.mouth_cap.resize(static_cast<Eigen::Index>(cap.size()), 3);
        for (size_t i = 0; i < cap.size(); ++i)
            rig.mouth_cap.row(static_cast<Eigen::Index>(i)) = canonical.F.row(cap[i]);
    }
    const std::vector<TrianglePart> coarse_parts = label_eye_openings(opened);
    progress.report(0.05, "subdividing");
    Subdivision sub = loop_subdivide(opened, options.subdivision_levels, true);
    rig.neutral = std::move(sub.mesh);
    rig.neutral.name = "likeness_template_neutral";
    rig.triangle_parts.resize(sub.parent_face.size());
    for (size_t f = 0; f < sub.parent_face.size(); ++f)
        rig.triangle_parts[f] = coarse_parts[static_cast<size_t>(sub.parent_face[f])];
    rig.neutral.N = core::vertex_normals(rig.neutral);
    rig.ibug68 = ibug68_landmarks();
    rig.mirror = mirror_map(rig.neutral.V);
    progress.check();

    progress.report(0.1, "authoring blend shapes");
    const core::Progress shapes_progress(
        [&progress](double f, const std::string& stage) { progress.report(0.1 + 0.6 * f, stage); });
    rig.deltas = author_blendshapes(rig.neutral, rig.triangle_parts, recipes, shapes_progress);
    for (const ShapeRecipe& s : recipes.shapes) {
        rig.shape_names.push_back(s.name);
        rig.shape_meanings.push_back(s.meaning);
    }

    progress.report(0.7, "attention masks");
    AttentionMaskOptions mask_options;
    mask_options.threshold_cm = options.attention_threshold_cm;
    mask_options.uv_size = options.uv_size;
    mask_options.blur_sigma_texels = options.attention_blur_texels;
    for (const core::MatrixX3fR& d : rig.deltas) {
        progress.check();
        rig.vertex_attention.push_back(vertex_attention(d, mask_options));
        rig.attention_uv.push_back(
            uv_attention(rig.neutral, rig.vertex_attention.back(), mask_options));
    }
    rig.uv_size = options.uv_size;
    rig.texture_size = options.texture_size;

    progress.report(0.9, "parsing map and albedo");
    rig.parsing_uv = parsing_map(canonical, options.texture_size);
    rig.albedo_uv = mean_albedo(rig.parsing_uv, options.texture_size);
    progress.report(1.0, "template ready");
    return rig;
}

}  // namespace likeness::face
