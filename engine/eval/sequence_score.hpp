#pragma once
// Scores a reconstruction of a synthetic sequence against its ground truth with every metric of
// the scoreboard (issue 6): 3D error (surface_error.hpp), landmark NME (landmark_nme.hpp),
// blend-shape weight MAE (the paper's retargeting "expression metric", Table 3: mean absolute
// difference of predicted and true weights over frames and the 52 shapes), photometric error
// (photometric_error.hpp), disentanglement (expression_energy.hpp) and, when the model has the
// template's topology, how well each personal blend shape was recovered.
#include <optional>
#include <string>
#include <vector>

#include "engine/core/progress.hpp"
#include "engine/eval/ground_truth_files.hpp"
#include "engine/eval/reconstruction.hpp"
#include "engine/eval/rigid_alignment.hpp"

namespace likeness::eval {

/// Mean and standard deviation of a per-frame quantity, over `count` frames.
struct FrameStat {
    double mean = 0.0;
    double sd = 0.0;
    int count = 0;
};

struct ScoreOptions {
    /// Frames (with a face) scored in 3D, spread evenly over the sequence (ICP per frame costs
    /// ~0.1 s); 0: all.
    int max_3d_frames = 16;
    AlignmentOptions alignment;
    bool photometric = true;  ///< needs the video and per-frame lighting
    /// Frames (with a face) re-rendered for the photometric error, spread evenly; 0: all.
    int max_photometric_frames = 30;
};

struct SequenceScores {
    std::string name;
    int frames = 0;            ///< ground-truth frames
    int frames_with_face = 0;  ///< reconstruction frames with has_face
    /// 3D error per frame (mean point-to-surface distance after alignment, mm), its RMSE over
    /// all scored points, and the neutral model (w = 0 on both sides) against the true neutral.
    FrameStat surface_mm;
    double surface_rmse_mm = 0.0;
    double neutral_surface_mm = 0.0;
    /// The same two with a uniform scale in the alignment (NoW's protocol). A face's size is not
    /// observable in monocular images (the face twice as large, twice as far, projects the
    /// same), so these score the shape alone; the rigid numbers above also charge its size.
    FrameStat surface_similarity_mm;
    double neutral_similarity_mm = 0.0;
    FrameStat nme_percent;    ///< 68-point NME of the reconstruction's projected landmarks
    double weight_mae = 0.0;  ///< over frames with a face and the 52 ARKit shapes
    std::vector<double> weight_mae_per_shape;  ///< 52, ARKit order
    std::optional<FrameStat> photometric;      ///< 0–255 RGB distance in the face mask
    /// AE on true-neutral frames (mm), and the mean Σ w there.
    int neutral_frames = 0;
    FrameStat expression_energy_mm;
    double neutral_weight_sum = 0.0;
    /// Same topology only: mean over the 52 shapes of the RMS (over the face area, mm) of the
    /// reconstruction's delta minus the true delta; the template's own value for reference.
    std::optional<double> blendshape_error_mm;
    std::optional<double> template_blendshape_error_mm;
    /// Same topology only: the static albedo's error (albedo_error.hpp, 0–255 over the face
    /// area, per-channel gain removed).
    std::optional<double> albedo_error;
};

/// Throws std::invalid_argument when the reconstruction does not fit the ground truth (frame
/// count, landmark count); GroundTruthError when the video cannot be read for the photometric
/// error; core::Cancelled when progress asks to stop.
SequenceScores score_reconstruction(const GroundTruth& truth, const Reconstruction& reconstruction,
                                    const ScoreOptions& options = {},
                                    const core::Progress& progress = {});

/// The front end alone: landmarks it found per frame (68 by 2 px each, nullopt: no face).
struct FrontEndScores {
    int frames = 0;
    int detected = 0;
    double detection_rate = 0.0;  ///< detected / frames
    FrameStat nme_percent;        ///< over detected frames
};

FrontEndScores score_front_end(const GroundTruth& truth,
                               const std::vector<std::optional<core::MatrixX2fR>>& landmarks68);

/// JSON objects (nlohmann dump) with the fields above; "not available" values are null.
std::string scores_json(const SequenceScores& scores);
std::string front_end_json(const FrontEndScores& scores);

}  // namespace likeness::eval
