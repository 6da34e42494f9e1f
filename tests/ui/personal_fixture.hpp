#pragma once
// A stand-in "personalized" face model for GUI tests: the template with smooth, synthetic
// corrections inside each attention mask, a tinted albedo and darkening dynamic albedo, so the
// inspectors have something to show that differs from the template. Not a fit of anyone.
#include <cmath>
#include <memory>
#include <opencv2/imgproc.hpp>

#include "ui/face_model.hpp"

namespace likeness::test {

inline std::shared_ptr<const ui::FaceModel> synthetic_personal_model(const ui::FaceModel& tmpl) {
    auto model = std::make_shared<ui::FaceModel>(tmpl);
    model->name = "synthetic person";
    const core::MatrixX3fR& V = tmpl.neutral.V;
    model->identity_offset.resize(V.rows(), 3);
    for (Eigen::Index v = 0; v < V.rows(); ++v)  // a wider jaw and a longer nose
        model->identity_offset.row(v) << 0.08f * V(v, 0) * std::max(0.f, -V(v, 1)) / 5.f, 0.f,
            0.4f * std::exp(-(V(v, 0) * V(v, 0) + V(v, 1) * V(v, 1)) / 4.f);
    model->corrected_deltas.clear();
    model->dynamic_albedo.clear();
    cv::Mat albedo = tmpl.template_albedo.clone();
    albedo = albedo.mul(cv::Scalar(0.95, 0.82, 0.72));
    model->albedo = albedo;
    for (int i = 0; i < tmpl.shape_count(); ++i) {
        const Eigen::VectorXf& A = tmpl.vertex_attention[static_cast<size_t>(i)];
        core::MatrixX3fR corrected = tmpl.template_deltas[static_cast<size_t>(i)];
        for (Eigen::Index v = 0; v < V.rows(); ++v)
            corrected.row(v) +=
                A[v] * Eigen::RowVector3f(0.f, 0.15f * std::sin(1.3f * V(v, 0)), 0.1f);
        model->corrected_deltas.push_back(corrected);
        cv::Mat mask;
        cv::resize(tmpl.attention_uv[static_cast<size_t>(i)], mask, albedo.size(), 0, 0,
                   cv::INTER_LINEAR);
        cv::Mat darker;
        cv::merge(std::vector<cv::Mat>{-0.2f * mask, -0.25f * mask, -0.25f * mask}, darker);
        model->dynamic_albedo.push_back(darker);
    }
    ui::compute_correction_maps(model.get());
    return model;
}

}  // namespace likeness::test
