#include "engine/io/video_file_source.hpp"

#include <algorithm>
#include <cmath>

#include "engine/io/to_rgb8.hpp"

namespace likeness::io {
namespace {

// Fps used when neither the container nor the timestamps give a plausible one.
constexpr double kDefaultFps = 30.0;
// Seeks within this many frames ahead decode forward instead of asking the demuxer to seek.
constexpr int64_t kForwardSeekFrames = 48;

std::string fourcc_string(double fourcc_value) {
    const auto code = static_cast<uint32_t>(fourcc_value);
    std::string s;
    for (int i = 0; i < 4; ++i) {
        const char c = static_cast<char>((code >> (8 * i)) & 0xFF);
        if (c >= 32 && c < 127) s += c;
    }
    while (!s.empty() && s.back() == ' ')
        s.pop_back();
    return s;
}

bool plausible_fps(double fps) {
    return std::isfinite(fps) && fps >= 1.0 && fps <= 1000.0;
}

void check_frame_size(const std::string& path, const cv::Mat& frame) {
    if (frame.cols > kMaxFrameSide || frame.rows > kMaxFrameSide)
        throw VideoError(VideoError::Kind::TooLarge,
                         "'" + path + "' has " + std::to_string(frame.cols) + "x" +
                             std::to_string(frame.rows) + " frames; Likeness handles at most " +
                             std::to_string(kMaxFrameSide) + " px per side");
}

}  // namespace

VideoFileSource::VideoFileSource(const std::string& path, bool container_recognised) {
    info_.kind = SourceKind::VideoFile;
    info_.path = path;
    open_capture(capture_);
    if (!capture_.isOpened()) {
        if (container_recognised)
            throw VideoError(VideoError::Kind::Corrupt,
                             "'" + path +
                                 "' looks like a video container but cannot be opened: the file "
                                 "is damaged or incomplete");
        throw VideoError(VideoError::Kind::NotVideo,
                         "'" + path + "' is not a video or image format Likeness can read");
    }
    const double declared = capture_.get(cv::CAP_PROP_FRAME_COUNT);
    info_.frame_count = (std::isfinite(declared) && declared >= 1) ? std::llround(declared) : -1;
    info_.declared_frame_count = info_.frame_count;
    info_.codec = fourcc_string(capture_.get(cv::CAP_PROP_FOURCC));

    // The first frame proves the stream decodes and gives the true size.
    if (!decode_next(pending_bgr_)) {
        if (info_.frame_count <= 0)
            throw VideoError(VideoError::Kind::Empty, "'" + path + "' contains no video frames");
        throw VideoError(VideoError::Kind::Corrupt,
                         "'" + path + "' declares " + std::to_string(info_.frame_count) +
                             " frames but none can be decoded: the file is damaged");
    }
    check_frame_size(path, pending_bgr_);
    info_.width = pending_bgr_.cols;
    info_.height = pending_bgr_.rows;

    const double fps = capture_.get(cv::CAP_PROP_FPS);
    if (plausible_fps(fps)) {
        info_.fps = fps;
        info_.fps_known = true;
    } else {
        // Estimate from the second frame's timestamp, on a separate capture.
        cv::VideoCapture probe;
        open_capture(probe);
        cv::Mat scratch;
        double t1_ms = 0.0;
        if (probe.grab() && probe.grab()) t1_ms = probe.get(cv::CAP_PROP_POS_MSEC);
        info_.fps = (t1_ms > 0.0 && plausible_fps(1000.0 / t1_ms)) ? 1000.0 / t1_ms : kDefaultFps;
        info_.fps_known = false;
    }
}

void VideoFileSource::open_capture(cv::VideoCapture& capture) const {
    capture.open(info_.path, cv::CAP_FFMPEG);
}

bool VideoFileSource::decode_next(cv::Mat& bgr) {
    return capture_.grab() && capture_.retrieve(bgr) && !bgr.empty();
}

void VideoFileSource::fail_truncated() {
    failed_ = true;
    throw VideoError(VideoError::Kind::Truncated,
                     "'" + info_.path + "' stops decoding at frame " + std::to_string(position_) +
                         " but declares " + std::to_string(info_.frame_count) +
                         " frames: the file is truncated or damaged (the " +
                         std::to_string(position_) + " frames before are good)");
}

bool VideoFileSource::read(Frame& frame) {
    if (failed_) return false;
    cv::Mat bgr;
    if (!pending_bgr_.empty()) {
        bgr = pending_bgr_;
        pending_bgr_.release();
    } else if (!decode_next(bgr)) {
        // Containers round their declared counts: only a clear shortfall means damage.
        const int64_t slack = std::max<int64_t>(2, info_.frame_count / 100);
        if (!info_.frame_count_exact && info_.frame_count > 0 &&
            position_ + slack < info_.frame_count)
            fail_truncated();
        if (!info_.frame_count_exact) {
            info_.frame_count = position_;  // now we know
            info_.frame_count_exact = true;
        }
        return false;
    }
    check_frame_size(info_.path, bgr);
    frame.rgb = to_rgb8(bgr);
    frame.index = position_;
    frame.time_s = static_cast<double>(position_) / info_.fps;
    ++position_;
    return true;
}

void VideoFileSource::seek(int64_t index) {
    if (index < 0 || (info_.frame_count_exact && index >= info_.frame_count))
        throw VideoError(VideoError::Kind::BadSeek,
                         "frame " + std::to_string(index) + " is outside '" + info_.path + "'");
    if (index == position_) return;
    failed_ = false;
    if (index > position_ && index - position_ <= kForwardSeekFrames) {
        pending_bgr_.release();
        while (position_ < index) {
            if (!capture_.grab()) {
                position_ = index;
                return;  // read() will report the end
            }
            ++position_;
        }
        return;
    }
    pending_bgr_.release();
    // OpenCV's FFmpeg backend seeks to the previous key frame and decodes forward to `index`;
    // when the demuxer cannot seek, start again from the beginning.
    if (!capture_.set(cv::CAP_PROP_POS_FRAMES, static_cast<double>(index)) ||
        std::llround(capture_.get(cv::CAP_PROP_POS_FRAMES)) != index) {
        capture_.release();
        open_capture(capture_);
        for (position_ = 0; position_ < index && capture_.grab(); ++position_) {
        }
    }
    position_ = index;
}

int64_t VideoFileSource::count_frames(const core::Progress& progress) {
    if (info_.frame_count_exact) return info_.frame_count;
    cv::VideoCapture counter;
    open_capture(counter);
    int64_t n = 0;
    const double expected = info_.frame_count > 0 ? static_cast<double>(info_.frame_count) : 0.0;
    while (counter.grab()) {
        ++n;
        if ((n & 31) == 0) {
            progress.check();
            if (expected > 0) progress.report(std::min(1.0, n / expected), "counting frames");
        }
    }
    info_.frame_count = n;
    info_.frame_count_exact = true;
    progress.report(1.0, "counting frames");
    return n;
}

}  // namespace likeness::io
