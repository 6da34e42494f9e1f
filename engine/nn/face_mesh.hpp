#pragma once
// FaceMesh (MediaPipe face_landmark, 192x192 input): 468 3-D points and a face-presence flag
// from a square crop of the frame, with human's pre-processing (tf.image.cropAndResize of the
// crop box, /255) and back-projection to the image (x = boxW/192·(mx − 96) + cx).
#include <Eigen/Core>
#include <opencv2/core/mat.hpp>
#include <string>
#include <vector>

#include "engine/nn/box.hpp"
#include "engine/nn/graph_model.hpp"

namespace likeness::nn {

/// 468 by 3 list of points, row-major.
using MeshPoints = Eigen::Matrix<float, Eigen::Dynamic, 3, Eigen::RowMajor>;

struct MeshOutput {
    MeshPoints crop_points;  ///< 468 × 3 in crop input pixels (0..192), z same scale, − = nearer
    float face_flag = 0.0f;  ///< probability that the crop holds a face (already a sigmoid)
};

class FaceMesh {
  public:
    static constexpr int kPoints = 468;

    /// Loads facemesh.json; throws ModelError when missing or malformed, or when its outputs
    /// are not 1404 mesh values and 1 flag.
    explicit FaceMesh(const std::string& facemesh_json);

    /// Crops `box` (image px) from the frame, runs the model.
    MeshOutput run(const cv::Mat& rgb, const Box& box);
    /// Runs the model on an exact input tensor (input_size()² × 3, RGB, 0..1).
    MeshOutput run_input(const float* input);

    /// The crop of the last run(): input_size() × input_size() × 3, RGB, 0..1 (Iris reads it).
    const std::vector<float>& last_input() const { return input_; }
    int input_size() const { return size_; }
    GraphModel& model() { return model_; }

  private:
    MeshOutput collect() const;

    GraphModel model_;
    int size_ = 192;
    std::size_t mesh_output_ = 0, flag_output_ = 0;
    std::vector<float> input_;
};

/// The crop-pixel points of `crop_points` in image pixels for a mesh run on `box`:
/// x = boxW/size·(mx − size/2) + cx, y likewise, z = boxW/size·mz (same pixel scale as x).
MeshPoints mesh_to_image(const MeshPoints& crop_points, const Box& box, int size);

}  // namespace likeness::nn
