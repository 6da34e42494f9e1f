#include "engine/eval/reconstruction.hpp"

#include "engine/face/arkit_names.hpp"
#include "engine/face/template_blendshape_rig.hpp"

namespace likeness::eval {

Reconstruction template_reconstruction(const face::TemplateRig& rig, const core::Take& take,
                                       const std::vector<core::ShLighting>& lighting) {
    Reconstruction r;
    r.name = "template";
    face::TemplateExportOptions options;
    options.normal_deltas = false;
    r.model = face::template_blendshape_rig(rig, options);
    r.landmarks68 = rig.ibug68;
    r.take = take;
    r.lighting = lighting;
    return r;
}

Reconstruction scaled_truth_reconstruction(const core::BlendshapeRig& truth,
                                           const std::vector<int>& landmarks68,
                                           const core::Take& take,
                                           const std::vector<core::ShLighting>& lighting,
                                           float scale) {
    Reconstruction r;
    r.name = "scaled truth";
    r.model = truth;
    r.model.neutral.V *= scale;
    for (core::MatrixX3fR& d : r.model.deltas)
        d *= scale;
    r.landmarks68 = landmarks68;
    r.take = take;
    for (core::TakeFrame& f : r.take.frames)
        f.head_translation_cm *= scale;
    r.lighting = lighting;
    return r;
}

std::vector<float> model_weights(const core::BlendshapeRig& model, const core::TakeFrame& frame) {
    std::vector<float> w(static_cast<size_t>(model.shape_count()), 0.f);
    const auto& names = face::arkit_names();
    for (size_t k = 0; k < names.size() && k < frame.weights.size(); ++k) {
        const int i = model.shape_index(names[k]);
        if (i >= 0) w[static_cast<size_t>(i)] = frame.weights[k];
    }
    return w;
}

}  // namespace likeness::eval
