#pragma once
// Evaluates the shape recipes on the template's neutral mesh: the procedural ARKit blend shapes.
#include <vector>

#include "engine/core/mesh.hpp"
#include "engine/core/progress.hpp"
#include "engine/face/face_openings.hpp"
#include "engine/face/shape_recipe.hpp"

namespace likeness::face {

/// Displacement fields dS_i = S_i - S_0 (#V by 3 each, model space, cm) for recipes.shapes, in
/// the same (ARKit) order. `neutral` must carry the FaceMesh landmarks as vertices 0..467;
/// `parts` (#F) marks eye-opening triangles: regions are measured over skin only (so lids do
/// not share weights across the opening), and vertices inside an opening follow the lid ring
/// harmonically. Throws TemplateError for recipes naming unknown groups or regions.
std::vector<core::MatrixX3fR> author_blendshapes(const core::Mesh& neutral,
                                                 const std::vector<TrianglePart>& parts,
                                                 const ShapeRecipes& recipes,
                                                 const core::Progress& progress = {});

}  // namespace likeness::face
