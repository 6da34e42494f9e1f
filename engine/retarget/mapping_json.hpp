#pragma once
// The mapping file: a ChannelMapping (and optionally the RetargetControls) as JSON, what
// `likeness retarget --map` reads and `--json` reports, and what the mapping panel saves.
// Version 1:
//   { "format": "likeness-retarget-map", "version": 1,
//     "channels": [ { "channel": "eyeBlinkLeft", "match": "normalized",
//                     "targets": [ { "shape": "eyeBlink_L", "gain": 1.0 } ] }, ... ],
//     "target_shapes": [...], "unmatched_channels": [...], "unused_shapes": [...],
//     "controls": { "intensity": 1.0, "head_rotation": true,
//                   "channels": { "jawOpen": { "gain": 1.2, "offset": 0.0, "min": 0.0,
//                                              "max": 1.0, "smoothing_s": 0.05 } } } }
// The writer lists all 52 channels in Apple's order (unmatched ones with no targets) and only
// the controls that differ from the defaults. The reader also takes hand-written short forms:
//   "channels": { "jawOpen": "Face_JawOpen", "browInnerUp": ["BrowUp_L", "BrowUp_R"],
//                 "cheekPuff": [ { "shape": "Puff", "gain": 0.8 } ] }
// Channels not listed are unmatched; the informational lists are ignored. An unknown channel
// name, a wrong type or an unknown field inside a control is an error naming it (a typo must
// not silently unmap a channel).
#include <string>
#include <vector>

#include "engine/retarget/channel_mapping.hpp"
#include "engine/retarget/retarget_controls.hpp"

namespace likeness::retarget {

constexpr int kMappingFileVersion = 1;

/// The file's text. target_shapes: the character's shape names (for the informational lists);
/// controls: written when not null.
std::string mapping_json_text(const ChannelMapping& mapping,
                              const std::vector<std::string>& target_shapes,
                              const RetargetControls* controls = nullptr);

/// Writes the file atomically. Throws RetargetError naming the path when it cannot be written.
void write_mapping_json(const std::string& path, const ChannelMapping& mapping,
                        const std::vector<std::string>& target_shapes,
                        const RetargetControls* controls = nullptr);

/// Parses a mapping; fills *controls from the "controls" section when given (defaults when the
/// file has none). Throws RetargetError; `source` names the text in messages.
ChannelMapping parse_mapping_json(const std::string& text, const std::string& source,
                                  RetargetControls* controls = nullptr);

/// Reads a mapping file. Throws RetargetError naming the file.
ChannelMapping read_mapping_json(const std::string& path, RetargetControls* controls = nullptr);

}  // namespace likeness::retarget
