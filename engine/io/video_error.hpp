#pragma once
// Errors a user can act on when opening or reading a video, image or image folder.
#include <stdexcept>
#include <string>

namespace likeness::io {

class VideoError : public std::runtime_error {
  public:
    enum class Kind {
        Missing,     ///< the path does not exist
        Unreadable,  ///< exists but cannot be read (permissions, a folder with no images, ...)
        Empty,       ///< a zero-byte file, or a container with no frames
        NotVideo,    ///< readable, but neither a video container nor an image we can decode
        Corrupt,     ///< looks like a video/image but cannot be decoded
        Truncated,   ///< decoding stopped before the end the container declares
        TooLarge,    ///< frame dimensions beyond what Likeness processes
        NoCamera,    ///< a webcam index that does not open
        BadSeek,     ///< seek outside [0, frame count)
    };

    VideoError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
    Kind kind() const { return kind_; }

  private:
    Kind kind_;
};

/// Short stable name of an error kind ("missing", "corrupt", ...), for JSON and logs.
const char* to_string(VideoError::Kind kind);

}  // namespace likeness::io
