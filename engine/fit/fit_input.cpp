#include "engine/fit/fit_input.hpp"

#include "engine/io/video_source.hpp"
#include "engine/nn/face_landmarker.hpp"
#include "engine/track/face_tracker.hpp"

namespace likeness::fit {
namespace {

Landmarks2d to_2d(const std::optional<nn::FrameLandmarks>& face) {
    if (!face) return std::nullopt;
    core::MatrixX2fR p(face->mesh.rows(), 2);
    for (Eigen::Index i = 0; i < face->mesh.rows(); ++i)
        p.row(i) << face->mesh(i, 0), face->mesh(i, 1);
    return p;
}

class MemoryInput : public FitInput {
  public:
    MemoryInput(const std::vector<cv::Mat>& frames, const std::vector<Landmarks2d>& landmarks,
                double fps)
        : frames_(frames), landmarks_(landmarks), fps_(fps) {}
    int width() const override { return frames_.empty() ? 0 : frames_[0].cols; }
    int height() const override { return frames_.empty() ? 0 : frames_[0].rows; }
    double fps() const override { return fps_; }
    int64_t frame_count() const override { return static_cast<int64_t>(frames_.size()); }
    void scan(const std::function<void(int64_t, const Landmarks2d&)>& each,
              const core::Progress& progress) override {
        for (size_t i = 0; i < frames_.size(); ++i) {
            progress.check();
            each(static_cast<int64_t>(i), landmarks_[i]);
        }
    }
    cv::Mat frame(int64_t index) override { return frames_[static_cast<size_t>(index)]; }
    Landmarks2d landmarks(int64_t index) override { return landmarks_[static_cast<size_t>(index)]; }
    void stream(const std::function<void(int64_t, const cv::Mat&, const Landmarks2d&)>& each,
                const core::Progress& progress) override {
        for (size_t i = 0; i < frames_.size(); ++i) {
            progress.check();
            each(static_cast<int64_t>(i), frames_[i], landmarks_[i]);
        }
    }

  private:
    const std::vector<cv::Mat>& frames_;
    const std::vector<Landmarks2d>& landmarks_;
    double fps_;
};

class VideoInput : public FitInput {
  public:
    VideoInput(const std::string& path, nn::FaceLandmarker& landmarker, const FitInputOptions& o)
        : source_(io::VideoSource::open(path)), landmarker_(landmarker), options_(o) {
        tracker_options_.face_index = o.face_index;
    }
    int width() const override { return source_->info().width; }
    int height() const override { return source_->info().height; }
    double fps() const override { return source_->info().fps; }
    int64_t frame_count() const override { return count_; }

    void scan(const std::function<void(int64_t, const Landmarks2d&)>& each,
              const core::Progress& progress) override {
        source_->seek(0);
        track::FaceTracker tracker(landmarker_, tracker_options_);
        io::Frame f;
        const size_t per_frame = sizeof(float) * 2 * 468 + 64;
        const int64_t expected = source_->info().frame_count;
        count_ = 0;
        cache_.clear();
        caching_ = true;
        while (options_.max_frames < 0 || count_ < options_.max_frames) {
            progress.check();
            if (!source_->read(f)) break;
            const Landmarks2d lm = to_2d(tracker.track(f.rgb, f.index, f.time_s).face);
            if (caching_ && (cache_.size() + 1) * per_frame > options_.landmark_cache_bytes) {
                caching_ = false;
                cache_.clear();
                cache_.shrink_to_fit();
            }
            if (caching_) cache_.push_back(lm);
            each(count_, lm);
            ++count_;
            if (expected > 0 && count_ % 8 == 0)
                progress.report(std::min(1.0, static_cast<double>(count_) / expected), "landmarks");
        }
    }

    cv::Mat frame(int64_t index) override {
        source_->seek(index);
        io::Frame f;
        if (!source_->read(f)) return cv::Mat();
        return f.rgb;
    }

    Landmarks2d landmarks(int64_t index) override {
        if (caching_ && index < static_cast<int64_t>(cache_.size()))
            return cache_[static_cast<size_t>(index)];
        const cv::Mat rgb = frame(index);
        if (rgb.empty()) return std::nullopt;
        track::FaceTracker tracker(landmarker_, tracker_options_);  // a fresh detection
        return to_2d(tracker.track(rgb, index, 0.0).face);
    }

    void stream(const std::function<void(int64_t, const cv::Mat&, const Landmarks2d&)>& each,
                const core::Progress& progress) override {
        source_->seek(0);
        track::FaceTracker tracker(landmarker_, tracker_options_);
        io::Frame f;
        for (int64_t i = 0; i < count_; ++i) {
            progress.check();
            if (!source_->read(f)) break;
            if (caching_ && i < static_cast<int64_t>(cache_.size()))
                each(i, f.rgb, cache_[static_cast<size_t>(i)]);
            else
                each(i, f.rgb, to_2d(tracker.track(f.rgb, f.index, f.time_s).face));
        }
    }

  private:
    std::unique_ptr<io::VideoSource> source_;
    nn::FaceLandmarker& landmarker_;
    FitInputOptions options_;
    track::FaceTrackerOptions tracker_options_;
    std::vector<Landmarks2d> cache_;
    bool caching_ = true;
    int64_t count_ = 0;
};

}  // namespace

std::unique_ptr<FitInput> open_video_input(const std::string& path, nn::FaceLandmarker& landmarker,
                                           const FitInputOptions& options) {
    return std::make_unique<VideoInput>(path, landmarker, options);
}

std::unique_ptr<FitInput> memory_input(const std::vector<cv::Mat>& frames,
                                       const std::vector<Landmarks2d>& landmarks, double fps) {
    return std::make_unique<MemoryInput>(frames, landmarks, fps);
}

}  // namespace likeness::fit
