#include "engine/retarget/textured_obj.hpp"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "engine/retarget/retarget_error.hpp"

namespace likeness::retarget {
namespace {

// Refuse files beyond this size: a face rig has no use for them, and a bad file must not make
// us allocate without bound.
constexpr std::streamoff kMaxObjBytes = 2'000'000'000;

std::string read_all(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw RetargetError("cannot open '" + path + "'");
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    if (size < 0 || size > kMaxObjBytes)
        throw RetargetError("'" + path + "' is too large or unreadable");
    in.seekg(0);
    std::string text(static_cast<size_t>(size), '\0');
    in.read(text.data(), size);
    if (!in) throw RetargetError("cannot read '" + path + "'");
    return text;
}

/// Iterates the lines of `text`, calling f(line_number, begin, end) without the newline.
template <class F>
void for_each_line(const std::string& text, F&& f) {
    size_t start = 0;
    int number = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        size_t stop = end;
        if (stop > start && text[stop - 1] == '\r') --stop;
        f(++number, text.data() + start, text.data() + stop);
        start = end + 1;
    }
}

bool starts(const char* b, const char* e, const char* key) {
    for (; *key; ++key, ++b)
        if (b == e || *b != *key) return false;
    return b == e || *b == ' ' || *b == '\t';
}

[[noreturn]] void bad(const std::string& path, int line, const std::string& why) {
    throw RetargetError("'" + path + "' line " + std::to_string(line) + ": " + why);
}

/// Parses `count` floats after the keyword; false when fewer are there or one is not finite.
bool floats(const char* b, const char* e, int count, float* out) {
    std::string s(b, e);
    const char* p = s.c_str();
    while (*p && *p != ' ' && *p != '\t')
        ++p;  // skip the keyword
    for (int k = 0; k < count; ++k) {
        char* next = nullptr;
        out[k] = std::strtof(p, &next);
        if (next == p || !std::isfinite(out[k])) return false;
        p = next;
    }
    return true;
}

std::string rest_of(const char* b, const char* e) {
    std::string s(b, e);
    const size_t space = s.find_first_of(" \t");
    if (space == std::string::npos) return {};
    const size_t first = s.find_first_not_of(" \t", space);
    if (first == std::string::npos) return {};
    const size_t last = s.find_last_not_of(" \t");
    return s.substr(first, last - first + 1);
}

/// An OBJ index (1-based, or negative = relative to the end) as 0-based, or -1 when invalid.
int resolve(long index, int count) {
    if (index > 0 && index <= count) return static_cast<int>(index - 1);
    if (index < 0 && -index <= count) return static_cast<int>(count + index);
    return -1;
}

}  // namespace

TexturedObj read_textured_obj(const std::string& path) {
    const std::string text = read_all(path);
    std::vector<Eigen::Vector3f> positions;
    std::vector<Eigen::Vector2f> uvs;
    std::map<std::pair<int, int>, int> vertex_of;  // (position, uv) -> vertex
    std::vector<std::pair<int, int>> vertices;
    std::vector<Eigen::Vector3i> triangles;
    TexturedObj out;
    int material = -1;
    bool every_corner_has_uv = true;
    for_each_line(text, [&](int line, const char* b, const char* e) {
        while (b != e && (*b == ' ' || *b == '\t'))
            ++b;
        if (b == e || *b == '#') return;
        float x[3];
        if (starts(b, e, "v")) {
            if (!floats(b, e, 3, x)) bad(path, line, "a vertex needs three finite numbers");
            positions.emplace_back(x[0], x[1], x[2]);
        } else if (starts(b, e, "vt")) {
            if (!floats(b, e, 2, x))
                bad(path, line, "a texture coordinate needs two finite numbers");
            uvs.emplace_back(x[0], x[1]);
        } else if (starts(b, e, "f")) {
            std::istringstream corners(rest_of(b, e));
            std::vector<int> face;
            for (std::string corner; corners >> corner;) {
                char* p = nullptr;
                const long vi = std::strtol(corner.c_str(), &p, 10);
                long ti = 0;
                if (*p == '/' && p[1] != '/' && p[1] != '\0') ti = std::strtol(p + 1, &p, 10);
                const int v = resolve(vi, static_cast<int>(positions.size()));
                if (v < 0) bad(path, line, "a face refers to a vertex that does not exist");
                int t = -1;
                if (ti != 0) {
                    t = resolve(ti, static_cast<int>(uvs.size()));
                    if (t < 0)
                        bad(path, line,
                            "a face refers to a texture coordinate that does not exist");
                }
                every_corner_has_uv = every_corner_has_uv && t >= 0;
                const auto [it, added] =
                    vertex_of.emplace(std::make_pair(v, t), static_cast<int>(vertices.size()));
                if (added) vertices.emplace_back(v, t);
                face.push_back(it->second);
            }
            if (face.size() < 3) bad(path, line, "a face needs at least three corners");
            for (size_t k = 1; k + 1 < face.size(); ++k) {
                triangles.emplace_back(face[0], face[k], face[k + 1]);
                out.triangle_material.push_back(material);
            }
        } else if (starts(b, e, "usemtl")) {
            const std::string name = rest_of(b, e);
            material = -1;
            for (size_t m = 0; m < out.material_names.size(); ++m)
                if (out.material_names[m] == name) material = static_cast<int>(m);
            if (material < 0) {
                material = static_cast<int>(out.material_names.size());
                out.material_names.push_back(name);
            }
        } else if (starts(b, e, "mtllib")) {
            out.material_libraries.push_back(rest_of(b, e));
        }
    });
    if (triangles.empty()) throw RetargetError("'" + path + "' has no faces (is it an OBJ file?)");

    out.position_count = static_cast<int>(positions.size());
    const auto nv = static_cast<Eigen::Index>(vertices.size());
    out.mesh.V.resize(nv, 3);
    if (every_corner_has_uv) out.mesh.UV.resize(nv, 2);
    out.position_of.resize(vertices.size());
    for (Eigen::Index v = 0; v < nv; ++v) {
        const auto [p, t] = vertices[static_cast<size_t>(v)];
        out.position_of[static_cast<size_t>(v)] = p;
        out.mesh.V.row(v) = positions[static_cast<size_t>(p)].transpose();
        if (every_corner_has_uv) out.mesh.UV.row(v) = uvs[static_cast<size_t>(t)].transpose();
    }
    out.mesh.F.resize(static_cast<Eigen::Index>(triangles.size()), 3);
    for (size_t f = 0; f < triangles.size(); ++f)
        out.mesh.F.row(static_cast<Eigen::Index>(f)) = triangles[f].transpose();
    return out;
}

core::MatrixX3fR read_obj_positions(const std::string& path) {
    const std::string text = read_all(path);
    std::vector<Eigen::Vector3f> positions;
    for_each_line(text, [&](int line, const char* b, const char* e) {
        while (b != e && (*b == ' ' || *b == '\t'))
            ++b;
        if (!starts(b, e, "v")) return;
        float x[3];
        if (!floats(b, e, 3, x)) bad(path, line, "a vertex needs three finite numbers");
        positions.emplace_back(x[0], x[1], x[2]);
    });
    core::MatrixX3fR V(static_cast<Eigen::Index>(positions.size()), 3);
    for (size_t v = 0; v < positions.size(); ++v)
        V.row(static_cast<Eigen::Index>(v)) = positions[v].transpose();
    return V;
}

std::vector<CharacterMaterial> read_mtl(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::vector<CharacterMaterial> out;
    if (!in) return out;
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    for_each_line(text, [&](int, const char* b, const char* e) {
        while (b != e && (*b == ' ' || *b == '\t'))
            ++b;
        if (starts(b, e, "newmtl")) {
            out.push_back({});
            out.back().name = rest_of(b, e);
        } else if (!out.empty() && starts(b, e, "Kd")) {
            float x[3];
            if (floats(b, e, 3, x)) out.back().diffuse = Eigen::Vector3f(x[0], x[1], x[2]);
        } else if (!out.empty() && starts(b, e, "map_Kd")) {
            // Options such as "-s 1 1 1" may precede the file name: keep the last word.
            const std::string rest = rest_of(b, e);
            const size_t space = rest.find_last_of(" \t");
            out.back().texture = space == std::string::npos ? rest : rest.substr(space + 1);
        }
    });
    return out;
}

}  // namespace likeness::retarget
