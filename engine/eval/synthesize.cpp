#include "engine/eval/synthesize.hpp"

#include <chrono>
#include <filesystem>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>
#include <stdexcept>

#include "engine/eval/truth_landmarks.hpp"
#include "engine/io/export_error.hpp"
#include "engine/track/landmarks_json_writer.hpp"

namespace likeness::eval {
namespace {

enum Stream : std::uint64_t { kBackground = 20, kNoise = 21 };

bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() &&
           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

SynthResult synthesize(const std::string& folder, const SynthOptions& o, const SynthAssets& assets,
                       const core::Progress& progress) {
    std::string why;
    if (!o.sequence.is_valid(&why)) throw std::invalid_argument("sequence options: " + why);
    if (o.identity == IdentitySource::Ict && !assets.ict)
        throw std::invalid_argument(
            "an ICT identity needs ICT-FaceKit (give its folder; it holds " +
            std::string(kIctIdentityArchive) + ")");
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec) throw io::ExportError("cannot create the folder '" + folder + "': " + ec.message());

    SynthResult out;
    out.folder = folder;
    progress.report(0.0, "making the subject");
    SubjectOptions so = o.subject;
    so.seed = o.seed;
    so.identity = o.identity;
    so.ict = assets.ict ? &*assets.ict : nullptr;
    so.photos = &assets.albedos;
    out.subject = make_subject(assets.rig, so);
    out.sequence = plan_sequence(out.subject, o.sequence, o.seed);

    const core::Camera& camera = out.sequence.camera;
    const cv::Size size(camera.width, camera.height);
    Rng background_rng = Rng(o.seed).fork(kBackground);
    const cv::Mat background =
        o.background == BackgroundKind::Photo && !assets.background_photos.empty()
            ? photo_collage(assets.background_photos, size, background_rng, assets.background_faces)
            : noise_background(size, background_rng);
    SequenceRenderer renderer(out.subject, assets.rig, background, camera, o.style,
                              Rng(o.seed).fork(kNoise).next());

    out.video_path = folder + "/" + o.video_file;
    const bool mp4 = ends_with(o.video_file, ".mp4");
    cv::VideoWriter writer;
    writer.open(out.video_path, cv::CAP_FFMPEG,
                mp4 ? cv::VideoWriter::fourcc('m', 'p', '4', 'v')
                    : cv::VideoWriter::fourcc('M', 'J', 'P', 'G'),
                o.sequence.fps, size);
    if (!writer.isOpened())
        throw io::ExportError("cannot write the video '" + out.video_path +
                              "' (this OpenCV build lacks the FFmpeg writer for it; try .avi)");
    writer.set(cv::VIDEOWRITER_PROP_QUALITY, 95);

    std::unique_ptr<track::LandmarksJsonWriter> landmarks;
    if (o.landmarks_json)
        landmarks = std::make_unique<track::LandmarksJsonWriter>(
            folder + "/landmarks.json", o.video_file, camera.width, camera.height, o.sequence.fps);
    track::TrackerStats stats;
    Rng exact(0);
    cv::Mat bgr;
    const int n = static_cast<int>(out.sequence.frames.size());
    for (int f = 0; f < n; ++f) {
        progress.check();
        const GroundTruthFrame& g = out.sequence.frames[static_cast<size_t>(f)];
        const auto start = std::chrono::steady_clock::now();
        const cv::Mat rgb = renderer.render(g);
        out.render_ms.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count());
        cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
        writer.write(bgr);
        if (o.keep_frames) out.frames.push_back(rgb);
        if (landmarks) {
            track::TrackedFrame t;
            t.index = f;
            t.time_s = f / o.sequence.fps;
            t.face = truth_landmarks(g, camera, 0.f, exact);
            landmarks->add(t);
            ++stats.frames;
            ++stats.frames_with_face;
        }
        progress.report(static_cast<double>(f + 1) / n, "rendering frames");
    }
    writer.release();
    if (landmarks) landmarks->finish(stats);
    write_ground_truth(folder, out.subject, out.sequence, assets.rig, o.video_file);
    return out;
}

}  // namespace likeness::eval
