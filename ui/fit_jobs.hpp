#pragma once
// The fitting engine's long calls as the studio runs them on its job thread (issue 7 through
// issue 8 §6): personalize a video (modeling + tracking, paper §4), track a video with a finished
// model, read and write the project file. Each returns everything the UI needs to show the
// result, computed on the worker (the FaceModel view with its correction maps included), so the
// UI thread only swaps pointers.
#include <QString>
#include <memory>
#include <string>
#include <vector>

#include "engine/core/progress.hpp"
#include "engine/core/take.hpp"

namespace likeness::face {
struct TemplateRig;
}
namespace likeness::fit {
struct Session;
}

namespace likeness::ui {

struct FaceModel;
struct JobSettings;

struct FitOutcome {
    std::shared_ptr<const fit::Session> session;
    std::shared_ptr<const FaceModel> model;  ///< nullptr when the session has no model
    QString message;                         ///< one line for the status bar
};

/// Personalization and tracking of every frame of `input` (video, image or folder) with the
/// settings' K, ablation row, focal estimate and prior: the builtin `rig`, or `rig` registered
/// onto ICT-FaceKit when the settings name a folder. `quick` uses the engine's fast schedule
/// (the first-start demo). Throws what the engine throws (face::TemplateError naming a missing
/// ICT file, fit::NoFaceError, io::VideoError, ...).
FitOutcome personalize_video(const std::string& input, const face::TemplateRig& rig,
                             const JobSettings& settings, bool quick,
                             const std::vector<std::string>& meanings,
                             const core::Progress& progress);

/// Tracks every frame of `input` with `base`'s personal model (e.g. person A's model on person
/// B's video: retargeting's input); the new session keeps the model and gets the take. The
/// camera is `base`'s when the frames are the same size, else `focal_factor` × the longer side.
FitOutcome track_video(const std::string& input, const fit::Session& base, double focal_factor,
                       const std::vector<std::string>& meanings, const core::Progress& progress);

/// Reads a project file. Throws fit::SessionFileError naming what is wrong.
FitOutcome read_project(const std::string& path, const std::vector<std::string>& meanings,
                        const core::Progress& progress);

/// The session to save: `base` (the last fit or opened project) with the studio's current take,
/// or, without one, a session holding only the take (no model) for a `width` by `height` video.
fit::Session session_to_save(const fit::Session* base, const core::Take* take,
                             const std::string& input, int width, int height, double fps);

}  // namespace likeness::ui
