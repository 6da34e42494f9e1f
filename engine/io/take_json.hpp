#pragma once
// The take file: a core::Take as versioned JSON, the exchange format of `likeness export --take`
// and of tools that post-process tracking. Version 1:
//   { "format": "likeness-take", "version": 1, "name": "...", "fps": 60.0,
//     "weight_names": [52 ARKit names, the order of every "w"],
//     "frame_count": N,
//     "frames": [ { "w": [52 weights in [0,1]],
//                   "r": [3] head rotation, axis-angle rad, camera from model,
//                   "t": [3] head translation, cm, camera space,
//                   "face": true,
//                   "eyes": { "left": [3], "right": [3] }   (optional, axis-angle rad) }, ... ] }
// Written one frame per line and streamed; read frame by frame, so memory is the take itself.
// The reader is tolerant: it maps weights by name (unknown names are ignored, missing ones are
// 0), takes defaults for missing optional fields and reads newer versions' known fields.
#include <stdexcept>
#include <string>

#include "engine/core/progress.hpp"
#include "engine/core/take.hpp"
#include "engine/io/export_options.hpp"

namespace likeness::io {

/// A take file that cannot be read; the message names the file and, for bad content, the frame
/// and field.
class TakeFileError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

constexpr int kTakeFileVersion = 1;

/// Streams the take to `path`. Throws ExportError; core::Cancelled when progress asks to stop.
ExportedFiles write_take_json(const core::Take& take, const std::string& path,
                              const core::Progress& progress = {});

/// Reads a take file. Throws TakeFileError.
core::Take read_take_json(const std::string& path);

}  // namespace likeness::io
