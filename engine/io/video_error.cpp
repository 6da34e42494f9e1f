#include "engine/io/video_error.hpp"

namespace likeness::io {

const char* to_string(VideoError::Kind kind) {
    switch (kind) {
        case VideoError::Kind::Missing:
            return "missing";
        case VideoError::Kind::Unreadable:
            return "unreadable";
        case VideoError::Kind::Empty:
            return "empty";
        case VideoError::Kind::NotVideo:
            return "not-video";
        case VideoError::Kind::Corrupt:
            return "corrupt";
        case VideoError::Kind::Truncated:
            return "truncated";
        case VideoError::Kind::TooLarge:
            return "too-large";
        case VideoError::Kind::NoCamera:
            return "no-camera";
        case VideoError::Kind::BadSeek:
            return "bad-seek";
    }
    return "unknown";
}

}  // namespace likeness::io
