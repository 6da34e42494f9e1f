#pragma once
// The project file (.likeness): a Session in one binary file, versioned, written atomically.
//
// Layout (little-endian): the 8 bytes "LIKENESS", u32 format version, u32 0, then chunks
//     tag (4 ASCII bytes) · u64 payload length · payload · u32 CRC-32 of the payload
// ending with the chunk "END." (empty payload). Chunks: META (JSON: input, size, fps, camera,
// ablation, model frames, stage reports, the template prior), MODL (neutral mesh, shape names,
// template deltas), MAPS (named float/label maps: attention masks, parsing map, albedos, the UV
// corrections; each stored as its non-zero bounding box), TAKE (w, R, t, face flag per frame),
// FFIT (γ and residuals per frame).
//
// Writing goes through io::AtomicFile (temporary file + rename): a crash leaves the old file
// or no file, never half of one. Reading is tolerant and strict where it matters: unknown
// chunks are skipped (files from newer versions open as far as this version understands them);
// a missing end marker (a truncated copy), a checksum mismatch, a missing required chunk or a
// malformed field is reported by name — a damaged file never loads as garbage.
#include <stdexcept>
#include <string>

#include "engine/fit/session.hpp"

namespace likeness::fit {

constexpr uint32_t kSessionFileVersion = 1;

/// A project file that cannot be read; the message names the file and what is wrong.
class SessionFileError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// Writes `session` to `path` atomically; returns the bytes written. Throws io::ExportError
/// (unwritable path, disk full) or SessionFileError (an invalid session).
uint64_t write_session(const Session& session, const std::string& path);

/// Reads a project file. Throws SessionFileError.
Session read_session(const std::string& path);

}  // namespace likeness::fit
