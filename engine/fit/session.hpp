#pragma once
// Session: everything Likeness knows about one project — the input it came from, the video's
// camera, the personal model (paper §3.2), the tracked take (§3.3: w, R, t per frame) with the
// per-frame lighting γ and fit residuals a take does not carry, and how personalization went.
// It is what `likeness personalize` writes (session_file.hpp) and what the studio, `likeness
// track`, `likeness export` and `likeness eval` reopen without recomputing anything.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/core/camera.hpp"
#include "engine/core/sh_lighting.hpp"
#include "engine/core/take.hpp"
#include "engine/face/personal_model.hpp"
#include "engine/fit/ablation.hpp"
#include "engine/fit/personalization.hpp"

namespace likeness::fit {

/// One frame's fit beyond the take's w, R, t.
struct FrameFit {
    bool has_face = false;  ///< the front end found a face and the tracker solved the frame
    core::ShLighting lighting = core::ShLighting::ambient(1.f);  ///< γ of the frame
    float photometric = 0.f;  ///< eq. 4 L_ph at the solution (colour units, per pixel)
    float landmark_px = 0.f;  ///< RMS landmark distance at the solution, px of a 224 crop
    int iterations = 0;       ///< tracker linearisations
};

struct Session {
    std::string input;          ///< the video / image / folder as the user named it
    int width = 0, height = 0;  ///< frame size, px
    double fps = 30.0;
    core::Camera camera;  ///< the video's camera (focal estimated, principal point centred)
    Ablation ablation = Ablation::Final;
    std::vector<int64_t> model_frames;  ///< the K frames personalization used
    int64_t neutral_frame = -1;         ///< the most neutral of them (seed 003 eq. 11)
    std::vector<StageReport> stages;    ///< cost of the K frames along the schedule
    /// The prior the model started from: "builtin" or "ict:DIR" (an ICT-FaceKit folder).
    /// Provenance only: the model carries its template part, so reopening never needs it.
    std::string template_spec = "builtin";
    face::PersonalModel model;
    core::Take take;               ///< one frame per input frame
    std::vector<FrameFit> frames;  ///< one per take frame
    std::string created_by;        ///< "likeness 0.1.0"

    bool has_model() const { return model.vertex_count() > 0; }
    /// False, with a reason naming the field, when counts disagree or values are invalid.
    bool is_valid(std::string* error) const;
};

/// The session's per-frame lighting (for eval::Reconstruction and overlays).
std::vector<core::ShLighting> frame_lighting(const Session& session);

}  // namespace likeness::fit
