#include "engine/face/canonical_mesh.hpp"

#include <cstdint>
#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>
#include <vector>

#include "engine/face/template_error.hpp"

namespace likeness::face {
namespace {

constexpr const char* kPackedData = "face_mesh_solution_packed_assets.data";
constexpr const char* kPackedLoader = "face_mesh_solution_packed_assets_loader.js";
constexpr const char* kMeshFile = "geometry_pipeline_metadata_landmarks.binarypb";
constexpr int kCanonicalTriangles = 898;

// A bounds-checked reader of protobuf wire format (only what the geometry metadata uses).
class WireReader {
  public:
    WireReader(const char* data, size_t size) : p_(data), end_(data + size) {}
    bool done() const { return p_ >= end_; }

    uint64_t varint() {
        uint64_t value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (p_ >= end_) throw TemplateError("truncated varint");
            const auto byte = static_cast<uint8_t>(*p_++);
            value |= static_cast<uint64_t>(byte & 0x7f) << shift;
            if (byte < 0x80) return value;
        }
        throw TemplateError("varint longer than 10 bytes");
    }
    float fixed32_float() {
        if (end_ - p_ < 4) throw TemplateError("truncated float");
        float f;
        std::memcpy(&f, p_, 4);  // little-endian on every platform we build for
        p_ += 4;
        return f;
    }
    WireReader sub_message() {
        const uint64_t length = varint();
        if (length > static_cast<uint64_t>(end_ - p_)) throw TemplateError("truncated field");
        WireReader sub(p_, static_cast<size_t>(length));
        p_ += length;
        return sub;
    }
    void skip(int wire_type) {
        switch (wire_type) {
            case 0:
                varint();
                break;
            case 1:
                advance(8);
                break;
            case 2:
                sub_message();
                break;
            case 5:
                advance(4);
                break;
            default:
                throw TemplateError("unsupported wire type " + std::to_string(wire_type));
        }
    }

  private:
    void advance(size_t n) {
        if (static_cast<size_t>(end_ - p_) < n) throw TemplateError("truncated field");
        p_ += n;
    }
    const char* p_;
    const char* end_;
};

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw TemplateError("cannot open '" + path + "'");
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

core::Mesh parse_canonical_mesh_protobuf(const std::string& bytes) {
    std::vector<float> vertex_buffer;  // x, y, z, u, v per vertex
    std::vector<uint64_t> index_buffer;
    bool have_mesh = false;
    WireReader top(bytes.data(), bytes.size());
    while (!top.done()) {
        const uint64_t key = top.varint();
        const int field = static_cast<int>(key >> 3), wire = static_cast<int>(key & 7);
        if (field != 1 || wire != 2) {
            top.skip(wire);
            continue;
        }
        have_mesh = true;
        WireReader mesh = top.sub_message();
        while (!mesh.done()) {
            const uint64_t mkey = mesh.varint();
            const int mfield = static_cast<int>(mkey >> 3), mwire = static_cast<int>(mkey & 7);
            if (mfield == 3 && mwire == 5) {
                vertex_buffer.push_back(mesh.fixed32_float());
            } else if (mfield == 3 && mwire == 2) {  // packed encoding, accepted as well
                WireReader packed = mesh.sub_message();
                while (!packed.done())
                    vertex_buffer.push_back(packed.fixed32_float());
            } else if (mfield == 4 && mwire == 0) {
                index_buffer.push_back(mesh.varint());
            } else if (mfield == 4 && mwire == 2) {
                WireReader packed = mesh.sub_message();
                while (!packed.done())
                    index_buffer.push_back(packed.varint());
            } else {
                mesh.skip(mwire);
            }
        }
    }
    if (!have_mesh) throw TemplateError("no Mesh3d (field 1) in the geometry metadata");
    if (vertex_buffer.size() != static_cast<size_t>(kLandmarkCount) * 5)
        throw TemplateError("expected " + std::to_string(kLandmarkCount) +
                            " vertices (x,y,z,u,v), found " + std::to_string(vertex_buffer.size()) +
                            " floats");
    if (index_buffer.size() != static_cast<size_t>(kCanonicalTriangles) * 3)
        throw TemplateError("expected " + std::to_string(kCanonicalTriangles) +
                            " triangles, found " + std::to_string(index_buffer.size()) +
                            " indices");

    core::Mesh m;
    m.name = "mediapipe_canonical_face";
    m.V.resize(kLandmarkCount, 3);
    m.UV.resize(kLandmarkCount, 2);
    for (int i = 0; i < kLandmarkCount; ++i) {
        const float* x = &vertex_buffer[static_cast<size_t>(i) * 5];
        m.V.row(i) << x[0], x[1], x[2];
        m.UV.row(i) << x[3], 1.f - x[4];  // the package's v grows downwards
    }
    m.F.resize(kCanonicalTriangles, 3);
    for (int f = 0; f < kCanonicalTriangles; ++f)
        for (int k = 0; k < 3; ++k) {
            const uint64_t idx = index_buffer[static_cast<size_t>(f) * 3 + k];
            if (idx >= static_cast<uint64_t>(kLandmarkCount))
                throw TemplateError("triangle index " + std::to_string(idx) + " out of range");
            m.F(f, k) = static_cast<int>(idx);
        }
    if (!m.V.allFinite() || !m.UV.allFinite())
        throw TemplateError("non-finite vertex data in the geometry metadata");
    return m;
}

core::Mesh read_canonical_mesh(const std::string& package_folder) {
    const std::string loader_path = package_folder + "/" + kPackedLoader;
    const std::string data_path = package_folder + "/" + kPackedData;
    const std::string loader = read_file(loader_path);
    // The loader lists {"filename": "...", "start": N, "end": M} for every packed file.
    const std::regex entry(
        std::string("\"filename\"\\s*:\\s*\"[^\"]*") + kMeshFile +
        "\"\\s*,\\s*\"start\"\\s*:\\s*([0-9]+)\\s*,\\s*\"end\"\\s*:\\s*([0-9]+)");
    std::smatch match;
    if (!std::regex_search(loader, match, entry))
        throw TemplateError("'" + loader_path + "' does not list " + kMeshFile +
                            "; is @mediapipe/face_mesh the pinned version?");
    const long long start = std::stoll(match[1].str()), end = std::stoll(match[2].str());
    const std::string data = read_file(data_path);
    if (start < 0 || end <= start || end > static_cast<long long>(data.size()))
        throw TemplateError("'" + data_path + "' is shorter than the loader says (" +
                            std::to_string(data.size()) + " bytes, mesh ends at " +
                            std::to_string(end) + "); reinstall the model packages");
    try {
        return parse_canonical_mesh_protobuf(
            data.substr(static_cast<size_t>(start), static_cast<size_t>(end - start)));
    } catch (const TemplateError& e) {
        throw TemplateError("'" + data_path + "': canonical mesh: " + e.what());
    }
}

}  // namespace likeness::face
