#pragma once
// MediaPipe Iris (64x64 eye crops): per eye 71 eye-lid/brow contour points and 5 iris points
// (centre, then 4 on the iris rim). Eye crops are placed as @vladmandic/human does: the box
// spanned by the two eye-corner landmarks of the FaceMesh, enlarged 2.3× about its centre,
// squared with JS-rounded corners, cut from the FaceMesh input crop; the subject's left eye is
// mirrored so both eyes look like a right eye to the model.
#include <string>
#include <vector>

#include "engine/nn/box.hpp"
#include "engine/nn/face_mesh.hpp"
#include "engine/nn/graph_model.hpp"

namespace likeness::nn {

struct EyeLandmarks {
    MeshPoints contour;  ///< 71 × 3 eye-lid and brow points, FaceMesh crop px; z raw model units
    MeshPoints iris;     ///< 5 × 3: centre, then 4 rim points, FaceMesh crop px
    Box crop;            ///< the eye crop, FaceMesh crop px
};

class Iris {
  public:
    static constexpr int kContourPoints = 71;
    static constexpr int kIrisPoints = 5;

    struct Options {
        double eye_box_scale = 2.3;  ///< enlargement of the eye-corner box (human's iris.scale)
    };

    /// Loads iris.json; throws ModelError when missing or malformed, or when its output is not
    /// 76 × 3 values.
    explicit Iris(const std::string& iris_json);
    Iris(const std::string& iris_json, const Options& options);

    /// Both eyes from the FaceMesh input crop (`crop_size`² × 3, RGB, 0..1) and the mesh
    /// points predicted on it (468 × 3, crop px). first = subject's left eye, second = right.
    std::pair<EyeLandmarks, EyeLandmarks> run(const float* face_crop, int crop_size,
                                              const MeshPoints& crop_points);

    /// The eye crop box (FaceMesh crop px) for the eye whose corners are mesh points a and b.
    Box eye_box(const MeshPoints& crop_points, int a, int b) const;

    GraphModel& model() { return model_; }

  private:
    EyeLandmarks run_eye(const float* face_crop, int crop_size, const Box& box, bool mirror);

    GraphModel model_;
    Options options_;
    int size_ = 64;
    std::vector<float> input_;
};

}  // namespace likeness::nn
