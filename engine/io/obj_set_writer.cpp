#include "engine/io/obj_set_writer.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "engine/io/atomic_file.hpp"
#include "engine/io/export_checks.hpp"
#include "engine/io/export_error.hpp"
#include "engine/io/png_texture.hpp"

namespace likeness::io {
namespace {

/// A file name made of the characters every file system accepts.
std::string safe_file_name(const std::string& name) {
    std::string out;
    for (char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
        out += ok ? c : '_';
    }
    if (out.empty() || out[0] == '.') out = "_" + out;
    return out;
}

class LineWriter {
  public:
    explicit LineWriter(AtomicFile& out) : out_(out) {}
    template <typename... A>
    void line(const char* format, A... args) {
        const int n = std::snprintf(buffer_, sizeof buffer_, format, args...);
        out_.write(buffer_, static_cast<size_t>(std::min<int>(n, sizeof buffer_ - 1)));
    }

  private:
    AtomicFile& out_;
    char buffer_[256];
};

uint64_t write_obj(const std::string& path, const core::Mesh& mesh, const core::MatrixX3fR& V,
                   const core::MatrixX3fR* N, const std::string& mtl_file,
                   const std::string& material, const std::string& title) {
    AtomicFile out(path);
    LineWriter w(out);
    w.line("# Likeness %s: model space, cm; +x subject's left, +y up, +z out of the face\n",
           title.c_str());
    if (!mtl_file.empty()) w.line("mtllib %s\n", mtl_file.c_str());
    w.line("o %s\n", title.c_str());
    for (Eigen::Index v = 0; v < V.rows(); ++v)
        w.line("v %.6g %.6g %.6g\n", V(v, 0), V(v, 1), V(v, 2));
    const bool uv = mesh.UV.rows() == V.rows();
    if (uv)
        for (Eigen::Index v = 0; v < V.rows(); ++v)
            w.line("vt %.6f %.6f\n", mesh.UV(v, 0), mesh.UV(v, 1));
    if (N)
        for (Eigen::Index v = 0; v < N->rows(); ++v)
            w.line("vn %.5f %.5f %.5f\n", (*N)(v, 0), (*N)(v, 1), (*N)(v, 2));
    if (!material.empty()) w.line("usemtl %s\n", material.c_str());
    w.line("s 1\n");
    for (Eigen::Index f = 0; f < mesh.F.rows(); ++f) {
        const int a = mesh.F(f, 0) + 1, b = mesh.F(f, 1) + 1, c = mesh.F(f, 2) + 1;
        if (uv && N)
            w.line("f %d/%d/%d %d/%d/%d %d/%d/%d\n", a, a, a, b, b, b, c, c, c);
        else if (uv)
            w.line("f %d/%d %d/%d %d/%d\n", a, a, b, b, c, c);
        else if (N)
            w.line("f %d//%d %d//%d %d//%d\n", a, a, b, b, c, c);
        else
            w.line("f %d %d %d\n", a, b, c);
    }
    const uint64_t bytes = out.tell();
    out.commit();
    return bytes;
}

std::string mtl_text(const std::string& material, const std::string& texture) {
    std::string s = "# Likeness material\nnewmtl " + material +
                    "\nKa 0 0 0\nKd 1 1 1\nKs 0.1 0.1 0.1\nNs 10\nillum 2\n";
    if (!texture.empty()) s += "map_Kd " + texture + "\n";
    return s;
}

}  // namespace

ExportedFiles write_obj_set(const core::BlendshapeRig& rig, const std::string& folder,
                            const ObjSetOptions& options, const core::Progress& progress) {
    check_rig(rig);
    ensure_folder(folder);
    const std::string base = safe_file_name(rig.name);
    const std::string dir = (std::filesystem::path(folder) / "").string();
    const bool textured = options.texture && !rig.albedo.empty();
    const bool dynamic = textured && options.dynamic_albedo && !rig.dynamic_albedo.empty();
    ExportedFiles files;
    auto add = [&files](const std::string& path, uint64_t bytes) {
        files.paths.push_back(path);
        files.bytes += bytes;
    };
    progress.report(0.0, "writing OBJ set");

    std::string mtl_name;
    if (textured) {
        const std::string png = encode_png_rgb(rig.albedo);
        write_file_atomically(dir + base + ".png", png);
        mtl_name = base + ".mtl";
        const std::string mtl = mtl_text(base, base + ".png");
        write_file_atomically(dir + mtl_name, mtl);
        add(dir + base + ".png", png.size());
        add(dir + mtl_name, mtl.size());
    }
    const core::MatrixX3fR normals = core::neutral_normals(rig);
    const core::MatrixX3fR* n0 = options.normals ? &normals : nullptr;
    const std::string neutral = dir + base + ".obj";
    add(neutral, write_obj(neutral, rig.neutral, rig.neutral.V, n0, mtl_name, textured ? base : "",
                           rig.name + " neutral"));
    // The main file first, as ExportedFiles promises.
    std::rotate(files.paths.begin(), files.paths.end() - 1, files.paths.end());

    if (rig.shape_count() == 0) return files;
    ensure_folder(dir + "shapes");
    core::Mesh shape_mesh = rig.neutral;
    for (int i = 0; i < rig.shape_count(); ++i) {
        progress.check();
        progress.report(static_cast<double>(i) / rig.shape_count(), "writing OBJ shapes");
        const std::string& name = rig.shape_names[static_cast<size_t>(i)];
        const std::string file = safe_file_name(name);
        shape_mesh.V = rig.neutral.V + rig.deltas[static_cast<size_t>(i)];
        core::MatrixX3fR shape_normals;
        if (options.normals)
            shape_normals =
                rig.normal_deltas.empty()
                    ? core::vertex_normals(shape_mesh)
                    : core::MatrixX3fR(normals + rig.normal_deltas[static_cast<size_t>(i)]);
        std::string mtl, material;
        if (dynamic) {
            const std::string png = encode_png_rgb(core::shape_albedo(rig, i));
            write_file_atomically(dir + "shapes/" + file + ".png", png);
            mtl = file + ".mtl";
            material = base + "_" + file;
            const std::string text = mtl_text(material, file + ".png");
            write_file_atomically(dir + "shapes/" + mtl, text);
            add(dir + "shapes/" + file + ".png", png.size());
            add(dir + "shapes/" + mtl, text.size());
        } else if (textured) {
            mtl = "../" + mtl_name;
            material = base;
        }
        const std::string path = dir + "shapes/" + file + ".obj";
        add(path, write_obj(path, rig.neutral, shape_mesh.V,
                            options.normals ? &shape_normals : nullptr, mtl, material, name));
    }
    progress.report(1.0, "OBJ set written");
    return files;
}

}  // namespace likeness::io
