#pragma once
// The hook between the scoreboard and the fitting engine (issue 7). The bench and `likeness
// eval` never call the fitting code directly: a fitter is registered under a name and the
// harness asks for it, so the scoreboard builds, runs and reports "not available" before the
// engine exists, and scores it the day it lands.
//
// How the fitting engine plugs in: add engine/fit/eval_adapter.hpp declaring, in namespace
// likeness::fit,
//     eval::Fitter eval_fitter();   // runs personalize + track for one FitRequest
//     eval::Reconstruction load_session_reconstruction(const std::string& session_path);
// The bench (bench/eval_bench.cpp) and the CLI (app/cli/eval_command.cpp) test for that header
// with __has_include, register eval_fitter() under "likeness" and use
// load_session_reconstruction for `likeness eval --session`. Nothing else needs to change.
#include <functional>
#include <opencv2/core.hpp>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/progress.hpp"
#include "engine/eval/reconstruction.hpp"
#include "engine/nn/frame_landmarks.hpp"

namespace likeness::eval {

/// The rows of the paper's Table 1: which parts of the personal model are solved for.
enum class AblationStage {
    A,      ///< template only (3DMM prior): tracking w, R, t, γ; no corrections
    B,      ///< A + blend-shape corrections Δ0^S, Δ_i^S (losses other than parsing, gradient)
    C,      ///< B + albedo corrections Δ0^R, Δ_i^R
    D,      ///< C + parsing loss (eq. 5)
    Final,  ///< D + blend-shape gradient loss (eq. 7)
};
constexpr AblationStage kAblationStages[] = {AblationStage::A, AblationStage::B, AblationStage::C,
                                             AblationStage::D, AblationStage::Final};

const char* ablation_stage_name(AblationStage stage);         ///< "A" ... "final"
const char* ablation_stage_description(AblationStage stage);  ///< "template only" ...
/// Parses "A", "B", "C", "D", "final" (case-insensitive); nullopt otherwise.
std::optional<AblationStage> parse_ablation_stage(const std::string& text);

/// Where the landmarks a fit uses come from.
enum class LandmarkSource {
    GroundTruth,  ///< projected true vertices + Gaussian noise: isolates the solver
    FrontEnd,     ///< our detector + FaceMesh on the rendered video: the full pipeline
};
const char* landmark_source_name(LandmarkSource source);  ///< "ground_truth" / "front_end"

/// One fitting job: a rendered video and the landmarks to fit it with.
struct FitRequest {
    std::string video_path;  ///< the rendered sequence, as a user would give it
    /// The same frames decoded (CV_8UC3 RGB, one per video frame), or null: read video_path.
    const std::vector<cv::Mat>* frames = nullptr;
    double fps = 30.0;
    int width = 0, height = 0;
    /// One entry per frame: FaceMesh-layout landmarks (468 by 3 image px, box, flags) or nullopt
    /// when no face was found. Fits must use these, not their own front end, so the two modes
    /// compare solvers on the same inputs.
    const std::vector<std::optional<nn::FrameLandmarks>>* landmarks = nullptr;
    LandmarkSource landmark_source = LandmarkSource::FrontEnd;
    AblationStage stage = AblationStage::Final;
    int modeling_frames = 0;  ///< K frames to personalize from; 0: the fitter's default
    /// A perfect face parser, or null (the fitter then parses as it would a user's video).
    /// Draws `texture` (the template's UVs) on frame `frame`'s true surface into a square window
    /// of the frame: top-left edge (x0, y0) and `side` in frame px, `size` px across
    /// (truth_rendering.hpp). The bench sets it with --true-parsing, as a companion of the true
    /// landmarks: it measures the parsing loss apart from the parser.
    std::function<cv::Mat(int frame, float x0, float y0, float side, int size,
                          const cv::Mat& texture)>
        true_parsing;
    core::Progress progress;
};

/// What a fit returns: the reconstruction to score and how long its parts took.
struct FitResult {
    Reconstruction reconstruction;  ///< one take frame per video frame
    double modeling_seconds = 0.0;  ///< personalization (ModelNet's job), wall clock
    double tracking_seconds = 0.0;  ///< tracking every frame with the finished model, wall
                                    ///< clock, excluding the front end
    int modeling_frame_count = 0;   ///< frames personalization used
    std::string summary;            ///< one line for the report (losses, iterations...)
};

using Fitter = std::function<FitResult(const FitRequest&)>;

/// Registers (or replaces) a fitter under `name`. Not thread-safe: register at start-up.
void register_fitter(const std::string& name, Fitter fitter);
/// The fitter registered under `name`, or null.
const Fitter* find_fitter(const std::string& name);
/// Names of the registered fitters, sorted.
std::vector<std::string> fitter_names();

}  // namespace likeness::eval
