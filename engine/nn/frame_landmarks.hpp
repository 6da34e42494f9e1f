#pragma once
// Everything the front end knows about one face in one frame, in image pixels.
#include "engine/nn/box.hpp"
#include "engine/nn/face_mesh.hpp"

namespace likeness::nn {

struct FrameLandmarks {
    /// 468 by 3 FaceMesh points, image px (x right, y down); z in the same pixel scale,
    /// negative = towards the camera, relative to the face (not a distance to the camera).
    MeshPoints mesh;
    /// 5 by 3 iris points per eye (centre, then 4 rim points), image px; z taken from the mesh
    /// points above/below the eye as human does. Empty when has_iris is false.
    MeshPoints iris_left, iris_right;  ///< subject's left eye (image right) / right eye
    /// 71 by 3 eye-lid and brow contours predicted by the iris model, image px (z: mesh scale
    /// as the iris model predicts it, not reliable). Empty when has_iris is false.
    MeshPoints eye_contour_left, eye_contour_right;
    bool has_iris = false;

    float face_flag = 0.0f;        ///< FaceMesh face-presence probability, 0..1
    float detector_score = -1.0f;  ///< BlazeFace score when box came from detection, else −1
    Box box;                       ///< the square crop the mesh ran on, image px

    /// 68 by 3 iBUG 300-W points (jaw, brows, nose, eyes, lips) picked from `mesh`.
    MeshPoints ibug68() const;
    /// Tight bounding box of the 468 mesh points (x, y), image px.
    Box mesh_bounds() const;
};

/// Side of the follow-up crop over the mesh's longer extent (MediaPipe's landmarks-to-ROI scale).
constexpr double kFollowScale = 1.5;

/// The crop box for the next frame of a video: a square centred on the middle of the mesh's
/// x/y extent, kFollowScale times its longer side. human keeps the first box's size instead;
/// then a mouth opening after the detection frame pushes the chin to the crop's edge and
/// FaceMesh answers with a closed mouth for as long as it stays open (a real clip: inner-lip gap 9 px
/// followed, 35-45 px re-detected or with this box), and the tracker never sees the jaw open.
Box next_crop_box(const FrameLandmarks& previous);

}  // namespace likeness::nn
