#pragma once
// MediaPipe's canonical face mesh, read from the installed @mediapipe/face_mesh package.
#include <string>

#include "engine/core/mesh.hpp"

namespace likeness::face {

/// Number of FaceMesh landmarks; vertex i of the canonical mesh is landmark i.
constexpr int kLandmarkCount = 468;

/// Reads the canonical mesh from `package_folder` (the @mediapipe/face_mesh folder): the loader
/// .js gives the byte range of geometry_pipeline_metadata_landmarks.binarypb inside the packed
/// assets .data file; that protobuf holds the mesh. Returns 468 vertices (#V by 3, model space,
/// cm, y up, +z out of the face, subject's left at +x), 898 triangles (CCW from outside, mouth
/// still closed) and UVs (#V by 2, v up). Throws TemplateError naming the file on any problem.
core::Mesh read_canonical_mesh(const std::string& package_folder);

/// Parses the geometry-pipeline protobuf itself (bytes of the .binarypb). Throws TemplateError.
core::Mesh parse_canonical_mesh_protobuf(const std::string& bytes);

}  // namespace likeness::face
