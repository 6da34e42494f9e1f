#pragma once
#include <vector>

#include "engine/io/video_source.hpp"

namespace likeness::io {

/// A single image, or the images of a folder in natural order (frame2 before frame10), read one
/// at a time. Any bit depth or channel count OpenCV decodes comes out as 8-bit RGB.
class ImageSequenceSource final : public VideoSource {
  public:
    /// Frame rate reported for image folders, which carry none.
    static constexpr double kDefaultFps = 25.0;

    static std::unique_ptr<ImageSequenceSource> open_image(const std::string& path);
    static std::unique_ptr<ImageSequenceSource> open_folder(const std::string& folder);

    bool read(Frame& frame) override;
    void seek(int64_t index) override;
    int64_t position() const override { return position_; }
    int64_t count_frames(const core::Progress&) override { return info_.frame_count; }

  private:
    ImageSequenceSource(SourceKind kind, std::string path, std::vector<std::string> files);
    cv::Mat decode(size_t i) const;

    std::vector<std::string> files_;
    int64_t position_ = 0;
    cv::Mat first_;  ///< frame 0, decoded while opening to validate and measure the sequence
};

}  // namespace likeness::io
