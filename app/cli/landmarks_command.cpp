// likeness landmarks INPUT [--max-frames N] [--every K] [--json OUT] [--overlay OUT]
//                          [--face N] [--smooth]
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include "app/cli/args.hpp"
#include "app/cli/commands.hpp"
#include "app/cli/progress_bar.hpp"
#include "engine/io/model_paths.hpp"
#include "engine/io/video_source.hpp"
#include "engine/nn/model_error.hpp"
#include "engine/track/draw_landmarks.hpp"
#include "engine/track/face_tracker.hpp"
#include "engine/track/landmarks_json_writer.hpp"

namespace likeness::cli {
namespace {

const char* const kUsageLine =
    "Usage: likeness landmarks INPUT [--max-frames N] [--every K] [--json OUT] [--overlay OUT]\n"
    "                          [--face N] [--smooth]\n";

/// Writes overlay frames: one PNG for a still image, a video otherwise.
class OverlayWriter {
  public:
    OverlayWriter(const std::string& path, bool still, double fps, cv::Size size)
        : path_(path), still_(still) {
        if (still_) return;
        const std::string ext = std::filesystem::path(path).extension().string();
        const int fourcc = (ext == ".avi" || ext == ".AVI")
                               ? cv::VideoWriter::fourcc('M', 'J', 'P', 'G')
                               : cv::VideoWriter::fourcc('m', 'p', '4', 'v');
        writer_.open(path, cv::CAP_FFMPEG, fourcc, fps, size);
        if (!writer_.isOpened())
            throw std::runtime_error("cannot write the overlay video '" + path +
                                     "' (use .mp4 or .avi)");
    }
    void add(const cv::Mat& rgb) {
        cv::Mat bgr;
        cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
        if (still_) {
            if (!cv::imwrite(path_, bgr))
                throw std::runtime_error("cannot write the overlay image '" + path_ + "'");
        } else {
            writer_.write(bgr);
        }
    }

  private:
    std::string path_;
    bool still_;
    cv::VideoWriter writer_;
};

}  // namespace

int run_landmarks(const std::vector<std::string>& argv) {
    std::unique_ptr<io::VideoSource> source;
    std::unique_ptr<nn::FaceLandmarker> landmarker;
    track::FaceTrackerOptions options;
    long long max_frames = 0, every = 1;
    std::optional<std::string> json_path, overlay_path;
    try {
        const Args args(
            argv,
            ArgSpec{
                {"--smooth"}, {"--max-frames", "--every", "--json", "--overlay", "--face"}, 1, 1});
        max_frames = args.integer("--max-frames", 1, 1LL << 40).value_or(0);
        every = args.integer("--every", 1, 1 << 20).value_or(1);
        options.face_index = static_cast<int>(args.integer("--face", 0, 1000).value_or(-1));
        options.smooth = args.flag("--smooth");
        json_path = args.value("--json");
        overlay_path = args.value("--overlay");
        source = io::VideoSource::open(args.positional()[0]);
        landmarker = std::make_unique<nn::FaceLandmarker>(io::find_models());
    } catch (const UsageError& e) {
        std::fprintf(stderr, "likeness landmarks: %s\n%s", e.what(), kUsageLine);
        return kUsage;
    } catch (const io::VideoError& e) {
        std::fprintf(stderr, "likeness landmarks: %s\n", e.what());
        return kBadInput;
    } catch (const io::ModelsNotFound& e) {
        std::fprintf(stderr, "likeness landmarks: %s\n", e.what());
        return kBadInput;
    } catch (const nn::ModelError& e) {
        std::fprintf(stderr, "likeness landmarks: a model file is damaged: %s\n", e.what());
        return kBadInput;
    }

    const io::VideoInfo info = source->info();
    const bool still = info.kind == io::SourceKind::Image;
    const double out_fps = info.fps / static_cast<double>(every);
    std::unique_ptr<track::LandmarksJsonWriter> json;
    std::unique_ptr<OverlayWriter> overlay;
    try {
        if (json_path)
            json = std::make_unique<track::LandmarksJsonWriter>(*json_path, info.path, info.width,
                                                                info.height, out_fps);
        if (overlay_path)
            overlay = std::make_unique<OverlayWriter>(*overlay_path, still, out_fps,
                                                      cv::Size(info.width, info.height));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "likeness landmarks: %s\n", e.what());
        return kBadInput;
    }

    track::FaceTracker tracker(*landmarker, options);
    int64_t planned = info.frame_count > 0 ? (info.frame_count + every - 1) / every : 0;
    if (max_frames > 0 && (planned == 0 || planned > max_frames)) planned = max_frames;
    ProgressBar bar;
    io::Frame frame;
    int64_t processed = 0;
    std::string stream_error;
    const auto start = std::chrono::steady_clock::now();
    try {
        while ((max_frames == 0 || processed < max_frames) && source->read(frame)) {
            const track::TrackedFrame tracked = tracker.track(frame.rgb, frame.index, frame.time_s);
            if (json) json->add(tracked);
            if (overlay) {
                if (tracked.face)
                    track::draw_landmarks(frame.rgb, *tracked.face);
                else
                    track::draw_no_face(frame.rgb);
                overlay->add(frame.rgb);
            }
            ++processed;
            if (planned > 0) bar.update(static_cast<double>(processed) / planned, "landmarks");
            if (every > 1) {
                const int64_t next = frame.index + every;
                if (info.frame_count_exact && next >= info.frame_count) break;
                source->seek(next);
            }
        }
    } catch (const io::VideoError& e) {
        stream_error = e.what();  // keep what was tracked so far, then report
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const track::TrackerStats& stats = tracker.stats();
    try {
        if (json) json->finish(stats);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "likeness landmarks: %s\n", e.what());
        return kBadInput;
    }
    std::fprintf(
        stderr,
        "%lld frames, %lld with a face, %lld detections (%lld re-detections), "
        "%.1f ms per frame\n",
        static_cast<long long>(stats.frames), static_cast<long long>(stats.frames_with_face),
        static_cast<long long>(stats.detections), static_cast<long long>(stats.redetections),
        processed > 0 ? 1000.0 * seconds / processed : 0.0);
    if (stats.frames > 0 && stats.frames_with_face == 0)
        std::fprintf(stderr, "likeness landmarks: warning: no face found in %s\n",
                     info.path.c_str());
    if (!stream_error.empty()) {
        std::fprintf(stderr, "likeness landmarks: %s\n", stream_error.c_str());
        return kBadInput;
    }
    return kOk;
}

}  // namespace likeness::cli
