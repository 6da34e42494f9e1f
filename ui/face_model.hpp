#pragma once
// FaceModel: what the studio shows of one face model, in a form both the template and a
// personal model (paper eq. 1, 2) fill: the template part (S0, template shapes S_i − S0,
// attention masks A_i, mean albedo R0) beside the personal part (identity offset F(Δ0^S),
// corrected shapes (S_i − S0) + F(A_i Δ_i^S), static albedo, dynamic albedo A_i Δ_i^R), plus the
// per-shape maps the inspectors draw (correction magnitude, eq. 7 deformation-gradient
// deviation). Plain data, no Qt: it is built on a worker thread and shared read-only.
#include <Eigen/Core>
#include <memory>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "engine/core/blendshape_rig.hpp"
#include "engine/core/mesh.hpp"

namespace likeness::face {
struct PersonalModel;
struct TemplateRig;
}  // namespace likeness::face

namespace likeness::ui {

struct FaceModel {
    std::string name = "template";
    /// S0: V #V by 3 (model space, cm), F, UV. The template's neutral.
    core::Mesh neutral;
    std::vector<std::string> shape_names;           ///< 52 ARKit names
    std::vector<std::string> shape_meanings;        ///< 52 one-line descriptions (may be empty)
    std::vector<core::MatrixX3fR> template_deltas;  ///< 52 of S_i − S0, #V by 3, cm
    std::vector<Eigen::VectorXf> vertex_attention;  ///< 52 of A_i per vertex, #V in [0,1]
    std::vector<cv::Mat> attention_uv;  ///< 52 of A_i: CV_32F square, [0,1], row 0 = v 1
    cv::Mat template_albedo;            ///< R0: CV_32FC3 RGB [0,1], square

    // ---- personal part: empty until a model is personalized ----
    core::MatrixX3fR identity_offset;                ///< F(Δ0^S), #V by 3 (cm), or 0 rows
    std::vector<core::MatrixX3fR> corrected_deltas;  ///< 52 of (S_i − S0) + F(A_i Δ_i^S), cm
    cv::Mat albedo;                       ///< R0^t + Δ0^R: CV_32FC3 [0,1]; empty: template's
    std::vector<cv::Mat> dynamic_albedo;  ///< 52 of A_i Δ_i^R (signed, albedo's size) or empty

    // ---- derived by compute_correction_maps() ----
    std::vector<Eigen::VectorXf> correction_magnitude;  ///< 52 of |F(A_i Δ_i^S)| per vertex, cm
    std::vector<Eigen::VectorXf> gradient_deviation;    ///< 52 of eq. 7 deviation per vertex

    int shape_count() const { return static_cast<int>(template_deltas.size()); }
    int vertex_count() const { return neutral.vertex_count(); }
    bool personalized() const { return !corrected_deltas.empty(); }
    bool has_dynamic_albedo() const { return !dynamic_albedo.empty(); }
    int shape_index(const std::string& name) const;

    /// Eq. 1 at weights `w` (shape_count() entries): #V by 3, cm. `personal` false evaluates
    /// the template (S0 + Σ w_i (S_i − S0)), true the personal model (identity offset and
    /// corrected shapes; the template when the model is not personalized).
    core::MatrixX3fR shape(const Eigen::VectorXf& w, bool personal = true) const;
    /// Eq. 2 at weights `w`: the static albedo plus Σ w_i A_i Δ_i^R, clamped to [0,1]
    /// (CV_32FC3). The template's R0 when the model has no albedo of its own.
    cv::Mat albedo_at(const Eigen::VectorXf& w) const;
    /// The static albedo shown: the personal one, else R0.
    const cv::Mat& static_albedo() const { return albedo.empty() ? template_albedo : albedo; }
    /// The shape's correction F(A_i Δ_i^S) (#V by 3, cm); zero when not personalized.
    core::MatrixX3fR correction(int shape) const;
    /// The personal model as an exchange rig for exporters (the template's when not
    /// personalized).
    core::BlendshapeRig to_blendshape_rig() const;
};

/// The template as a FaceModel (no personal part).
FaceModel face_model_from_template(const face::TemplateRig& rig);

/// The template with a personal exchange rig on top (same vertex count and shape order as the
/// template, e.g. PersonalModel::to_blendshape_rig()): its neutral gives the identity offset,
/// its deltas the corrected shapes, its albedo and dynamic albedo the personal textures. Throws
/// std::invalid_argument naming what does not match.
FaceModel face_model_with_personal_rig(const face::TemplateRig& rig,
                                       const core::BlendshapeRig& personal);

/// A personal model as the studio shows it (eq. 1, 2): the template part it carries, its
/// identity offset, corrected shapes and albedos. `meanings` (optional) gives the shapes'
/// descriptions (the template's).
FaceModel face_model_from_personal(const face::PersonalModel& model,
                                   const std::vector<std::string>& meanings = {});

/// Fills correction_magnitude and gradient_deviation (zero maps when not personalized).
/// O(52 · #F); about a tenth of a second for the template: call it on a worker thread.
void compute_correction_maps(FaceModel* model);

}  // namespace likeness::ui
