#include "engine/io/video_source.hpp"

#include <cctype>
#include <filesystem>
#include <fstream>

#include "engine/io/file_signature.hpp"
#include "engine/io/image_sequence_source.hpp"
#include "engine/io/video_file_source.hpp"
#include "engine/io/webcam_source.hpp"

namespace likeness::io {
namespace fs = std::filesystem;

const char* to_string(SourceKind kind) {
    switch (kind) {
        case SourceKind::VideoFile:
            return "video";
        case SourceKind::Image:
            return "image";
        case SourceKind::ImageFolder:
            return "image-folder";
        case SourceKind::Webcam:
            return "webcam";
    }
    return "unknown";
}

namespace {

bool is_all_digits(const std::string& s) {
    if (s.empty() || s.size() > 3) return false;
    for (char c : s)
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    return true;
}

}  // namespace

std::unique_ptr<VideoSource> VideoSource::open(const std::string& input) {
    if (input.rfind("camera:", 0) == 0) {
        const std::string index = input.substr(7);
        if (!is_all_digits(index))
            throw VideoError(VideoError::Kind::NoCamera,
                             "'" + input + "': a camera is named camera:N with N = 0, 1, ...");
        return std::make_unique<WebcamSource>(std::stoi(index));
    }
    std::error_code ec;
    const fs::file_status status = fs::status(input, ec);
    if (!fs::exists(status)) {
        if (is_all_digits(input)) return std::make_unique<WebcamSource>(std::stoi(input));
        throw VideoError(VideoError::Kind::Missing, "'" + input + "' does not exist");
    }
    if (fs::is_directory(status)) return ImageSequenceSource::open_folder(input);
    if (!fs::is_regular_file(status))
        throw VideoError(VideoError::Kind::Unreadable,
                         "'" + input + "' is not a regular file or folder");
    if (!std::ifstream(input, std::ios::binary).good())
        throw VideoError(VideoError::Kind::Unreadable,
                         "'" + input + "' cannot be read (check its permissions)");
    if (fs::file_size(input, ec) == 0)
        throw VideoError(VideoError::Kind::Empty, "'" + input + "' is an empty file (0 bytes)");

    switch (file_signature(input)) {
        case FileSignature::Image:
            return ImageSequenceSource::open_image(input);
        case FileSignature::VideoContainer:
            return std::make_unique<VideoFileSource>(input, /*container_recognised=*/true);
        case FileSignature::Unknown:
            break;
    }
    // Containers we do not know by their first bytes may still be decodable by FFmpeg.
    return std::make_unique<VideoFileSource>(input, /*container_recognised=*/false);
}

}  // namespace likeness::io
