#include "engine/retarget/shape_folder.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "engine/io/natural_sort.hpp"
#include "engine/retarget/character_texture.hpp"
#include "engine/retarget/retarget_error.hpp"
#include "engine/retarget/textured_obj.hpp"

namespace likeness::retarget {
namespace {

namespace fs = std::filesystem;

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

/// The neutral's path among the OBJs: the named stem, or the one stem containing the first
/// keyword that any stem contains.
std::string pick_neutral(const std::vector<fs::path>& objs, const std::string& folder,
                         const std::string& wanted) {
    if (!wanted.empty()) {
        for (const fs::path& p : objs)
            if (p.stem().string() == wanted) return p.string();
        throw RetargetError("'" + folder + "' has no '" + wanted + ".obj' to use as the neutral");
    }
    for (const char* keyword : {"neutral", "base", "basis", "rest", "default"}) {
        std::vector<std::string> hits;
        for (const fs::path& p : objs)
            if (lower(p.stem().string()).find(keyword) != std::string::npos)
                hits.push_back(p.filename().string());
        if (hits.size() == 1) {
            for (const fs::path& p : objs)
                if (p.filename().string() == hits.front()) return p.string();
        }
        if (hits.size() > 1) {
            std::string list;
            for (const std::string& h : hits)
                list += (list.empty() ? "" : ", ") + h;
            throw RetargetError("'" + folder + "' has several possible neutrals (" + list +
                                "): name the one to use");
        }
    }
    throw RetargetError("'" + folder +
                        "' has no neutral OBJ: name it neutral.obj (or name the neutral to use)");
}

std::vector<fs::path> list_objs(const std::string& folder) {
    std::error_code ec;
    std::vector<fs::path> objs;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
        if (it->is_regular_file(ec) && lower(it->path().extension().string()) == ".obj")
            objs.push_back(it->path());
    if (ec) throw RetargetError("cannot list '" + folder + "': " + ec.message());
    std::sort(objs.begin(), objs.end(), [](const fs::path& a, const fs::path& b) {
        return io::natural_less(a.filename().string(), b.filename().string());
    });
    return objs;
}

}  // namespace

Character import_obj_character(const std::string& path, const CharacterImportOptions& options,
                               int* position_count) {
    Character ch;
    ch.path = path;
    ch.format = "obj";
    ch.mesh_count = 1;
    ch.cm_per_unit = options.cm_per_unit > 0.f ? options.cm_per_unit : 1.f;
    const TexturedObj obj = read_textured_obj(path);
    if (position_count) *position_count = obj.position_count;
    core::BlendshapeRig& rig = ch.rig;
    rig.name = fs::path(path).stem().string();
    rig.neutral = obj.mesh;
    rig.neutral.V *= ch.cm_per_unit;
    rig.neutral.name = rig.name;
    ch.file_vertex = obj.position_of;

    // Materials: the file's libraries, in its folder; triangles counted per material.
    for (const std::string& lib : obj.material_libraries)
        for (const CharacterMaterial& m : read_mtl((fs::path(path).parent_path() / lib).string()))
            ch.materials.push_back(m);
    for (const std::string& used : obj.material_names) {
        const bool known = std::any_of(ch.materials.begin(), ch.materials.end(),
                                       [&](const CharacterMaterial& m) { return m.name == used; });
        if (!known)
            ch.materials.push_back(CharacterMaterial{used, {0.8f, 0.8f, 0.8f}, "", false, 0});
    }
    for (int t : obj.triangle_material) {
        if (t < 0) continue;
        const std::string& name = obj.material_names[static_cast<size_t>(t)];
        for (CharacterMaterial& m : ch.materials)
            if (m.name == name) {
                ++m.triangles;
                break;
            }
    }
    if (rig.neutral.UV.rows() == 0)
        ch.warnings.push_back("'" + path +
                              "' has no texture coordinates: exported without texture");
    for (size_t m = 0; m < ch.materials.size(); ++m) {
        if (ch.materials[m].texture.empty() || ch.materials[m].triangles == 0) continue;
        if (ch.main_material < 0 ||
            ch.materials[m].triangles >
                ch.materials[static_cast<size_t>(ch.main_material)].triangles)
            ch.main_material = static_cast<int>(m);
    }
    if (ch.main_material >= 0 && options.load_texture && rig.neutral.UV.rows() > 0) {
        const CharacterMaterial& main = ch.materials[static_cast<size_t>(ch.main_material)];
        const std::string file = find_texture_file(path, main.texture);
        if (!file.empty()) rig.albedo = read_albedo(file, options.max_texture_size);
        if (rig.albedo.empty())
            ch.warnings.push_back("texture '" + main.texture + "' was not found or not decoded");
    }
    return ch;
}

Character import_shape_folder(const std::string& folder, const CharacterImportOptions& options,
                              const core::Progress& progress) {
    std::vector<fs::path> objs = list_objs(folder);
    // Our own OBJ-set export (and others like it): NAME.obj beside a shapes/ folder.
    std::error_code ec;
    const fs::path shapes_dir = fs::path(folder) / "shapes";
    const bool has_shapes_dir = fs::is_directory(shapes_dir, ec);
    std::string neutral_path;
    if (has_shapes_dir && objs.size() == 1 && options.neutral_name.empty())
        neutral_path = objs.front().string();
    if (has_shapes_dir)
        for (const fs::path& p : list_objs(shapes_dir.string()))
            objs.push_back(p);
    if (objs.empty())
        throw RetargetError("'" + folder +
                            "' holds no OBJ files: a shape folder needs a neutral and one OBJ "
                            "per shape");
    if (neutral_path.empty()) neutral_path = pick_neutral(objs, folder, options.neutral_name);

    progress.report(0.0, "reading the neutral");
    int positions_in_neutral = 0;
    Character ch = import_obj_character(neutral_path, options, &positions_in_neutral);
    ch.path = folder;
    ch.format = "obj-folder";
    core::BlendshapeRig& rig = ch.rig;
    rig.name = fs::path(folder).filename().string();
    if (rig.name.empty()) rig.name = fs::path(folder).parent_path().filename().string();

    for (size_t i = 0; i < objs.size(); ++i) {
        progress.check();
        const fs::path& p = objs[i];
        if (p.string() == neutral_path) continue;
        const core::MatrixX3fR positions = read_obj_positions(p.string());
        if (positions.rows() != positions_in_neutral) {
            ch.warnings.push_back("'" + p.filename().string() + "' has " +
                                  std::to_string(positions.rows()) + " vertices, the neutral " +
                                  std::to_string(positions_in_neutral) + ": skipped");
            continue;
        }
        core::MatrixX3fR d(rig.vertex_count(), 3);
        for (int v = 0; v < rig.vertex_count(); ++v) {
            const int q = ch.file_vertex[static_cast<size_t>(v)];
            d.row(v) = ch.cm_per_unit * positions.row(q) - rig.neutral.V.row(v);
        }
        rig.shape_names.push_back(p.stem().string());
        rig.deltas.push_back(std::move(d));
        progress.report(static_cast<double>(i + 1) / objs.size(), "reading shapes");
    }
    progress.report(1.0, "character imported");
    return ch;
}

}  // namespace likeness::retarget
