#pragma once
// What a file claims to be, judged from its first bytes (not its name): lets VideoSource tell
// "not a video" from "a video that is corrupt".
#include <string>

namespace likeness::io {

enum class FileSignature {
    Unknown,
    VideoContainer,  ///< ISO-BMFF (mp4/mov/m4v/3gp), Matroska/WebM, RIFF AVI, MPEG-PS/TS, FLV, Ogg
    Image,           ///< PNG, JPEG, BMP, TIFF, WebP, PNM, OpenEXR
};

/// Reads at most the first 192 bytes of `path`. Returns Unknown for unreadable or short files.
FileSignature file_signature(const std::string& path);

}  // namespace likeness::io
