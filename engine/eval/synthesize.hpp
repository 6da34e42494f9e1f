#pragma once
// One synthetic sequence from seed to folder: subject (synthetic_subject.hpp), plan
// (synthetic_sequence.hpp), frames (sequence_renderer.hpp) written as a video, and the ground
// truth beside it (ground_truth_files.hpp). What `likeness synth` and the bench run.
#include <cstdint>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "engine/core/progress.hpp"
#include "engine/eval/background.hpp"
#include "engine/eval/ground_truth_files.hpp"
#include "engine/eval/sequence_renderer.hpp"
#include "engine/eval/synth_assets.hpp"
#include "engine/eval/synthetic_sequence.hpp"
#include "engine/eval/synthetic_subject.hpp"

namespace likeness::eval {

struct SynthOptions {
    std::uint64_t seed = 1;  ///< the subject and its sequence
    /// Smooth (our template, no data needed) or Ict (needs SynthAssets::ict).
    IdentitySource identity = IdentitySource::Smooth;
    SubjectOptions subject;  ///< seed, identity, ict and photos are filled in from the above
    SequenceOptions sequence;
    RenderStyle style;
    BackgroundKind background = BackgroundKind::Photo;  ///< Noise when there are no photos
    /// "video.avi" (MJPG, quality 95: what the bench uses) or a name ending in ".mp4" (MPEG-4).
    std::string video_file = "video.avi";
    /// Also write landmarks.json: the true 468 points per frame in the layout of `likeness
    /// landmarks --json`, for tools that take landmarks from a file.
    bool landmarks_json = true;
    /// Keep the rendered frames (CV_8UC3 RGB, before video compression) in the result.
    bool keep_frames = false;
};

struct SynthResult {
    std::string folder;
    std::string video_path;
    SyntheticSubject subject;
    GroundTruthSequence sequence;
    std::vector<cv::Mat> frames;    ///< when keep_frames
    std::vector<double> render_ms;  ///< wall time of each frame's render + composite
};

/// Writes the sequence into `folder` (created if needed). Throws std::invalid_argument for bad
/// options (e.g. an ICT identity without ICT assets), io::ExportError when a file or the video
/// cannot be written, core::Cancelled when progress asks to stop.
SynthResult synthesize(const std::string& folder, const SynthOptions& options,
                       const SynthAssets& assets, const core::Progress& progress = {});

}  // namespace likeness::eval
