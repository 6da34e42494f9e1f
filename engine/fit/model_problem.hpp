#pragma once
// The modeling half of eq. 3 as a differentiable function of the personal model's corrections
// (the paper's ModelNet outputs, solved for directly): with each frame's tracking parameters p_n
// held, the cost is
//     (N/K) Σ_n E_n(model; p_n) + λsd L_sd(Δ0^S) + λbg L_bg(Δ_i^S) + priors
// where E_n is frame n's share of eq. 3 (frame_tracker.hpp's terms: eq. 4, landmarks with λlm
// times LossWeights::correction_landmark, eq. 5, seed 003 eq. 11 on neutral frames), and the
// priors include eq. 6's Laplacian on each F(A_i Δ_i^S) (LossWeights::shape_smoothness) and K frames stand for the paper's mini-batch of N = 4
// (so the data/regulariser balance of the supplement's λ does not change with K).
//
// Exact gradients: per frame, the pixel adjoints of the loss terms go through
// render::scene_gradient to ∂/∂vertex and ∂/∂albedo texel; vertex gradients reach the UV maps
// through Fᵀ (times w_i^n and A_i for Δ_i^S), albedo gradients through the resampling transpose
// (times w_i^n and A_i for Δ_i^R). Frames run in parallel (OpenMP) above kMinFramesForThreads.
#include <vector>

#include "engine/core/camera.hpp"
#include "engine/core/progress.hpp"
#include "engine/fit/correction_layout.hpp"
#include "engine/fit/correction_preconditioner.hpp"
#include "engine/fit/deformation_gradient_term.hpp"
#include "engine/fit/fit_context.hpp"
#include "engine/fit/frame_observation.hpp"
#include "engine/fit/frame_parameters.hpp"
#include "engine/fit/laplacian_term.hpp"
#include "engine/fit/loss_weights.hpp"
#include "engine/fit/term_costs.hpp"

namespace likeness::render {
struct Rendering;
struct Scene;
}
namespace likeness::face {
struct PersonalModel;
}

namespace likeness::fit {

/// Frames a modeling evaluation spreads over threads from (below: the calling thread).
constexpr int kMinFramesForThreads = 2;
/// The paper's mini-batch size N (§4), the reference the frame terms are scaled to.
constexpr double kReferenceBatch = 4.0;

/// One frame of the modeling problem: its observation and held tracking parameters.
struct ModelFrame {
    const FrameObservation* observation = nullptr;
    FrameParameters parameters;
};

class ModelProblem {
  public:
    /// `model` is updated by evaluate(); it, the frames' observations and `context` must
    /// outlive the problem.
    ModelProblem(face::PersonalModel* model, const FitContext& context,
                 const std::vector<ModelFrame>& frames, const core::Camera& frame_camera,
                 const CorrectionSet& corrections, const LossWeights& weights);

    const CorrectionLayout& layout() const { return layout_; }
    /// The current corrections as a flat vector.
    Eigen::VectorXf current() const;
    /// Sets the corrections to x (and refreshes the model).
    void set(const Eigen::VectorXf& x);

    /// Cost at x (the model is left at x); `gradient` (optional) receives ∂cost/∂x; `terms`
    /// (optional) the terms (frame terms summed over frames, unscaled). Throws core::Cancelled.
    double evaluate(const Eigen::VectorXf& x, Eigen::VectorXf* gradient, TermCosts* terms,
                    const core::Progress& progress = {});

    /// The frame terms' Gauss–Newton curvature at the current corrections (per vertex for the
    /// shapes, per texel for the albedo), for correction_preconditioner.hpp.
    DataCurvature data_curvature();

    const LaplacianTerm& laplacian() const { return laplacian_; }
    const DeformationGradientTerm& deformation() const { return deformation_; }
    /// The weights in effect (λlm already multiplied by correction_landmark).
    const LossWeights& weights() const { return weights_; }
    const face::PersonalModel& model() const { return *model_; }

    void set_frames(const std::vector<ModelFrame>& frames) { frames_ = frames; }
    void set_camera(const core::Camera& frame_camera) { frame_camera_ = frame_camera; }

  private:
    struct FrameWork;
    double frame_scale() const;
    /// Renders a modeling frame with the model's current shape and albedo (eq. 1, 2) at its
    /// parameters through the frame's crop camera; `albedo` is scratch for the dynamic albedo.
    /// Returns the scene it rendered (it points at *X and the albedo) for gradients.
    render::Scene render_frame(const FrameObservation& obs, const FrameParameters& p,
                               core::MatrixX3fR* X, cv::Mat* albedo,
                               render::Rendering* colour) const;

    face::PersonalModel* model_;
    const FitContext& context_;
    std::vector<ModelFrame> frames_;
    core::Camera frame_camera_;
    CorrectionSet corrections_;
    LossWeights weights_;
    CorrectionLayout layout_;
    LaplacianTerm laplacian_;
    DeformationGradientTerm deformation_;
};

}  // namespace likeness::fit
