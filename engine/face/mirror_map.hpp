#pragma once
// The template's left/right symmetry: which vertex is each vertex's mirror image across the
// plane x = 0 (the canonical mesh is built symmetric about it).
#include <vector>

#include "engine/core/mesh.hpp"

namespace likeness::face {

/// #V: for each vertex, the vertex nearest to its reflection (-x, y, z). `max_error_cm`
/// (optional) receives the largest distance between a reflection and its match.
std::vector<int> mirror_map(const core::MatrixX3fR& V, float* max_error_cm = nullptr);

}  // namespace likeness::face
