#include "engine/track/face_tracker.hpp"

#include <algorithm>
#include <string>

namespace likeness::track {

bool FaceTrackerOptions::is_valid(std::string* error) const {
    auto fail = [error](const char* why) {
        if (error) *error = why;
        return false;
    };
    if (!(min_face_flag >= 0.f && min_face_flag <= 1.f))
        return fail("min_face_flag must be in [0, 1]");
    if (!(min_box_inside > 0.0 && min_box_inside <= 1.0))
        return fail("min_box_inside must be in (0, 1]");
    if (!(smoothing.min_cutoff_hz > 0.0 && smoothing.derivative_cutoff_hz > 0.0 &&
          smoothing.beta >= 0.0))
        return fail("smoothing cutoffs must be > 0 and beta >= 0");
    return true;
}

double box_inside_fraction(const nn::Box& box, int width, int height) {
    const double area = box.width() * box.height();
    if (!(area > 0.0)) return 0.0;
    const double w = std::max(0.0, std::min(box.x1, double(width)) - std::max(box.x0, 0.0));
    const double h = std::max(0.0, std::min(box.y1, double(height)) - std::max(box.y0, 0.0));
    return w * h / area;
}

FaceTracker::FaceTracker(nn::FaceLandmarker& landmarker, const FaceTrackerOptions& options)
    : landmarker_(landmarker), options_(options), filter_(options.smoothing) {
    std::string error;
    if (!options_.is_valid(&error)) throw std::invalid_argument("FaceTrackerOptions: " + error);
}

void FaceTracker::reset() {
    previous_.reset();
    filter_.reset();
}

std::optional<nn::FrameLandmarks> FaceTracker::detect(const cv::Mat& rgb) {
    ++stats_.detections;
    if (previous_) ++stats_.redetections;
    const std::vector<nn::FaceDetection> faces = landmarker_.detect(rgb);
    if (faces.empty()) return std::nullopt;
    std::size_t pick = 0;
    if (options_.face_index < 0) {
        pick = nn::largest_face(faces);
    } else if (static_cast<std::size_t>(options_.face_index) < faces.size()) {
        pick = static_cast<std::size_t>(options_.face_index);
    } else {
        return std::nullopt;  // fewer faces than the index asks for
    }
    nn::FrameLandmarks found = landmarker_.landmarks(rgb, faces[pick]);
    if (found.face_flag < options_.min_face_flag) return std::nullopt;
    return found;
}

TrackedFrame FaceTracker::track(const cv::Mat& rgb, int64_t index, double time_s) {
    TrackedFrame out;
    out.index = index;
    out.time_s = time_s;
    ++stats_.frames;

    std::optional<nn::FrameLandmarks> found;
    if (previous_) {
        const nn::Box box = nn::next_crop_box(*previous_);
        if (box_inside_fraction(box, rgb.cols, rgb.rows) >= options_.min_box_inside) {
            nn::FrameLandmarks followed = landmarker_.landmarks(rgb, box);
            if (followed.face_flag >= options_.min_face_flag) found = std::move(followed);
        }
    }
    if (!found) {
        out.detected = true;
        found = detect(rgb);
    }
    previous_ = found;  // nullopt when lost: the next frame detects again
    if (!found) {
        filter_.reset();
        return out;
    }
    ++stats_.frames_with_face;
    if (options_.smooth) smooth(*found, time_s, out.detected);
    out.face = std::move(found);
    return out;
}

void FaceTracker::smooth(nn::FrameLandmarks& landmarks, double time_s, bool restart) {
    if (restart) filter_.reset();
    const Eigen::Index n = landmarks.mesh.size();
    const Eigen::Index ni = landmarks.has_iris ? landmarks.iris_left.size() : 0;
    Eigen::ArrayXd signal(n + 2 * ni);
    signal.head(n) = Eigen::Map<const Eigen::ArrayXf>(landmarks.mesh.data(), n).cast<double>();
    if (ni > 0) {
        signal.segment(n, ni) =
            Eigen::Map<const Eigen::ArrayXf>(landmarks.iris_left.data(), ni).cast<double>();
        signal.segment(n + ni, ni) =
            Eigen::Map<const Eigen::ArrayXf>(landmarks.iris_right.data(), ni).cast<double>();
    }
    const Eigen::ArrayXd smoothed =
        filter_.filter(signal, time_s, std::max(1.0, landmarks.box.width()));
    Eigen::Map<Eigen::ArrayXf>(landmarks.mesh.data(), n) = smoothed.head(n).cast<float>();
    if (ni > 0) {
        Eigen::Map<Eigen::ArrayXf>(landmarks.iris_left.data(), ni) =
            smoothed.segment(n, ni).cast<float>();
        Eigen::Map<Eigen::ArrayXf>(landmarks.iris_right.data(), ni) =
            smoothed.segment(n + ni, ni).cast<float>();
    }
}

}  // namespace likeness::track
