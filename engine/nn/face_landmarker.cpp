#include "engine/nn/face_landmarker.hpp"

#include <cmath>

#include "engine/nn/mesh_landmark_indices.hpp"

namespace likeness::nn {
namespace {

/// human's replaceIrisCoords: move mesh eye contours onto the iris model's, averaging depth.
/// Looking sideways (eye depths differ by ≥ 30 crop px) only the nearer eye's lids are moved.
void refine_eye_contours(MeshPoints& mesh, const EyeLandmarks& left, const EyeLandmarks& right) {
    const float depth_difference = mesh(kLeftEyeCorners[0], 2) - mesh(kRightEyeCorners[0], 2);
    const bool both = std::abs(depth_difference) < 30;
    for (int side = 0; side < 2; ++side) {
        const bool is_left = side == 0;
        if (!both && is_left != (depth_difference < 1)) continue;
        const EyeLandmarks& eye = is_left ? left : right;
        for (const EyeContourLink& link : kEyeContourLinks) {
            if (!both && !link.eyelid) continue;
            for (int k = 0; k < link.count; ++k) {
                const int m = is_left ? link.left[static_cast<std::size_t>(k)]
                                      : link.right[static_cast<std::size_t>(k)];
                const int i = link.iris[static_cast<std::size_t>(k)];
                mesh(m, 0) = eye.contour(i, 0);
                mesh(m, 1) = eye.contour(i, 1);
                mesh(m, 2) = (eye.contour(i, 2) + mesh(m, 2)) / 2;
            }
        }
    }
}

/// human's getAdjustedIrisCoords: the iris model's depth is unreliable, take the mesh's.
MeshPoints iris_with_mesh_depth(const MeshPoints& iris, const MeshPoints& mesh, int upper,
                                int lower) {
    MeshPoints out = iris;
    const float upper_z = mesh(upper, 2), lower_z = mesh(lower, 2);
    for (Eigen::Index k = 0; k < out.rows(); ++k)
        out(k, 2) = k == 2 ? upper_z : k == 4 ? lower_z : (upper_z + lower_z) / 2;
    return out;
}

}  // namespace

FaceLandmarker::FaceLandmarker(const io::ModelPaths& models) : FaceLandmarker(models, Options{}) {}

FaceLandmarker::FaceLandmarker(const io::ModelPaths& models, const Options& options)
    : FaceLandmarker(models.blazeface_json(), models.facemesh_json(), models.iris_json(), options) {
}

FaceLandmarker::FaceLandmarker(const std::string& blazeface_json, const std::string& facemesh_json,
                               const std::string& iris_json, const Options& options)
    : options_(options),
      detector_(blazeface_json, options.detector),
      mesh_(facemesh_json),
      iris_(iris_json, options.iris) {}

std::vector<FaceDetection> FaceLandmarker::detect(const cv::Mat& rgb) {
    return detector_.detect(rgb);
}

FrameLandmarks FaceLandmarker::landmarks(const cv::Mat& rgb, const Box& crop_box) {
    MeshOutput out = mesh_.run(rgb, crop_box);
    FrameLandmarks result;
    result.box = crop_box;
    result.face_flag = out.face_flag;
    const int size = mesh_.input_size();
    if (options_.run_iris) {
        const auto [left, right] = iris_.run(mesh_.last_input().data(), size, out.crop_points);
        if (options_.refine_eyes) refine_eye_contours(out.crop_points, left, right);
        result.iris_left =
            mesh_to_image(iris_with_mesh_depth(left.iris, out.crop_points, kLeftEyeUpperCentre,
                                               kLeftEyeLowerCentre),
                          crop_box, size);
        result.iris_right =
            mesh_to_image(iris_with_mesh_depth(right.iris, out.crop_points, kRightEyeUpperCentre,
                                               kRightEyeLowerCentre),
                          crop_box, size);
        result.eye_contour_left = mesh_to_image(left.contour, crop_box, size);
        result.eye_contour_right = mesh_to_image(right.contour, crop_box, size);
        result.has_iris = true;
    }
    result.mesh = mesh_to_image(out.crop_points, crop_box, size);
    return result;
}

FrameLandmarks FaceLandmarker::landmarks(const cv::Mat& rgb, const FaceDetection& face) {
    FrameLandmarks result = landmarks(rgb, face.crop);
    result.detector_score = face.score;
    return result;
}

std::optional<FrameLandmarks> FaceLandmarker::find_face(const cv::Mat& rgb, int face_index) {
    const std::vector<FaceDetection> faces = detect(rgb);
    if (faces.empty() || face_index >= static_cast<int>(faces.size())) return std::nullopt;
    const std::size_t pick =
        face_index < 0 ? largest_face(faces) : static_cast<std::size_t>(face_index);
    return landmarks(rgb, faces[pick]);
}

}  // namespace likeness::nn
