#pragma once
// The parts of a project file (.likeness) that `likeness export` and `likeness retarget` use —
// its take and its personal model as a rig — and the message a user can act on when the file
// is readable but lacks the part (a session saved before its video was tracked, or one with a
// take only).
#include <stdexcept>
#include <string>

#include "engine/core/blendshape_rig.hpp"
#include "engine/core/take.hpp"
#include "engine/fit/session.hpp"

namespace likeness::cli {

/// A readable project file without the part a command needs; the message names the file and
/// how to get that part.
class MissingSessionPart : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// True when `path` names a project file (by its .likeness extension).
bool is_session_path(const std::string& path);

/// The session's take. Throws MissingSessionPart when it holds no frame.
core::Take session_take(const fit::Session& session, const std::string& path);

/// The session's personal model as a rig named after the file (corrected neutral S0 + ΔS0, the
/// 52 corrected shapes, albedo and dynamic albedo). Throws MissingSessionPart when the session
/// holds no personal model.
core::BlendshapeRig session_rig(const fit::Session& session, const std::string& path);

/// The input path a new session records: absolute for a file or folder (the studio reopens the
/// video beside the project from any working folder), as given otherwise ("camera:0").
std::string recorded_input_path(const std::string& input);

}  // namespace likeness::cli
