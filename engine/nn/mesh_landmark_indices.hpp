#pragma once
// Index tables into the 468-point FaceMesh: the iBUG-68 subset and the eye regions the iris
// model refines. "Left" and "right" are the subject's: the left eye is on the image's right.
#include <array>

namespace likeness::nn {

/// FaceMesh vertex of each iBUG 300-W landmark, in iBUG order: jaw 0–16, brows 17–26,
/// nose 27–35, eyes 36–47, outer lips 48–59, inner lips 60–67.
extern const std::array<int, 68> kIbug68FromMesh;

/// Eye corners used to place the iris crops (inner/outer order as human's leftEyeLower0 ends).
constexpr std::array<int, 2> kLeftEyeCorners = {263, 362};
constexpr std::array<int, 2> kRightEyeCorners = {33, 133};
/// Mesh points above/below the eye centre whose depth the iris points take.
constexpr int kLeftEyeUpperCentre = 386, kLeftEyeLowerCentre = 374;
constexpr int kRightEyeUpperCentre = 159, kRightEyeLowerCentre = 145;

/// One contour the iris model predicts (among its 71 eye/brow points) and the mesh vertices it
/// corresponds to on each side.
struct EyeContourLink {
    int count;                 ///< points in this contour (≤ 9)
    bool eyelid;               ///< EyeUpper0 / EyeLower0: the lid margins
    std::array<int, 9> iris;   ///< indices into the iris model's 71 contour points
    std::array<int, 9> left;   ///< mesh vertices, subject's left eye
    std::array<int, 9> right;  ///< mesh vertices, subject's right eye
};
extern const std::array<EyeContourLink, 9> kEyeContourLinks;

}  // namespace likeness::nn
