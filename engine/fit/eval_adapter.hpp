#pragma once
// The fitting engine behind the scoreboard's hook (engine/eval/fitter.hpp): `eval_fitter()`
// runs personalize + track on a FitRequest (the benchmark's rendered sequence and its
// landmarks), and `load_session_reconstruction` turns a saved session into the exchange form
// the metrics score. The benchmark and `likeness eval` find this header with __has_include.
#include <string>

#include "engine/eval/fitter.hpp"
#include "engine/eval/reconstruction.hpp"
#include "engine/fit/ablation.hpp"
#include "engine/fit/session.hpp"

namespace likeness::fit {

/// The row of Table 1 an eval stage names.
Ablation ablation_of(eval::AblationStage stage);

/// A fitter for eval::register_fitter: the full pipeline (session_pipeline.hpp) with default
/// options, K = request.modeling_frames (0: the default), on the request's frames and landmarks;
/// ground-truth landmarks are fitted as LandmarkTrust::Measured (loss_weights.hpp).
/// Builds the template once (the first call takes ~1 s longer).
eval::Fitter eval_fitter();

/// A session as a reconstruction: the personal model as its exchange rig, the take, per-frame
/// γ and the session camera's focal length.
eval::Reconstruction session_reconstruction(const Session& session);

/// Reads a .likeness file and returns session_reconstruction of it. Throws SessionFileError.
eval::Reconstruction load_session_reconstruction(const std::string& session_path);

}  // namespace likeness::fit
