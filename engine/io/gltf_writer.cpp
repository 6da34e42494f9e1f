#include "engine/io/gltf_writer.hpp"

#include <Eigen/Geometry>
#include <algorithm>
#include <filesystem>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>

#include "engine/core/version.hpp"
#include "engine/io/atomic_file.hpp"
#include "engine/io/export_checks.hpp"
#include "engine/io/export_error.hpp"
#include "engine/io/png_texture.hpp"
#include "engine/io/shape_weight_map.hpp"

namespace likeness::io {
namespace {

using nlohmann::json;

constexpr float kMetresPerCm = 0.01f;
constexpr int kFloat = 5126, kUnsignedShort = 5123, kUnsignedInt = 5125;
constexpr int kArrayBuffer = 34962, kElementArrayBuffer = 34963;
constexpr uint32_t kGlbMagic = 0x46546C67, kJsonChunk = 0x4E4F534A, kBinChunk = 0x004E4942;

/// One piece of the binary buffer: its size is known before anything is written, so the JSON
/// (which holds every offset) can be written first and the data streamed after it.
struct Segment {
    uint64_t bytes = 0;
    std::function<void(AtomicFile&)> write;
};

uint64_t padded4(uint64_t n) {
    return (n + 3) & ~uint64_t{3};
}

class BufferLayout {
  public:
    /// Adds a segment as a bufferView; returns the bufferView index.
    int add_view(json& gltf, uint64_t bytes, std::function<void(AtomicFile&)> write,
                 int target = 0) {
        json view = {{"buffer", 0}, {"byteOffset", offset_}, {"byteLength", bytes}};
        if (target) view["target"] = target;
        gltf["bufferViews"].push_back(view);
        segments_.push_back({bytes, std::move(write)});
        offset_ += padded4(bytes);
        return static_cast<int>(gltf["bufferViews"].size()) - 1;
    }
    uint64_t size() const { return offset_; }

    /// Streams every segment (4-byte aligned, zero padding) into `out`.
    void write(AtomicFile& out, const core::Progress& progress, double from, double to) const {
        uint64_t done = 0;
        for (const Segment& s : segments_) {
            progress.check();
            const uint64_t start = out.tell();
            s.write(out);
            if (out.tell() - start != s.bytes)
                throw ExportError("internal error: a glTF buffer segment has the wrong size");
            static const char kZeros[4] = {0, 0, 0, 0};
            out.write(kZeros, padded4(s.bytes) - s.bytes);
            done += padded4(s.bytes);
            progress.report(from + (to - from) * static_cast<double>(done) / offset_,
                            "writing glTF data");
        }
    }

  private:
    std::vector<Segment> segments_;
    uint64_t offset_ = 0;
};

int add_accessor(json& gltf, int view, int component, uint64_t count, const char* type) {
    gltf["accessors"].push_back(
        {{"bufferView", view}, {"componentType", component}, {"count", count}, {"type", type}});
    return static_cast<int>(gltf["accessors"].size()) - 1;
}

void set_bounds(json& gltf, int accessor, const Eigen::RowVector3f& lo,
                const Eigen::RowVector3f& hi) {
    gltf["accessors"][static_cast<size_t>(accessor)]["min"] = {lo[0], lo[1], lo[2]};
    gltf["accessors"][static_cast<size_t>(accessor)]["max"] = {hi[0], hi[1], hi[2]};
}

/// Writes a #V by 3 matrix scaled by `scale` as float VEC3.
std::function<void(AtomicFile&)> vec3_writer(const core::MatrixX3fR& M, float scale) {
    return [&M, scale](AtomicFile& out) {
        for (Eigen::Index r = 0; r < M.rows(); ++r) {
            const float v[3] = {M(r, 0) * scale, M(r, 1) * scale, M(r, 2) * scale};
            out.write(v, sizeof v);
        }
    };
}

Eigen::Quaternionf quaternion(const Eigen::Vector3f& axis_angle) {
    const float angle = axis_angle.norm();
    if (angle <= 0.f) return Eigen::Quaternionf::Identity();
    return Eigen::Quaternionf(Eigen::AngleAxisf(angle, axis_angle / angle));
}

struct Built {
    json gltf;
    BufferLayout layout;
    std::string png;  ///< albedo PNG bytes (empty without a texture)
};

void add_mesh(const core::BlendshapeRig& rig, const GltfOptions& options,
              const core::MatrixX3fR& normals, Built& b) {
    json& g = b.gltf;
    const core::Mesh& m = rig.neutral;
    const uint64_t nv = static_cast<uint64_t>(m.V.rows());
    json attributes;

    const int pos_view =
        b.layout.add_view(g, nv * 12, vec3_writer(m.V, kMetresPerCm), kArrayBuffer);
    const int pos = add_accessor(g, pos_view, kFloat, nv, "VEC3");
    set_bounds(g, pos, m.V.colwise().minCoeff() * kMetresPerCm,
               m.V.colwise().maxCoeff() * kMetresPerCm);
    attributes["POSITION"] = pos;
    const int nrm_view = b.layout.add_view(g, nv * 12, vec3_writer(normals, 1.f), kArrayBuffer);
    attributes["NORMAL"] = add_accessor(g, nrm_view, kFloat, nv, "VEC3");
    if (m.UV.rows() == m.V.rows()) {
        const int uv_view = b.layout.add_view(
            g, nv * 8,
            [&m](AtomicFile& out) {
                for (Eigen::Index r = 0; r < m.UV.rows(); ++r) {
                    const float uv[2] = {m.UV(r, 0), 1.f - m.UV(r, 1)};  // glTF: v down
                    out.write(uv, sizeof uv);
                }
            },
            kArrayBuffer);
        attributes["TEXCOORD_0"] = add_accessor(g, uv_view, kFloat, nv, "VEC2");
    }
    const bool short_indices = nv <= 65535;
    const uint64_t ni = static_cast<uint64_t>(m.F.size());
    const int idx_view = b.layout.add_view(
        g, ni * (short_indices ? 2 : 4),
        [&m, short_indices](AtomicFile& out) {
            for (Eigen::Index f = 0; f < m.F.rows(); ++f)
                for (int k = 0; k < 3; ++k) {
                    if (short_indices)
                        out.write_le(static_cast<uint16_t>(m.F(f, k)));
                    else
                        out.write_le(static_cast<uint32_t>(m.F(f, k)));
                }
        },
        kElementArrayBuffer);
    const int indices =
        add_accessor(g, idx_view, short_indices ? kUnsignedShort : kUnsignedInt, ni, "SCALAR");

    json targets = json::array();
    const bool normal_targets = options.normal_targets && !rig.normal_deltas.empty();
    for (int i = 0; i < rig.shape_count(); ++i) {
        const core::MatrixX3fR& d = rig.deltas[static_cast<size_t>(i)];
        json target;
        const int view = b.layout.add_view(g, nv * 12, vec3_writer(d, kMetresPerCm), kArrayBuffer);
        const int accessor = add_accessor(g, view, kFloat, nv, "VEC3");
        set_bounds(g, accessor, d.colwise().minCoeff() * kMetresPerCm,
                   d.colwise().maxCoeff() * kMetresPerCm);
        target["POSITION"] = accessor;
        if (normal_targets) {
            const int nview = b.layout.add_view(
                g, nv * 12, vec3_writer(rig.normal_deltas[static_cast<size_t>(i)], 1.f),
                kArrayBuffer);
            target["NORMAL"] = add_accessor(g, nview, kFloat, nv, "VEC3");
        }
        targets.push_back(target);
    }

    json primitive = {{"attributes", attributes}, {"indices", indices}, {"mode", 4}};
    if (rig.shape_count() > 0) primitive["targets"] = targets;
    if (options.texture && !rig.albedo.empty() && m.UV.rows() == m.V.rows()) {
        b.png = encode_png_rgb(rig.albedo);
        primitive["material"] = 0;
        g["materials"] = json::array({{{"name", rig.name + "_albedo"},
                                       {"pbrMetallicRoughness",
                                        {{"baseColorTexture", {{"index", 0}}},
                                         {"metallicFactor", 0.0},
                                         {"roughnessFactor", 0.7}}}}});
        g["samplers"] = json::array({{{"magFilter", 9729}, {"minFilter", 9987}}});
        g["textures"] = json::array({{{"sampler", 0}, {"source", 0}}});
    }
    json mesh = {{"name", rig.name}, {"primitives", json::array({primitive})}};
    if (rig.shape_count() > 0) {
        mesh["weights"] = std::vector<float>(static_cast<size_t>(rig.shape_count()), 0.f);
        mesh["extras"] = {{"targetNames", rig.shape_names}};
    }
    g["meshes"] = json::array({mesh});
}

void add_animation(const core::BlendshapeRig& rig, const core::Take& take,
                   const GltfOptions& options, const core::HeldFrames& held,
                   const std::vector<int>& columns, Built& b) {
    json& g = b.gltf;
    const uint64_t n = static_cast<uint64_t>(take.frame_count());
    const double fps = take.fps;
    const int time_view = b.layout.add_view(g, n * 4, [n, fps](AtomicFile& out) {
        for (uint64_t i = 0; i < n; ++i)
            out.write_le(static_cast<float>(i / fps));
    });
    const int times = add_accessor(g, time_view, kFloat, n, "SCALAR");
    g["accessors"][static_cast<size_t>(times)]["min"] = {0.0};
    g["accessors"][static_cast<size_t>(times)]["max"] = {static_cast<float>((n - 1) / fps)};

    json samplers = json::array(), channels = json::array();
    auto add_channel = [&](int output, const char* path) {
        samplers.push_back({{"input", times}, {"output", output}, {"interpolation", "LINEAR"}});
        channels.push_back(
            {{"sampler", samplers.size() - 1}, {"target", {{"node", 0}, {"path", path}}}});
    };
    const uint64_t s = static_cast<uint64_t>(rig.shape_count());
    if (s > 0) {
        const int view = b.layout.add_view(g, n * s * 4, [&held, &columns](AtomicFile& out) {
            std::vector<float> row(columns.size());
            for (int i = 0; i < held.size(); ++i) {
                const core::TakeFrame& f = held[i];
                for (size_t k = 0; k < columns.size(); ++k)
                    row[k] = columns[k] < 0 ? 0.f : f.weights[static_cast<size_t>(columns[k])];
                out.write(row.data(), row.size() * sizeof(float));
            }
        });
        add_channel(add_accessor(g, view, kFloat, n * s, "SCALAR"), "weights");
    }
    if (options.head_motion != HeadMotion::kNone) {
        const int view = b.layout.add_view(g, n * 16, [&held](AtomicFile& out) {
            Eigen::Quaternionf previous = Eigen::Quaternionf::Identity();
            for (int i = 0; i < held.size(); ++i) {
                Eigen::Quaternionf q = quaternion(held[i].head_rotation);
                // q and -q are the same rotation; keep neighbours in one hemisphere so the
                // interpolation between keys takes the short way.
                if (q.dot(previous) < 0.f) q.coeffs() = -q.coeffs();
                previous = q;
                const float xyzw[4] = {q.x(), q.y(), q.z(), q.w()};
                out.write(xyzw, sizeof xyzw);
            }
        });
        add_channel(add_accessor(g, view, kFloat, n, "VEC4"), "rotation");
    }
    if (options.head_motion == HeadMotion::kCameraSpace) {
        const int view = b.layout.add_view(g, n * 12, [&held](AtomicFile& out) {
            for (int i = 0; i < held.size(); ++i) {
                const Eigen::Vector3f t = held[i].head_translation_cm * kMetresPerCm;
                out.write(t.data(), 12);
            }
        });
        add_channel(add_accessor(g, view, kFloat, n, "VEC3"), "translation");
    }
    g["animations"] = json::array({{{"name", take.name},
                                    {"samplers", samplers},
                                    {"channels", channels},
                                    {"extras", {{"fps", fps}, {"frames", n}}}}});
}

}  // namespace

ExportedFiles write_gltf(const core::BlendshapeRig& rig, const core::Take* take,
                         const std::string& path, const GltfOptions& options,
                         const core::Progress& progress) {
    check_rig(rig);
    if (take) check_take(*take);
    const bool animate = take && take->frame_count() > 0;
    const std::vector<int> columns =
        animate && rig.shape_count() > 0 ? take_columns_or_throw(rig) : take_columns(rig);
    progress.report(0.0, "preparing glTF");

    Built b;
    json& g = b.gltf;
    g["asset"] = {{"version", "2.0"},
                  {"generator", "Likeness " + core::version()},
                  {"extras", {{"units", "metres"}, {"source_units", "cm"}}}};
    g["bufferViews"] = json::array();
    g["accessors"] = json::array();
    const core::MatrixX3fR normals = core::neutral_normals(rig);
    add_mesh(rig, options, normals, b);

    json node = {{"name", rig.name}, {"mesh", 0}};
    std::unique_ptr<core::HeldFrames> held;
    if (animate) {
        held = std::make_unique<core::HeldFrames>(*take);
        const core::TakeFrame& first = (*held)[0];
        if (options.head_motion != HeadMotion::kNone) {
            const Eigen::Quaternionf q = quaternion(first.head_rotation);
            node["rotation"] = {q.x(), q.y(), q.z(), q.w()};
        }
        if (options.head_motion == HeadMotion::kCameraSpace) {
            const Eigen::Vector3f t = first.head_translation_cm * kMetresPerCm;
            node["translation"] = {t.x(), t.y(), t.z()};
        }
        add_animation(rig, *take, options, *held, columns, b);
    }
    g["nodes"] = json::array({node});
    g["scenes"] = json::array({{{"name", rig.name}, {"nodes", {0}}}});
    g["scene"] = 0;

    const std::string stem = stem_of(path);
    ExportedFiles files;
    if (options.binary) {
        if (!b.png.empty()) {
            const std::string* png = &b.png;
            const int view =
                b.layout.add_view(g, png->size(), [png](AtomicFile& out) { out.write(*png); });
            g["images"] = json::array(
                {{{"name", stem + "_albedo"}, {"bufferView", view}, {"mimeType", "image/png"}}});
        }
        g["buffers"] = json::array({{{"byteLength", b.layout.size()}}});
        std::string text = g.dump();
        text.resize(padded4(text.size()), ' ');
        AtomicFile out(path);
        out.write_le(kGlbMagic);
        out.write_le(uint32_t{2});
        const uint64_t total = 12 + 8 + text.size() + 8 + b.layout.size();
        if (total > 0xFFFFFFFFull)
            throw ExportError("the take is too long for a .glb (over 4 GiB); export .gltf");
        out.write_le(static_cast<uint32_t>(total));
        out.write_le(static_cast<uint32_t>(text.size()));
        out.write_le(kJsonChunk);
        out.write(text);
        out.write_le(static_cast<uint32_t>(b.layout.size()));
        out.write_le(kBinChunk);
        b.layout.write(out, progress, 0.05, 0.99);
        out.commit();
        files.paths.push_back(path);
        files.bytes = total;
    } else {
        const std::string bin_path = replace_extension(path, ".bin");
        const std::string png_path = replace_extension(path, ".png");
        g["buffers"] =
            json::array({{{"byteLength", b.layout.size()},
                          {"uri", std::filesystem::path(bin_path).filename().string()}}});
        if (!b.png.empty())
            g["images"] =
                json::array({{{"name", stem + "_albedo"},
                              {"uri", std::filesystem::path(png_path).filename().string()}}});
        const std::string text = g.dump(1);
        // The .gltf goes last: it never refers to a .bin or .png that is not there yet.
        AtomicFile bin(bin_path);
        b.layout.write(bin, progress, 0.0, 0.97);
        bin.commit();
        if (!b.png.empty()) write_file_atomically(png_path, b.png);
        write_file_atomically(path, text);
        files.paths = {path, bin_path};
        if (!b.png.empty()) files.paths.push_back(png_path);
        files.bytes = text.size() + b.layout.size() + b.png.size();
    }
    progress.report(1.0, "glTF written");
    return files;
}

}  // namespace likeness::io
