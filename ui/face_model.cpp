#include "ui/face_model.hpp"

#include <stdexcept>

#include "engine/face/deformation_gradient_deviation.hpp"
#include "engine/face/personal_model.hpp"
#include "engine/face/template_rig.hpp"
#include "engine/face/uv_raster.hpp"

namespace likeness::ui {

int FaceModel::shape_index(const std::string& shape_name) const {
    for (size_t i = 0; i < shape_names.size(); ++i)
        if (shape_names[i] == shape_name) return static_cast<int>(i);
    return -1;
}

core::MatrixX3fR FaceModel::shape(const Eigen::VectorXf& w, bool personal) const {
    const bool use_personal = personal && personalized();
    core::MatrixX3fR S = neutral.V;
    if (use_personal && identity_offset.rows() == S.rows()) S += identity_offset;
    const auto& deltas = use_personal ? corrected_deltas : template_deltas;
    for (int i = 0; i < std::min<int>(shape_count(), static_cast<int>(w.size())); ++i)
        if (std::abs(w[i]) > 1e-6f) S += w[i] * deltas[static_cast<size_t>(i)];
    return S;
}

cv::Mat FaceModel::albedo_at(const Eigen::VectorXf& w) const {
    cv::Mat out = static_albedo().clone();
    if (!has_dynamic_albedo()) return out;
    for (int i = 0; i < std::min<int>(shape_count(), static_cast<int>(w.size())); ++i)
        if (std::abs(w[i]) > 1e-6f && !dynamic_albedo[static_cast<size_t>(i)].empty())
            cv::scaleAdd(dynamic_albedo[static_cast<size_t>(i)], w[i], out, out);
    cv::min(cv::max(out, 0.f), 1.f, out);
    return out;
}

core::MatrixX3fR FaceModel::correction(int i) const {
    if (!personalized()) return core::MatrixX3fR::Zero(vertex_count(), 3);
    return corrected_deltas[static_cast<size_t>(i)] - template_deltas[static_cast<size_t>(i)];
}

core::BlendshapeRig FaceModel::to_blendshape_rig() const {
    core::BlendshapeRig rig;
    rig.name = name;
    rig.neutral = neutral;
    if (personalized() && identity_offset.rows() == neutral.V.rows())
        rig.neutral.V += identity_offset;
    rig.neutral.N = core::vertex_normals(rig.neutral);
    rig.shape_names = shape_names;
    rig.deltas = personalized() ? corrected_deltas : template_deltas;
    rig.albedo = static_albedo().clone();
    if (has_dynamic_albedo()) rig.dynamic_albedo = dynamic_albedo;
    return rig;
}

FaceModel face_model_from_template(const face::TemplateRig& rig) {
    FaceModel model;
    model.name = "template";
    model.neutral = rig.neutral;
    model.shape_names = rig.shape_names;
    model.shape_meanings = rig.shape_meanings;
    model.template_deltas = rig.deltas;
    model.vertex_attention = rig.vertex_attention;
    model.attention_uv = rig.attention_uv;
    model.template_albedo = rig.albedo_uv;
    return model;
}

FaceModel face_model_with_personal_rig(const face::TemplateRig& rig,
                                       const core::BlendshapeRig& personal) {
    if (personal.vertex_count() != rig.neutral.vertex_count())
        throw std::invalid_argument(
            "the personal rig has " + std::to_string(personal.vertex_count()) +
            " vertices, the template " + std::to_string(rig.neutral.vertex_count()));
    if (personal.shape_names != rig.shape_names)
        throw std::invalid_argument(
            "the personal rig's shapes are not the template's 52 ARKit "
            "shapes in Apple's order");
    FaceModel model = face_model_from_template(rig);
    model.name = personal.name;
    model.identity_offset = personal.neutral.V - rig.neutral.V;
    model.corrected_deltas = personal.deltas;
    if (!personal.albedo.empty()) model.albedo = personal.albedo.clone();
    if (!personal.dynamic_albedo.empty()) {
        if (personal.albedo.empty())
            throw std::invalid_argument("the personal rig has dynamic albedo but no albedo");
        model.dynamic_albedo = personal.dynamic_albedo;
    }
    return model;
}

FaceModel face_model_from_personal(const face::PersonalModel& personal,
                                   const std::vector<std::string>& meanings) {
    // The exchange rig holds what eq. 1 and 2 evaluate to: S0 + F(Δ0^S), the corrected shapes,
    // the clamped static albedo and A_i Δ_i^R at albedo size.
    core::BlendshapeRig rig;
    if (static_cast<int>(personal.shape_deltas.size()) == personal.shape_count()) {
        rig = personal.to_blendshape_rig("personal");
    } else {  // derived fields not computed yet
        face::PersonalModel refreshed = personal;
        refreshed.refresh();
        rig = refreshed.to_blendshape_rig("personal");
    }
    FaceModel model;
    model.name = "personal";
    model.neutral = personal.neutral;
    model.shape_names = personal.shape_names;
    model.shape_meanings = meanings;
    model.template_deltas = personal.template_deltas;
    model.attention_uv = personal.attention;
    for (const cv::Mat& A : personal.attention)
        model.vertex_attention.push_back(face::sample_uv(personal.neutral, A).col(0));
    model.template_albedo = personal.template_albedo;
    model.identity_offset = rig.neutral.V - personal.neutral.V;
    model.corrected_deltas = rig.deltas;
    model.albedo = rig.albedo;
    model.dynamic_albedo = rig.dynamic_albedo;
    return model;
}

void compute_correction_maps(FaceModel* model) {
    const int n = model->shape_count();
    const int nv = model->vertex_count();
    model->correction_magnitude.assign(static_cast<size_t>(n), Eigen::VectorXf::Zero(nv));
    model->gradient_deviation.assign(static_cast<size_t>(n), Eigen::VectorXf::Zero(nv));
    if (!model->personalized()) return;
    for (int i = 0; i < n; ++i) {
        const auto& tmpl = model->template_deltas[static_cast<size_t>(i)];
        const auto& corr = model->corrected_deltas[static_cast<size_t>(i)];
        model->correction_magnitude[static_cast<size_t>(i)] = (corr - tmpl).rowwise().norm();
        model->gradient_deviation[static_cast<size_t>(i)] = face::face_to_vertex_mean(
            model->neutral.F,
            face::deformation_gradient_deviation(model->neutral.V, model->neutral.F, tmpl, corr),
            nv);
    }
}

}  // namespace likeness::ui
