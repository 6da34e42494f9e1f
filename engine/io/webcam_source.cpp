#include "engine/io/webcam_source.hpp"

#include <cmath>

#include "engine/io/to_rgb8.hpp"

namespace likeness::io {

WebcamSource::WebcamSource(int index) {
    info_.kind = SourceKind::Webcam;
    info_.path = "camera:" + std::to_string(index);
    if (!capture_.open(index) || !capture_.isOpened())
        throw VideoError(VideoError::Kind::NoCamera, "camera " + std::to_string(index) +
                                                         " cannot be opened (is it connected "
                                                         "and not in use by another program?)");
    info_.width = static_cast<int>(capture_.get(cv::CAP_PROP_FRAME_WIDTH));
    info_.height = static_cast<int>(capture_.get(cv::CAP_PROP_FRAME_HEIGHT));
    const double fps = capture_.get(cv::CAP_PROP_FPS);
    info_.fps_known = std::isfinite(fps) && fps >= 1.0 && fps <= 1000.0;
    info_.fps = info_.fps_known ? fps : 30.0;
}

bool WebcamSource::read(Frame& frame) {
    cv::Mat bgr;
    if (!capture_.read(bgr) || bgr.empty()) return false;
    frame.rgb = to_rgb8(bgr);
    frame.index = position_++;
    frame.time_s = static_cast<double>(frame.index) / info_.fps;
    return true;
}

void WebcamSource::seek(int64_t) {
    throw VideoError(VideoError::Kind::BadSeek, info_.path + " is live and cannot seek");
}

}  // namespace likeness::io
