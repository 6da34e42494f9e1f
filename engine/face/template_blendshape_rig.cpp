#include "engine/face/template_blendshape_rig.hpp"

namespace likeness::face {

core::BlendshapeRig template_blendshape_rig(const TemplateRig& rig,
                                            const TemplateExportOptions& options) {
    core::BlendshapeRig out;
    out.name = "template";
    out.neutral = rig.neutral;
    out.neutral.name = "template";
    out.neutral.N = core::vertex_normals(rig.neutral);
    out.shape_names = rig.shape_names;
    out.deltas = rig.deltas;
    if (options.normal_deltas) {
        out.normal_deltas.reserve(rig.deltas.size());
        core::Mesh shape = rig.neutral;
        for (const core::MatrixX3fR& d : rig.deltas) {
            shape.V = rig.neutral.V + d;
            out.normal_deltas.push_back(core::vertex_normals(shape) - out.neutral.N);
        }
    }
    out.albedo = rig.albedo_uv.clone();
    return out;
}

}  // namespace likeness::face
