#pragma once
// The per-frame solver (the paper's TrackNet, §3.3, replaced by optimisation): given the
// personal model and one frame's observation, find p_n = (w, R, t, γ) minimising the frame's
// share of eq. 3 — photometric l2,1 and image-gradient terms (eq. 4), landmarks, parsing
// (eq. 5), the L1 weight and lighting regularisers (eq. 8), and the seed 003 neutral term when
// the frame is marked neutral — by Levenberg–Marquardt on exact Gauss–Newton normal equations
// (IRLS for the l2,1 and l2 norms). The focal length is the video's and stays fixed here; the
// tracker reports the Schur complement of the focal column so a caller can solve for it jointly
// over many frames (personalization.hpp).
//
// One tracker per thread: it keeps its render buffers between frames (no per-frame allocation
// once sizes settle). Frames render on the calling thread (render::kMinPixelsForThreads):
// callers parallelise over frames.
#include <string>
#include <vector>

#include "engine/core/camera.hpp"
#include "engine/fit/fit_context.hpp"
#include "engine/fit/frame_observation.hpp"
#include "engine/fit/frame_parameters.hpp"
#include "engine/fit/loss_weights.hpp"
#include "engine/fit/term_costs.hpp"

namespace likeness::fit {

/// How the tracker moves the weights. The paper keeps w in [0,1] with a sigmoid w = σ(z); a
/// step in z stalls where σ' ≈ 0, i.e. at w ≈ 0 where most shapes rest. `Projected` steps in w
/// itself and keeps [0,1] by an active set (weights at a bound whose gradient points outward
/// are held) and clamping — the same feasible set, without the stall.
enum class WeightStep { Projected, Sigmoid };

enum class Termination { Converged, MaxIterations, NoProgress, NonFinite, NoObservation };
const char* to_string(Termination t);

struct TrackerOptions {
    LossWeights weights;
    int max_iterations = 10;
    /// Converged when an accepted step lowers the cost by less than this fraction.
    double relative_tolerance = 1e-4;
    double initial_damping = 1e-4;  ///< Marquardt λ (times diag(JᵀJ))
    WeightStep weight_step = WeightStep::Projected;
    bool solve_pose = true;
    bool solve_lighting = true;
    bool solve_weights = true;
    /// Before the full fit, a few landmark-only iterations on the pose (for cold starts).
    int landmark_warmup_iterations = 0;
    /// true: the shading rows of the weight columns use the exact normal change at the current
    /// shape; false: the change precomputed at the neutral face (FitContext), a Jacobian
    /// approximation that saves most of a linearisation's cost.
    bool exact_normal_directions = true;
    /// true: H's photometric and image-gradient sums run over every other pixel (x + y even)
    /// at twice the weight — an estimate of H at half the work (the focal terms' H too) —
    /// while the cost and g stay exact: steps are accepted only where the true cost falls.
    bool checkerboard_hessian = false;
    /// Report the focal length's Schur complement (TrackerSummary::focal_*).
    bool focal_terms = false;

    bool is_valid(std::string* error) const;
};

struct TrackerSummary {
    Termination termination = Termination::NoObservation;
    std::string message;
    int iterations = 0;                           ///< linearisations
    double initial_cost = 0.0, final_cost = 0.0;  ///< weighted (eq. 3's frame share)
    TermCosts initial_terms, final_terms;
    double seconds = 0.0;
    /// With focal_terms: the reduced Gauss–Newton model of the cost in the frame camera's
    /// focal length f (px) with all other parameters eliminated: ½ a δf² + b δf.
    double focal_a = 0.0, focal_b = 0.0;

    bool usable() const {
        return termination != Termination::NonFinite && termination != Termination::NoObservation;
    }
};

class FrameTracker {
  public:
    FrameTracker(const FitContext& context, const TrackerOptions& options);
    ~FrameTracker();
    FrameTracker(const FrameTracker&) = delete;
    FrameTracker& operator=(const FrameTracker&) = delete;

    /// Refines `params` (in: the start, e.g. the previous frame's; out: the solution) for
    /// `observation` seen through `frame_camera` (the whole frame's camera).
    TrackerSummary track(const FrameObservation& observation, const core::Camera& frame_camera,
                         FrameParameters* params);

    /// The frame's terms at `params` without solving (weighted total in TermCosts::total).
    TermCosts evaluate(const FrameObservation& observation, const core::Camera& frame_camera,
                       const FrameParameters& params);

    /// The Gauss–Newton system at `params`, over 34 + K columns (render::SceneParameter
    /// order, then the K weights): H symmetric, g = ∂cost/∂θ. For diagnostics and tests.
    void normal_equations(const FrameObservation& observation, const core::Camera& frame_camera,
                          const FrameParameters& params, Eigen::MatrixXd* H, Eigen::VectorXd* g);

    const TrackerOptions& options() const { return options_; }

  private:
    struct State;
    struct Linearisation;
    void evaluate_state(const FrameObservation& obs, State* s);
    /// Pixel rows, residuals and IRLS weights of every term at `s`, and the complete g.
    void linearise_gradient(const FrameObservation& obs, const State& s, Linearisation* lin);
    /// H at the state linearise_gradient saw, between the columns flagged (null: all).
    void linearise_hessian(const FrameObservation& obs, const State& s,
                           const std::vector<unsigned char>* columns, Linearisation* lin);
    void linearise(const FrameObservation& obs, const State& s, Linearisation* lin);
    void landmark_warmup(const FrameObservation& obs, const core::Camera& camera,
                         FrameParameters* params);

    const FitContext& context_;
    TrackerOptions options_;
    State* current_;
    State* candidate_;
    Linearisation* lin_;
};

/// A cold start for a frame: neutral weights, frontal rotation, the translation that puts the
/// personal neutral's landmarks at the observed landmarks' centre and size, grey light.
FrameParameters initial_parameters(const face::PersonalModel& model,
                                   const FrameObservation& observation,
                                   const core::Camera& frame_camera);

}  // namespace likeness::fit
