#include "engine/nn/face_detector.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "engine/nn/image_sampling.hpp"

namespace likeness::nn {
namespace {

constexpr int kAnchorsStride16 = 512;  // 16x16 grid × 2 anchors
constexpr int kAnchorsStride32 = 384;  // 8x8 grid × 6 anchors
constexpr int kRegressors = 16;        // box cx, cy, w, h + 6 keypoints × (x, y)

/// Anchor centres in input pixels: stride·(g + 0.5), grid row-major, repeated per anchor.
std::vector<Eigen::Vector2d> make_anchors(int size) {
    std::vector<Eigen::Vector2d> anchors;
    const int strides[2] = {size / 16, size / 8}, per_cell[2] = {2, 6};
    for (int level = 0; level < 2; ++level) {
        const int stride = strides[level];
        const int grid = (size + stride - 1) / stride;
        for (int gy = 0; gy < grid; ++gy)
            for (int gx = 0; gx < grid; ++gx)
                for (int n = 0; n < per_cell[level]; ++n)
                    anchors.emplace_back(stride * (gx + 0.5), stride * (gy + 0.5));
    }
    return anchors;
}

/// Intersection over union of boxes {x0, y0, x1, y1} (tfjs: degenerate boxes have IoU 0).
double iou(const std::array<float, 4>& a, const std::array<float, 4>& b) {
    const double ax0 = std::min(a[0], a[2]), ax1 = std::max(a[0], a[2]);
    const double ay0 = std::min(a[1], a[3]), ay1 = std::max(a[1], a[3]);
    const double bx0 = std::min(b[0], b[2]), bx1 = std::max(b[0], b[2]);
    const double by0 = std::min(b[1], b[3]), by1 = std::max(b[1], b[3]);
    const double area_a = (ax1 - ax0) * (ay1 - ay0), area_b = (bx1 - bx0) * (by1 - by0);
    if (!(area_a > 0) || !(area_b > 0)) return 0.0;
    const double w = std::max(0.0, std::min(ax1, bx1) - std::max(ax0, bx0));
    const double h = std::max(0.0, std::min(ay1, by1) - std::max(ay0, by0));
    const double inter = w * h;
    return inter / (area_a + area_b - inter);
}

}  // namespace

double js_round(double x) {
    const double floor = std::floor(x);
    return x - floor >= 0.5 ? floor + 1.0 : floor;
}

FaceDetector::FaceDetector(const std::string& blazeface_json)
    : FaceDetector(blazeface_json, Options{}) {}

FaceDetector::FaceDetector(const std::string& blazeface_json, const Options& options)
    : model_(GraphModel::load(blazeface_json)), options_(options) {
    const auto& in = model_.input_shape();
    if (in.size() != 4 || in[1] != in[2] || in[1] % 32 != 0 || in[3] != 3)
        throw ModelError(blazeface_json, "", "not a BlazeFace detector: input must be square RGB");
    size_ = in[1];
    // Outputs are recognised by shape, as human does: scores [1, rows, 1], boxes [1, rows, 16].
    bool found[4] = {false, false, false, false};
    for (std::size_t k = 0; k < model_.output_names().size(); ++k) {
        const auto& shape = model_.plan().outputs[k].shape;
        if (shape.size() != 3 || shape[0] != 1) continue;
        const int level = shape[1] == kAnchorsStride16 ? 0 : shape[1] == kAnchorsStride32 ? 1 : -1;
        if (level < 0) continue;
        if (shape[2] == 1) {
            score_outputs_[level] = k;
            found[level] = true;
        } else if (shape[2] == kRegressors) {
            box_outputs_[level] = k;
            found[2 + level] = true;
        }
    }
    if (size_ != 256 || !found[0] || !found[1] || !found[2] || !found[3])
        throw ModelError(blazeface_json, "",
                         "not a BlazeFace 256 detector: expected outputs [1,512,1], [1,384,1], "
                         "[1,512,16] and [1,384,16]");
    anchors_ = make_anchors(size_);
    input_.resize(model_.input_size());
}

void FaceDetector::make_input(const cv::Mat& rgb, float* input) const {
    resize_bilinear(rgb, size_, size_, 127.5f, -1.0f, input);
}

std::vector<FaceDetection> FaceDetector::detect(const cv::Mat& rgb) {
    make_input(rgb, input_.data());
    model_.run(input_.data(), input_.size());
    return decode(rgb.cols, rgb.rows);
}

std::vector<FaceDetection> FaceDetector::decode(int image_w, int image_h) const {
    struct Candidate {
        int anchor;
        float score;
        std::array<float, 4> box;  // x0, y0, x1, y1 in input pixels
    };
    std::vector<Candidate> candidates;
    const float size = static_cast<float>(size_);
    for (int level = 0; level < 2; ++level) {
        const Tensor& scores = model_.outputs()[score_outputs_[level]];
        const Tensor& boxes = model_.outputs()[box_outputs_[level]];
        const int first = level == 0 ? 0 : kAnchorsStride16;
        for (std::size_t row = 0; row < scores.size(); ++row) {
            const float score =
                static_cast<float>(1.0 / (1.0 + std::exp(-static_cast<double>(scores.data[row]))));
            if (!(score > options_.min_score)) continue;
            const int anchor = first + static_cast<int>(row);
            const float* r = boxes.data.data() + row * kRegressors;
            // The float32 tensor arithmetic of human's decodeBoxes, step by step.
            const float cx = (r[0] + static_cast<float>(anchors_[anchor].x())) / size;
            const float cy = (r[1] + static_cast<float>(anchors_[anchor].y())) / size;
            const float half_w = r[2] / size / 2.0f, half_h = r[3] / size / 2.0f;
            candidates.push_back({anchor,
                                  score,
                                  {(cx - half_w) * size, (cy - half_h) * size, (cx + half_w) * size,
                                   (cy + half_h) * size}});
        }
    }
    // Hard NMS as tf.image.nonMaxSuppression: best first, drop anything overlapping a kept
    // box by IoU >= threshold.
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
    std::vector<const Candidate*> kept;
    for (const Candidate& c : candidates) {
        if (options_.max_faces > 0 && static_cast<int>(kept.size()) >= options_.max_faces) break;
        bool suppressed = false;
        for (const Candidate* k : kept)
            if (iou(c.box, k->box) >= options_.iou_threshold) {
                suppressed = true;
                break;
            }
        if (!suppressed) kept.push_back(&c);
    }

    std::vector<FaceDetection> faces;
    const double fx = static_cast<double>(image_w) / size_,
                 fy = static_cast<double>(image_h) / size_;
    for (const Candidate* c : kept) {
        const int level = c->anchor < kAnchorsStride16 ? 0 : 1;
        const int row = c->anchor - (level == 0 ? 0 : kAnchorsStride16);
        const float* r = model_.outputs()[box_outputs_[level]].data.data() + row * kRegressors;
        FaceDetection face;
        face.score = c->score;
        face.anchor = c->anchor;
        face.raw_box = {c->box[0] * fx, c->box[1] * fy, c->box[2] * fx, c->box[3] * fy};
        for (int k = 0; k < 6; ++k)
            face.keypoints[static_cast<std::size_t>(k)] = {
                (r[4 + 2 * k] + anchors_[c->anchor].x()) * fx,
                (r[5 + 2 * k] + anchors_[c->anchor].y()) * fy};
        // Enlarge about the centre, then square on the longer side with JS-rounded corners.
        const Box& b = face.raw_box;
        const double cx = b.center_x(), cy = b.center_y();
        const double w = std::abs(b.width()) * options_.crop_scale;
        const double h = std::abs(b.height()) * options_.crop_scale;
        const Box enlarged{cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2};
        const double half = std::max(std::abs(enlarged.width()), std::abs(enlarged.height())) / 2;
        const double ecx = enlarged.center_x(), ecy = enlarged.center_y();
        face.crop = {js_round(ecx - half), js_round(ecy - half), js_round(ecx + half),
                     js_round(ecy + half)};
        if (face.crop.width() > 0 && face.crop.height() > 0) faces.push_back(face);
    }
    return faces;
}

std::size_t largest_face(const std::vector<FaceDetection>& faces) {
    std::size_t best = 0;
    for (std::size_t k = 1; k < faces.size(); ++k) {
        const double area = faces[k].crop.width() * faces[k].crop.height();
        const double best_area = faces[best].crop.width() * faces[best].crop.height();
        if (area > best_area || (area == best_area && faces[k].score > faces[best].score)) best = k;
    }
    return best;
}

}  // namespace likeness::nn
