#pragma once
// VideoSource: one interface over video files, a single image, a folder of images and webcams.
// Frames are streamed (a whole video is never held in memory) and come out as 8-bit RGB.
#include <cstdint>
#include <memory>
#include <string>

#include "engine/core/progress.hpp"
#include "engine/io/frame.hpp"
#include "engine/io/video_error.hpp"

namespace likeness::io {

enum class SourceKind { VideoFile, Image, ImageFolder, Webcam };
const char* to_string(SourceKind kind);

struct VideoInfo {
    SourceKind kind = SourceKind::VideoFile;
    std::string path;                ///< as given by the caller (webcam: "camera:N")
    int width = 0;                   ///< px, of the first frame
    int height = 0;                  ///< px, of the first frame
    double fps = 0.0;                ///< always > 0: measured or a default when the container lies
    bool fps_known = false;          ///< false when fps is a default or estimated from timestamps
    int64_t frame_count = -1;        ///< -1 when unknown (webcam, or container says nothing)
    bool frame_count_exact = false;  ///< true once counted (count_frames) or for image inputs
    int64_t declared_frame_count = -1;  ///< what the container's header says (-1: nothing)
    std::string codec;                  ///< FourCC of the video stream, image format, or ""

    double duration_s() const { return frame_count > 0 ? frame_count / fps : 0.0; }
};

/// Frames larger than this on either side are refused with VideoError::Kind::TooLarge.
constexpr int kMaxFrameSide = 16384;

class VideoSource {
  public:
    /// Opens a video file (mp4/mov/avi/mkv/... via OpenCV's FFmpeg backend), an image, a folder
    /// of images (natural sort order) or a webcam ("camera:N", or a bare index "N" when no such
    /// file exists). Throws VideoError with a distinct Kind for missing, unreadable, empty,
    /// not-a-video, corrupt and too-large inputs.
    static std::unique_ptr<VideoSource> open(const std::string& input);

    virtual ~VideoSource() = default;

    const VideoInfo& info() const { return info_; }

    /// Decodes the next frame into `frame`. Returns false at the end of the stream. Throws
    /// VideoError (Truncated/Corrupt) when the stream breaks before its declared end; the
    /// frames returned before that are good.
    virtual bool read(Frame& frame) = 0;

    /// Positions the source so that the next read() returns frame `index`.
    /// Throws VideoError::Kind::BadSeek for a negative index or one past a known end, and for
    /// sources that cannot seek (webcams).
    virtual void seek(int64_t index) = 0;

    /// Index of the frame the next read() returns.
    virtual int64_t position() const = 0;

    /// Counts the frames by decoding through the stream (containers' counts can be wrong),
    /// then sets info().frame_count exactly. Does not move the read position. Cancellable.
    virtual int64_t count_frames(const core::Progress& progress = {}) = 0;

  protected:
    VideoInfo info_;
};

}  // namespace likeness::io
