#include "engine/fit/fit_context.hpp"

#include "engine/face/parsing_map.hpp"
#include "engine/face/personal_model.hpp"
#include "engine/fit/parsing_term.hpp"
#include "engine/render/renderer.hpp"
#include "engine/render/vertex_normal_derivatives.hpp"

namespace likeness::fit {

FitContext make_fit_context(const face::PersonalModel& model) {
    FitContext c;
    c.model = &model;
    c.parsing_code = parsing_code_texture(model.parsing, 256);
    for (int l = 0; l < face::kParsingLabelCount; ++l)
        if (!face::photometric_label(static_cast<face::ParsingLabel>(l))) c.mask_excluded.set(l);
    // Normals of the neutral personal face, then their change along each corrected shape.
    render::Scene scene;
    scene.mesh = &model.neutral;
    const core::MatrixX3fR X = model.neutral.V + model.identity_offset;
    scene.vertices = &X;
    render::ShadedVertices sv;
    render::shade_vertices(scene, false, false, &sv);
    c.neutral_normal_directions.resize(model.shape_deltas.size());
    for (size_t i = 0; i < model.shape_deltas.size(); ++i)
        render::normal_differential(X, model.neutral.F, sv, model.shape_deltas[i],
                                    &c.neutral_normal_directions[i]);
    c.grouped_basis = vertex_basis(model.shape_deltas, &c.neutral_normal_directions);
    return c;
}

}  // namespace likeness::fit
