#pragma once
#include <opencv2/videoio.hpp>

#include "engine/io/video_source.hpp"

namespace likeness::io {

/// A live camera (V4L2 on Linux). Endless: frame_count is -1 and seek() is refused.
class WebcamSource final : public VideoSource {
  public:
    explicit WebcamSource(int index);

    bool read(Frame& frame) override;
    void seek(int64_t index) override;
    int64_t position() const override { return position_; }
    int64_t count_frames(const core::Progress&) override { return -1; }

  private:
    cv::VideoCapture capture_;
    int64_t position_ = 0;
};

}  // namespace likeness::io
