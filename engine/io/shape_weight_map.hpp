#pragma once
// Which take column drives which rig shape: a take's weights are in ARKit order, a rig's
// shapes in its own order (a character may have a subset, or other shapes too).
#include <vector>

#include "engine/core/blendshape_rig.hpp"

namespace likeness::io {

/// For each rig shape, the index of its name in face::arkit_names() (the take's weight column),
/// or -1 when the name is not an ARKit name (that shape then stays at weight 0).
std::vector<int> take_columns(const core::BlendshapeRig& rig);

/// take_columns(), throwing ExportError when no shape of the rig has an ARKit name (a take
/// could not animate anything).
std::vector<int> take_columns_or_throw(const core::BlendshapeRig& rig);

}  // namespace likeness::io
