#include "engine/io/export_checks.hpp"

#include <filesystem>

#include "engine/io/export_error.hpp"

namespace likeness::io {

void check_rig(const core::BlendshapeRig& rig) {
    std::string why;
    if (!rig.is_valid(&why))
        throw ExportError("the rig '" + rig.name + "' cannot be exported: " + why);
}

void check_take(const core::Take& take) {
    std::string why;
    if (!take.is_valid(&why))
        throw ExportError("the take '" + take.name + "' cannot be exported: " + why);
}

std::string replace_extension(const std::string& path, const std::string& extension) {
    return std::filesystem::path(path).replace_extension(extension).string();
}

std::string stem_of(const std::string& path) {
    return std::filesystem::path(path).stem().string();
}

}  // namespace likeness::io
