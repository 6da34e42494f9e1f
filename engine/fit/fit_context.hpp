#pragma once
// What every frame of a fit shares and is computed once per personal model: the model, the
// colour-coded parsing texture of eq. 5, the labels eq. 4's mask leaves out, and the normal
// directions of the blend shapes at the neutral face (the fast tracking path's shading rows).
#include <bitset>
#include <opencv2/core.hpp>
#include <vector>

#include "engine/core/mesh.hpp"
#include "engine/fit/vertex_basis.hpp"

namespace likeness::face {
struct PersonalModel;
}

namespace likeness::fit {

struct FitContext {
    const face::PersonalModel* model = nullptr;
    cv::Mat parsing_code;            ///< parsing_code_texture(model->parsing, 256)
    std::bitset<256> mask_excluded;  ///< eyes and mouth interior (face::photometric_label)
    /// ∂n/∂w_i at the neutral personal face (52 of #V by 3, model space): shading rows of the
    /// blend-shape columns when TrackerOptions::exact_normal_directions is false.
    std::vector<core::MatrixX3fR> neutral_normal_directions;
    /// The shape deltas and neutral_normal_directions regrouped per vertex (pixel_rows' layout).
    VertexBasis grouped_basis;
};

/// The context of `model` (which must outlive it). Call again after model->refresh().
FitContext make_fit_context(const face::PersonalModel& model);

}  // namespace likeness::fit
