#pragma once
// The openings of the canonical face: the mouth (closed by 18 triangles in the package, removed
// here so the lips can part) and the eyes (kept as triangles so the eyeball surface renders, but
// marked so that lids can close over them and region distances do not leak across them).
#include <cstdint>
#include <vector>

#include "engine/core/mesh.hpp"

namespace likeness::face {

/// Number of triangles of the canonical mesh that span the inner-lip ring.
constexpr int kMouthClosingTriangles = 18;

/// What a triangle of the template covers.
enum class TrianglePart : std::uint8_t { Skin = 0, EyeLeft = 1, EyeRight = 2 };

/// The canonical mesh without the triangles whose three corners all lie on the inner-lip ring.
/// Vertices are kept (same indices). Throws TemplateError when the mesh is not the canonical one
/// (the count of such triangles differs from kMouthClosingTriangles).
core::Mesh open_mouth(const core::Mesh& canonical);

/// #F labels of `mesh` (468-vertex canonical topology): a triangle whose three corners lie on
/// one eye's lid ring (eye_*_ring) covers that eye opening.
std::vector<TrianglePart> label_eye_openings(const core::Mesh& mesh);

}  // namespace likeness::face
