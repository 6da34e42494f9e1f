#pragma once
#include <opencv2/videoio.hpp>

#include "engine/io/video_source.hpp"

namespace likeness::io {

/// A video file decoded by OpenCV's FFmpeg backend. Copes with containers whose frame count or
/// fps is missing or wrong: fps falls back to the frame timestamps, the count can be measured.
class VideoFileSource final : public VideoSource {
  public:
    /// container_recognised: the file's first bytes name a video container, so a decoder failure
    /// means "corrupt" rather than "not a video".
    VideoFileSource(const std::string& path, bool container_recognised);

    bool read(Frame& frame) override;
    void seek(int64_t index) override;
    int64_t position() const override { return position_; }
    int64_t count_frames(const core::Progress& progress) override;

  private:
    void open_capture(cv::VideoCapture& capture) const;
    bool decode_next(cv::Mat& bgr);
    void fail_truncated();

    cv::VideoCapture capture_;
    cv::Mat pending_bgr_;   ///< frame `position_`, already decoded (after open)
    int64_t position_ = 0;  ///< index of the frame the next read() returns
    bool failed_ = false;   ///< the stream broke; further reads return false
};

}  // namespace likeness::io
