#include "engine/io/shape_weight_map.hpp"

#include "engine/face/arkit_names.hpp"
#include "engine/io/export_error.hpp"

namespace likeness::io {

std::vector<int> take_columns(const core::BlendshapeRig& rig) {
    std::vector<int> columns;
    columns.reserve(rig.shape_names.size());
    for (const std::string& name : rig.shape_names)
        columns.push_back(face::arkit_index(name));
    return columns;
}

std::vector<int> take_columns_or_throw(const core::BlendshapeRig& rig) {
    std::vector<int> columns = take_columns(rig);
    for (int c : columns)
        if (c >= 0) return columns;
    throw ExportError("the rig '" + rig.name +
                      "' has no shape with an ARKit name, so a take cannot animate it");
}

}  // namespace likeness::io
