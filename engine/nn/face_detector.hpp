#pragma once
// BlazeFace (MediaPipe short-range "back" model, 256x256 input) finding every face in a frame,
// with the pre- and post-processing of @vladmandic/human: whole-frame bilinear resize,
// 896 anchors, sigmoid scores, hard (unweighted) NMS, and the FaceMesh crop box
// (detector box ×1.4 about its centre, squared on the longer side, JS-rounded corners).
#include <Eigen/Core>
#include <array>
#include <opencv2/core/mat.hpp>
#include <string>
#include <vector>

#include "engine/nn/box.hpp"
#include "engine/nn/graph_model.hpp"

namespace likeness::nn {

struct FaceDetection {
    float score = 0.0f;  ///< sigmoid of the detector logit, 0..1
    int anchor = -1;     ///< anchor row 0..895 (0–511: 16x16 grid × 2, 512–895: 8x8 × 6)
    Box raw_box;         ///< the detector's box, image px
    /// Keypoints, image px, in model order: right eye, left eye, nose tip, mouth centre,
    /// right ear tragion, left ear tragion (subject's sides).
    std::array<Eigen::Vector2d, 6> keypoints;
    Box crop;  ///< FaceMesh input box, image px, integer corners, square
};

class FaceDetector {
  public:
    struct Options {
        float min_score = 0.2f;      ///< keep anchors scoring above this (human's minConfidence)
        float iou_threshold = 0.1f;  ///< NMS: drop boxes overlapping a better one by more
        int max_faces = 0;           ///< 0 = every face NMS keeps
        double crop_scale = 1.4;     ///< crop box enlargement about the detector box centre
    };

    /// Loads blazeface.json; throws ModelError when it is missing or malformed, or when its
    /// outputs are not BlazeFace's 896 anchors × (1 score + 16 regressors).
    explicit FaceDetector(const std::string& blazeface_json);
    FaceDetector(const std::string& blazeface_json, const Options& options);

    /// All faces of an RGB frame (see check_frame for accepted types), best score first.
    /// Throws std::invalid_argument for empty or unsupported images.
    std::vector<FaceDetection> detect(const cv::Mat& rgb);

    /// The network input detect() builds: 256 × 256 × 3, RGB, (x / 127.5) − 1.
    void make_input(const cv::Mat& rgb, float* input) const;
    /// Decodes the raw outputs of the last run for a frame of image_w × image_h px.
    std::vector<FaceDetection> decode(int image_w, int image_h) const;

    GraphModel& model() { return model_; }
    const Options& options() const { return options_; }
    int input_size() const { return size_; }

  private:
    GraphModel model_;
    Options options_;
    int size_ = 256;
    std::size_t score_outputs_[2] = {0, 0}, box_outputs_[2] = {0, 0};  ///< stride 16, stride 32
    std::vector<Eigen::Vector2d> anchors_;
    std::vector<float> input_;
};

/// Index of the face with the largest crop box (ties: the higher score); faces must be non-empty.
std::size_t largest_face(const std::vector<FaceDetection>& faces);

/// JavaScript's Math.round: halves round towards +infinity (−2.5 → −2).
double js_round(double x);

}  // namespace likeness::nn
