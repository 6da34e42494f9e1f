#pragma once
// Identity/expression disentanglement (seed 003, "Learning Complete 3D Morphable Face Models
// from Images and Videos", §4 "Disentanglement Error", Table 3 "AE"): on frames whose true
// expression is neutral, the average length of the reconstruction's expression deformation.
// A model that let identity leak into its blend shapes (or tracking that explains a person's
// shape with expression weights) shows expression where there is none.
//     AE = mean over the model's vertices of |Σ_i w_i dS_i(v)|, in mm
#include "engine/core/blendshape_rig.hpp"

namespace likeness::eval {

/// AE of one frame: `w` has model.shape_count() weights. mm.
double expression_energy_mm(const core::BlendshapeRig& model, const float* w);

}  // namespace likeness::eval
