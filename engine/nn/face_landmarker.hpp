#pragma once
// The face front end in one object: BlazeFace detection, FaceMesh landmarks and Iris, models
// loaded once. Not thread-safe; copies share the weights, so give each thread its own copy to
// process faces or frames in parallel.
#include <opencv2/core/mat.hpp>
#include <optional>
#include <string>
#include <vector>

#include "engine/io/model_paths.hpp"
#include "engine/nn/face_detector.hpp"
#include "engine/nn/face_mesh.hpp"
#include "engine/nn/frame_landmarks.hpp"
#include "engine/nn/iris.hpp"

namespace likeness::nn {

class FaceLandmarker {
  public:
    struct Options {
        FaceDetector::Options detector;
        Iris::Options iris;
        bool run_iris = true;
        /// Replace the mesh's eye contours by the iris model's (human's default with iris on).
        /// Off by default: the 468 points then are FaceMesh's own, as the reference has them.
        bool refine_eyes = false;
    };

    /// Loads blazeface, facemesh and iris from the installed model packages.
    explicit FaceLandmarker(const io::ModelPaths& models);
    FaceLandmarker(const io::ModelPaths& models, const Options& options);
    FaceLandmarker(const std::string& blazeface_json, const std::string& facemesh_json,
                   const std::string& iris_json, const Options& options);

    /// Every face in an RGB frame (grey, RGBA, 16-bit and float 0..255 are accepted too),
    /// best score first. Throws std::invalid_argument for empty or unsupported images.
    std::vector<FaceDetection> detect(const cv::Mat& rgb);

    /// Landmarks inside a crop box (image px): from detect() (FaceDetection::crop) or from the
    /// previous frame (next_crop_box). Check face_flag: a box without a face still returns
    /// points.
    FrameLandmarks landmarks(const cv::Mat& rgb, const Box& crop_box);
    /// Landmarks of a detected face (records its detector score).
    FrameLandmarks landmarks(const cv::Mat& rgb, const FaceDetection& face);

    /// Detects and returns the landmarks of one face: the largest (face_index < 0) or the
    /// face_index-th by score. nullopt when there is no such face.
    std::optional<FrameLandmarks> find_face(const cv::Mat& rgb, int face_index = -1);

    const Options& options() const { return options_; }
    FaceDetector& detector() { return detector_; }
    FaceMesh& mesh() { return mesh_; }
    Iris& iris() { return iris_; }

  private:
    Options options_;
    FaceDetector detector_;
    FaceMesh mesh_;
    Iris iris_;
};

}  // namespace likeness::nn
