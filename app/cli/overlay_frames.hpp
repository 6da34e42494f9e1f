#pragma once
// --overlay PREFIX [--overlay-frames LIST] of `likeness personalize` and `likeness track`: the
// session's model drawn over chosen video frames (engine/fit/session_overlay.hpp) as JPEGs.
#include <cstdint>
#include <string>
#include <vector>

namespace likeness::fit {
struct Session;
}

namespace likeness::cli {

/// "12,40,200" → {12, 40, 200}; throws UsageError.
std::vector<int64_t> frame_list(const std::string& text);

/// Writes PREFIX-NNNN.jpg for each frame of `frames` (empty: 1/6, 1/2 and 5/6 of the take),
/// reading the frames from session.input; prints each path. Throws io::VideoError,
/// io::ExportError.
void write_overlays(const fit::Session& session, const std::string& prefix,
                    std::vector<int64_t> frames);

}  // namespace likeness::cli
