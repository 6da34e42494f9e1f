#include "app/cli/overlay_frames.hpp"

#include <cstdio>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <sstream>
#include <stdexcept>

#include "app/cli/args.hpp"
#include "engine/fit/session.hpp"
#include "engine/fit/session_overlay.hpp"
#include "engine/io/export_error.hpp"
#include "engine/io/video_source.hpp"

namespace likeness::cli {

std::vector<int64_t> frame_list(const std::string& text) {
    std::vector<int64_t> frames;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        try {
            size_t used = 0;
            const long long v = std::stoll(item, &used);
            if (used != item.size() || v < 0) throw std::invalid_argument(item);
            frames.push_back(v);
        } catch (const std::exception&) {
            throw UsageError("--overlay-frames: '" + item + "' is not a frame number");
        }
    }
    if (frames.empty()) throw UsageError("--overlay-frames needs at least one frame number");
    return frames;
}

void write_overlays(const fit::Session& session, const std::string& prefix,
                    std::vector<int64_t> frames) {
    const int64_t n = session.take.frame_count();
    if (frames.empty()) frames = {n / 6, n / 2, 5 * n / 6};
    auto video = io::VideoSource::open(session.input);
    for (int64_t f : frames) {
        if (f >= n) {
            std::fprintf(stderr, "overlay: frame %lld is past the take's %lld frames\n",
                         static_cast<long long>(f), static_cast<long long>(n));
            continue;
        }
        video->seek(f);
        io::Frame frame;
        if (!video->read(frame)) continue;
        cv::Mat bgr;
        cv::cvtColor(fit::session_overlay(session, f, frame.rgb), bgr, cv::COLOR_RGB2BGR);
        char name[32];
        std::snprintf(name, sizeof name, "-%04lld.jpg", static_cast<long long>(f));
        const std::string path = prefix + name;
        if (!cv::imwrite(path, bgr, {cv::IMWRITE_JPEG_QUALITY, 85}))
            throw io::ExportError("could not write the overlay " + path);
        std::printf("wrote %s\n", path.c_str());
    }
}

}  // namespace likeness::cli
