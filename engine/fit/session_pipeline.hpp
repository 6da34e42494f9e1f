#pragma once
// The whole job of `likeness personalize` and `likeness track` on one input:
//   1. scan every frame's landmarks (FitInput::scan) and pick K modeling frames
//      (frame_selection.hpp);
//   2. personalize from those K frames (personalization.hpp: the paper's §4 stages 1 and 2);
//   3. track every frame with the finished model, warm-started from the previous frame
//      (frame_tracker.hpp), into a take and per-frame fits.
// Frames without a face are flagged, never invented; a face in only some frames uses those; one
// frame is single-image reconstruction (the paper's N = 1 test mode); no face at all is an
// error the caller can show.
#include <functional>
#include <stdexcept>
#include <string>

#include "engine/core/progress.hpp"
#include "engine/fit/crop_window.hpp"
#include "engine/fit/fit_input.hpp"
#include "engine/fit/personalization.hpp"
#include "engine/fit/session.hpp"

namespace likeness::face {
struct TemplateRig;
}

namespace likeness::fit {

/// No frame of the input shows a face.
class NoFaceError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct TrackOptions {
    /// Crops for tracking: smaller than the modeling crops, for speed; landmark distances are
    /// measured in 224-crop px whatever the size, so weights hold.
    ObservationOptions observation{128, 1.25f, true};
    TrackerOptions tracker;          ///< warm-started frames (max_iterations, terms)
    int cold_start_iterations = 12;  ///< frames after a gap without a face
    bool is_valid(std::string* error) const;
};

/// TrackOptions tuned for the final pass (96 crops, 4 landmark-only pose iterations, then 3
/// LM iterations with approximate shading rows; the measurements are in the definition).
TrackOptions default_track_options();

/// The focal factors a camera may have (focal length over the frame's longer side): about 136°
/// to 11° across the longer side.
constexpr float kMinFocalFactor = 0.2f;
constexpr float kMaxFocalFactor = 5.0f;

struct PersonalizeOptions {
    PersonalizationOptions schedule;
    ObservationOptions observation;  ///< modeling crops (the paper's 224²)
    int model_frames = 16;           ///< K (frame_selection.hpp; see the note on choosing K)
    int albedo_size = 256;           ///< R0^t, Δ0^R texture size
    /// Initial focal length = focal_factor × the frame's longer side (≈ 53° field of view).
    float focal_factor = 1.0f;
    TrackOptions tracking = default_track_options();
    /// The modeling frames' parsing images I^pa (eq. 5) from elsewhere, or null: built from
    /// the landmark polygons (parsing_term.hpp). Given frame `frame` and its crop window it
    /// returns the crop's CV_32FC3 image in the code of parsing_code_texture(); the benchmark
    /// passes a perfect parser's (eval::FitRequest::true_parsing).
    std::function<cv::Mat(int64_t frame, const CropWindow& window)> parsing_images;
    bool is_valid(std::string* error) const;
};

/// The final pass's options: `options.tracking` with the ablation row's switches applied
/// (Table 1: rows A–C are obtained without the parsing loss, so their tracking is too); a row
/// without the parsing term builds no parsing targets.
TrackOptions final_pass_options(const PersonalizeOptions& options);

/// A preview preset: K ≤ 4, smaller crops, a quarter of the iterations (seconds, not minutes;
/// `likeness personalize --quick`).
PersonalizeOptions quick_personalize_options();

struct PipelineReport {
    int64_t frames = 0, frames_with_face = 0;
    double landmark_seconds = 0.0;  ///< pass 1 (front end, or nothing for memory inputs)
    double modeling_seconds = 0.0;  ///< observations of the K frames + stages 1 and 2
    double tracking_seconds = 0.0;  ///< pass 3, including any front-end re-run
    /// Pass 3's solver time alone (excludes the front end), summed over the segments that run
    /// side by side (track_input): frames / tracker_seconds is the per-thread rate.
    double tracker_seconds = 0.0;
    PersonalizationSummary personalization;
};

/// Steps 1–3 on `input` starting from `rig`. Throws NoFaceError, core::Cancelled, and what the
/// input throws (io::VideoError).
Session personalize_input(FitInput& input, const face::TemplateRig& rig,
                          const PersonalizeOptions& options, PipelineReport* report = nullptr,
                          const core::Progress& progress = {});

/// Step 3 alone: tracks every frame of `input` with `model` (e.g. one person's model on another
/// person's video — retargeting's input) through `camera` (the input's frame camera). Fills
/// session->take and session->frames; scans the input first when it has not been scanned.
/// Frames are streamed in chunks of 256; with two OpenMP threads each chunk is tracked as two
/// segments side by side, the second cold-started at its first frame.
void track_input(FitInput& input, const face::PersonalModel& model, const core::Camera& camera,
                 const TrackOptions& options, Session* session, PipelineReport* report = nullptr,
                 const core::Progress& progress = {});

/// The camera of a width × height frame with the principal point at the centre.
core::Camera default_camera(int width, int height, float focal_factor = 1.0f);

}  // namespace likeness::fit
