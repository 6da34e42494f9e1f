#include "engine/retarget/character.hpp"

#include <cctype>
#include <cmath>
#include <filesystem>

#include "engine/retarget/assimp_character.hpp"
#include "engine/retarget/retarget_error.hpp"
#include "engine/retarget/shape_folder.hpp"

namespace likeness::retarget {

namespace fs = std::filesystem;

bool CharacterImportOptions::is_valid(std::string* error) const {
    auto fail = [&](const char* why) {
        if (error) *error = why;
        return false;
    };
    if (!(cm_per_unit >= 0.f) || !std::isfinite(cm_per_unit))
        return fail("cm_per_unit must be >= 0 (0: from the format)");
    if (max_texture_size < 1 || max_texture_size > 16384)
        return fail("max_texture_size must be in [1, 16384]");
    return true;
}

Character import_character(const std::string& path, const CharacterImportOptions& options,
                           const core::Progress& progress) {
    std::string why;
    if (!options.is_valid(&why)) throw RetargetError("character import options: " + why);
    std::error_code ec;
    if (!fs::exists(path, ec)) throw RetargetError("'" + path + "' does not exist");
    Character ch;
    if (fs::is_directory(path, ec)) {
        ch = import_shape_folder(path, options, progress);
    } else {
        if (fs::file_size(path, ec) == 0 && !ec)
            throw RetargetError("'" + path + "' is an empty file");
        std::string ext = fs::path(path).extension().string();
        for (char& c : ext)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        ch = ext == ".obj" ? import_obj_character(path, options)
                           : import_assimp_character(path, options, progress);
    }
    if (!ch.rig.is_valid(&why)) throw RetargetError("'" + path + "' gives an unusable rig: " + why);
    return ch;
}

int vertex_of_file_index(const Character& c, int file_index) {
    if (c.file_vertex.empty())
        return file_index >= 0 && file_index < c.rig.vertex_count() ? file_index : -1;
    for (size_t v = 0; v < c.file_vertex.size(); ++v)
        if (c.file_vertex[v] == file_index) return static_cast<int>(v);
    return -1;
}

std::string describe(const Character& c) {
    return c.rig.name + ": " + std::to_string(c.rig.vertex_count()) + " vertices, " +
           std::to_string(c.rig.neutral.face_count()) + " triangles, " +
           std::to_string(c.rig.shape_count()) + " shapes, " + c.format +
           (c.skinned ? " (skinned, bind pose)" : "");
}

}  // namespace likeness::retarget
