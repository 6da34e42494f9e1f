#pragma once
// PersonalModel: one user's face model (paper §3.2) — the template prior plus the per-user
// corrections the fitting engine solves for, in UV space as the paper learns them:
//
//   eq. 1   S = w0 S0 + F(Δ0^S) + Σ_i w_i [S_i + F(A_i Δ_i^S)],   w0 = 1 − Σ_i w_i
//           = S0 + F(Δ0^S) + Σ_i w_i [(S_i − S0) + F(A_i Δ_i^S)]
//   eq. 2   R = R0^t + Δ0^R + Σ_i w_i A_i Δ_i^R
//
// F(·) samples a UV map at the vertices (uv_sampler.hpp). The model carries the template part it
// needs (S0 with faces and UVs, the template deltas, masks A_i, the parsing map T, R0) so that a
// saved model evaluates without rebuilding the template.
//
// R0^t is the paper's *trainable mean albedo*, shared by all users of a trained network. Fitting
// one user it cannot be told apart from Δ0^R, so the solver keeps R0^t = R0 and puts the user's
// static albedo in Δ0^R; the field is kept so models stay in the paper's form.
#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "engine/core/blendshape_rig.hpp"
#include "engine/core/mesh.hpp"
#include "engine/face/uv_sampler.hpp"

namespace likeness::face {

struct TemplateRig;

struct PersonalModel {
    PersonalModel() = default;
    /// Copies are deep: a cv::Mat copy shares pixels, a model copy never does.
    PersonalModel(const PersonalModel& other);
    PersonalModel& operator=(const PersonalModel& other);
    PersonalModel(PersonalModel&&) = default;
    PersonalModel& operator=(PersonalModel&&) = default;

    // ---- template part (fixed while fitting) ----
    /// S0: V #V by 3 (model space, cm), F (mouth open, eye triangles kept), UV #V by 2.
    core::Mesh neutral;
    std::vector<std::string> shape_names;           ///< 52 ARKit names, Apple's order
    std::vector<core::MatrixX3fR> template_deltas;  ///< 52 of S_i − S0, #V by 3, cm
    std::vector<cv::Mat> attention;                 ///< 52 of A_i: CV_32F, uv_size square, [0,1]
    cv::Mat parsing;          ///< T: CV_8U face::ParsingLabel, square (template size)
    cv::Mat template_albedo;  ///< R0: CV_32FC3 RGB [0,1], albedo_size square

    // ---- per-user corrections (the solver's unknowns) ----
    cv::Mat identity_shape;                  ///< Δ0^S: CV_32FC3 xyz (cm), uv_size square
    std::vector<cv::Mat> shape_corrections;  ///< 52 of Δ_i^S: CV_32FC3 (cm), uv_size, unmasked
    cv::Mat mean_albedo;                     ///< R0^t: CV_32FC3, albedo_size square
    cv::Mat static_albedo;                   ///< Δ0^R: CV_32FC3 (signed), albedo_size square
    std::vector<cv::Mat> dynamic_albedo;     ///< 52 of Δ_i^R: CV_32FC3 (signed), uv_size, unmasked

    int uv_size() const { return identity_shape.rows; }
    int albedo_size() const { return static_albedo.rows; }
    int shape_count() const { return static_cast<int>(template_deltas.size()); }
    int vertex_count() const { return neutral.vertex_count(); }

    // ---- derived by refresh() (never saved) ----
    core::MatrixX3fR identity_offset;            ///< F(Δ0^S), #V by 3, cm
    std::vector<core::MatrixX3fR> shape_deltas;  ///< (S_i − S0) + F(A_i Δ_i^S), #V by 3, cm
    cv::Mat base_albedo;                         ///< R0^t + Δ0^R, CV_32FC3, albedo_size
    std::vector<cv::Mat> masked_dynamic_albedo;  ///< A_i Δ_i^R, CV_32FC3, uv_size
    /// Per shape, the bounding box of A_i Δ_i^R's non-zero texels (empty: none): A_i covers
    /// the region the shape moves, so eq. 2's sum need not touch the rest of the map.
    std::vector<cv::Rect> dynamic_albedo_support;
    bool has_dynamic_albedo = false;  ///< some Δ_i^R is non-zero
    UvSampler sampler;                ///< F at uv_size

    /// Recomputes the derived fields from the corrections; call after changing them.
    void refresh();

    /// Eq. 1 for weights `w` (shape_count() entries): #V by 3 positions, model space, cm.
    /// Shapes with |w_i| < 1e-6 are skipped.
    void shape(const Eigen::VectorXf& w, core::MatrixX3fR* out) const;
    core::MatrixX3fR shape(const Eigen::VectorXf& w) const;
    /// Eq. 2 for weights `w`: CV_32FC3 RGB albedo, albedo_size square (not clamped).
    /// `scratch`: optional, the uv_size sum's memory kept between calls (a per-frame solver
    /// evaluates eq. 2 several times a frame).
    void albedo(const Eigen::VectorXf& w, cv::Mat* out, cv::Mat* scratch = nullptr) const;
    cv::Mat albedo(const Eigen::VectorXf& w) const;

    /// The model as an exchange rig: neutral = S0 + F(Δ0^S) (with normals), deltas = the
    /// corrected shapes, albedo = clamp(R0^t + Δ0^R), dynamic albedo A_i Δ_i^R at albedo size
    /// (left empty when no Δ_i^R is non-zero).
    core::BlendshapeRig to_blendshape_rig(const std::string& name = "face") const;

    /// False, with a reason naming the field, when sizes or counts disagree or values are not
    /// finite.
    bool is_valid(std::string* error) const;
};

/// The template as a personal model: all corrections zero, R0^t = R0 resampled to
/// `albedo_size` (≤ 0: the template's texture size).
PersonalModel personal_model_from_template(const TemplateRig& rig, int albedo_size = 256);

}  // namespace likeness::face
