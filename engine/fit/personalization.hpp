#pragma once
// The two-stage schedule of §4 on K sampled frames, as optimisation:
//   stage 1 (joint tracking + modeling) — rounds of: per-frame Levenberg–Marquardt for p_n
//           (frame_tracker.hpp, parallel over frames, without the parsing term: see
//           stage1_round_tracker_options), a joint Gauss–Newton step for the video's
//           focal length (the frames' Schur complements summed), a Gauss–Newton solve of the
//           shape corrections on the smooth terms alone (landmarks, eq. 6, eq. 7: sparse
//           normal equations, a few iterations reach their minimum) alternated with landmark
//           refits of the poses (landmark_pose_passes), then a few iterations of
//           the corrections on all of eq. 3 (model_solver.hpp). Block-coordinate descent.
//   stage 2 (tracking fixed, corrections refined) — the corrections solver alone, longer, "the
//           same loss function as before except the tracking parameter regularization loss"
//           (which does not depend on the corrections: dropping it changes nothing here).
// Tracking every frame of the video with the finished model is video_fitting.hpp's job.
#include <string>
#include <vector>

#include "engine/core/camera.hpp"
#include "engine/core/progress.hpp"
#include "engine/fit/ablation.hpp"
#include "engine/fit/frame_tracker.hpp"
#include "engine/fit/model_solver.hpp"

namespace likeness::face {
struct PersonalModel;
}

namespace likeness::fit {

/// Stage 1's per-frame solver: shading rows from the normal directions at the current personal
/// neutral (FitContext, rebuilt every round) instead of exact ones — only the Jacobian is
/// approximate, the cost LM accepts steps on is exact; 15-20 % less time per linearisation
/// (fit_bench track).
TrackerOptions stage1_tracker_options();

struct PersonalizationOptions {
    Ablation ablation = Ablation::Final;
    LossWeights weights;  ///< the row's switches are applied on top (ablation.hpp)
    /// Per-frame solves (its weights are replaced by the row's).
    TrackerOptions tracker = stage1_tracker_options();
    ModelSolverOptions model_solver;
    /// 4 rather than 3: the identity kept improving with more rounds (see landmark_pose_passes).
    int stage1_rounds = 4;
    int first_round_tracker_iterations = 15;  ///< cold start: more LM iterations
    int stage1_tracker_iterations = 6;
    /// After a focal step, LM iterations that let the poses follow the new focal length (the
    /// step is at most a few per cent: the poses need a small correction, not a new solve);
    /// the same iterations at the old focal length decide whether the step is kept.
    int focal_follow_iterations = 2;
    int stage1_model_iterations = 12;
    /// Iterations of the landmark + smoothness Gauss–Newton solve of Δ0^S, Δ_i^S per round.
    int landmark_geometry_iterations = 6;
    /// Passes inside each round's landmark geometry step that refit the K frames' poses to
    /// their landmarks (shape held) and solve the geometry again. The face's depth is seen
    /// through the head turning between frames, so pose and shape are tightly coupled, and one
    /// alternation per round converged slowly: on eval_bench (true landmarks) the neutral's
    /// error was still falling after 8 rounds. A pass costs one geometry solve; the pose
    /// refit (landmark Gauss–Newton on R, t) is cheap. Measured on eval_bench (3 subjects x
    /// 100 frames, true landmarks + 1 px noise, final row; 3D error after a similarity
    /// alignment, seed 1 / seed 2), all with the measured-landmark λsd 0.5 (loss_weights.hpp):
    /// 3 rounds, no passes 1.062 / 0.919 mm; 6 rounds 0.945 / 0.872; 3 rounds, 4 passes
    /// 0.941 / 0.856; 4 rounds, 2 passes (the defaults) 0.931 / 0.786; 6 rounds, 4 passes
    /// 0.842 / 0.845 at 1.1-1.8x the modeling time of the defaults. Without either (3 rounds,
    /// λsd 2.5): 1.143 / 0.932 mm.
    int landmark_pose_passes = 2;
    int stage2_model_iterations = 40;
    bool estimate_focal = true;
    /// Weight of (f − f_initial)² / f_initial² keeping the focal near its guess when the frames
    /// carry little perspective (near-frontal, static head), in cost units.
    double focal_prior = 5.0;

    bool is_valid(std::string* error) const;
};

/// Stage 1's per-frame solves in round `round` (0-based): `options.tracker` with the ablation
/// row's weights, the round's iterations (a cold start first) and the focal terms when the focal
/// length is estimated. Without the parsing term: its target is drawn from the landmark polygons
/// (parsing_term.hpp), so in a per-frame solve it adds no evidence the landmarks lack, only a
/// stiff pull (an l2 norm) that matches the outlines of a not yet personal shape by moving the
/// weights, and the corrections then fit those weights. Measured (eval_bench, 3 subjects x 100
/// frames, true landmarks, final row): seed 1 3D 1.461 -> 1.384 mm (similarity 1.174 -> 1.111),
/// w MAE 0.027 -> 0.023; seed 2 1.305 -> 1.142 mm (1.075 -> 0.958), w MAE 0.024 -> 0.016. The
/// parsing term stays in the modeling solves (it shapes the corrections, eq. 5's purpose) and in
/// the final pass.
TrackerOptions stage1_round_tracker_options(const PersonalizationOptions& options, int round);

/// The cost of the K frames at one point of the schedule.
struct StageReport {
    std::string name;          ///< "start", "stage 1 round N", "stage 2", ...
    TermCosts terms;           ///< frame terms summed over the K frames, model terms once
    double photometric = 0.0;  ///< mean eq. 4 L_ph per frame (colour units)
    double landmark_px = 0.0;  ///< RMS landmark distance, px of a 224 crop
    double seconds = 0.0;      ///< wall time of the step that led here
};

struct PersonalizationSummary {
    bool ok = false;
    std::string message;
    std::vector<StageReport> stages;
    float focal_px = 0.f;                           ///< of the frame camera
    ModelSolverSummary stage1_model, stage2_model;  ///< the last round's and stage 2's
    int frames_failed = 0;  ///< frames whose tracker reported a non-finite solve
    double seconds = 0.0;
};

/// Runs stages 1 and 2 on `frames` (observations of K frames of one video). `model`: in the
/// start (e.g. the template as a personal model), out the personal model. `params`: out the K
/// frames' tracking parameters (in: used as starts when it holds K entries). `camera`: the
/// frame camera, in the initial focal length, out the estimate. Throws core::Cancelled.
PersonalizationSummary personalize(const std::vector<FrameObservation>& frames,
                                   const PersonalizationOptions& options,
                                   face::PersonalModel* model, std::vector<FrameParameters>* params,
                                   core::Camera* camera, const core::Progress& progress = {});

}  // namespace likeness::fit
