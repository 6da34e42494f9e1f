#include "engine/io/fbx_node_writer.hpp"

#include "engine/io/export_error.hpp"

namespace likeness::io {
namespace {

constexpr uint32_t kVersion = 7400;
constexpr char kMagic[] = "Kaydara FBX Binary  ";  // + "\0\x1a\0", then the version
constexpr size_t kNullRecordBytes = 13;            // 3 x u32 + u8 name length, all zero
// The footer of FBX 7.x: a 16-byte id, zero padding to a 16-byte boundary, the version, 120
// zero bytes and a fixed 16-byte magic. Readers check only its presence; the id is the one
// FBX SDK writes for the fixed creation time every exporter here uses.
constexpr unsigned char kFooterId[16] = {0xfa, 0xbc, 0xab, 0x09, 0xd0, 0xc8, 0xd4, 0x66,
                                         0xb1, 0x76, 0xfb, 0x83, 0x1c, 0xf7, 0x26, 0x7e};
constexpr unsigned char kFooterMagic[16] = {0xf8, 0x5a, 0x8c, 0x6a, 0xde, 0xf5, 0xd9, 0x7e,
                                            0xec, 0xe9, 0x0c, 0xe3, 0x75, 0x8f, 0x29, 0x0b};

[[noreturn]] void internal(const char* why) {
    throw ExportError(std::string("internal error in the FBX writer: ") + why);
}

}  // namespace

FbxNodeWriter::FbxNodeWriter(AtomicFile& out) : out_(out) {
    out_.write(kMagic, sizeof kMagic - 1);
    const char tail[3] = {0, 0x1a, 0};
    out_.write(tail, 3);
    out_.write_le(kVersion);
}

void FbxNodeWriter::open_scope() {
    if (open_.empty()) internal("open_scope() outside a node");
    Open& node = open_.back();
    if (node.array_left) internal("array not complete");
    if (node.has_children) return;
    node.has_children = true;
    const uint32_t prop_bytes = static_cast<uint32_t>(out_.tell() - node.props_start);
    out_.patch(node.header_offset + 4, &node.prop_count, 4);
    out_.patch(node.header_offset + 8, &prop_bytes, 4);
}

void FbxNodeWriter::begin(std::string_view name) {
    if (finished_) internal("node after finish()");
    if (name.size() > 255) internal("node name longer than 255 bytes");
    if (!open_.empty()) open_scope();
    Open node;
    node.header_offset = out_.tell();
    const uint32_t placeholder[3] = {0, 0, 0};
    out_.write(placeholder, sizeof placeholder);
    out_.write_le(static_cast<uint8_t>(name.size()));
    out_.write(name);
    node.props_start = out_.tell();
    open_.push_back(node);
}

void FbxNodeWriter::end() {
    if (open_.empty()) internal("end() without begin()");
    Open node = open_.back();
    open_.pop_back();
    if (node.array_left) internal("array not complete");
    if (!node.has_children) {
        const uint32_t prop_bytes = static_cast<uint32_t>(out_.tell() - node.props_start);
        out_.patch(node.header_offset + 4, &node.prop_count, 4);
        out_.patch(node.header_offset + 8, &prop_bytes, 4);
    }
    if (node.has_children || node.prop_count == 0) {
        const char zeros[kNullRecordBytes] = {};
        out_.write(zeros, sizeof zeros);
    }
    const uint64_t end = out_.tell();
    if (end > 0xFFFFFFFFull)
        throw ExportError(
            "the FBX file would exceed 4 GiB, the limit of FBX 7.4; export a "
            "shorter take or use glTF");
    const uint32_t end32 = static_cast<uint32_t>(end);
    out_.patch(node.header_offset, &end32, 4);
}

void FbxNodeWriter::finish() {
    if (!open_.empty()) internal("finish() with open nodes");
    if (finished_) return;
    finished_ = true;
    const char zeros[kNullRecordBytes] = {};
    out_.write(zeros, sizeof zeros);
    out_.write(kFooterId, sizeof kFooterId);
    const uint64_t at = out_.tell();
    uint64_t pad = ((at + 15) & ~uint64_t{15}) - at;
    if (pad == 0) pad = 16;
    const char zero16[16] = {};
    out_.write(zero16, pad);
    out_.write_le(kVersion);
    const char zero120[120] = {};
    out_.write(zero120, sizeof zero120);
    out_.write(kFooterMagic, sizeof kFooterMagic);
}

void FbxNodeWriter::property_type(char code) {
    if (open_.empty()) internal("property outside a node");
    Open& node = open_.back();
    if (node.has_children) internal("property after a child node");
    if (node.array_left) internal("array not complete");
    ++node.prop_count;
    out_.write(&code, 1);
}

void FbxNodeWriter::prop_bool(bool v) {
    property_type('C');
    out_.write_le(static_cast<uint8_t>(v ? 1 : 0));
}
void FbxNodeWriter::prop_i32(int32_t v) {
    property_type('I');
    out_.write_le(v);
}
void FbxNodeWriter::prop_i64(int64_t v) {
    property_type('L');
    out_.write_le(v);
}
void FbxNodeWriter::prop_f64(double v) {
    property_type('D');
    out_.write_le(v);
}
void FbxNodeWriter::prop_string(std::string_view v) {
    property_type('S');
    out_.write_le(static_cast<uint32_t>(v.size()));
    out_.write(v);
}
void FbxNodeWriter::prop_raw(std::string_view bytes) {
    property_type('R');
    out_.write_le(static_cast<uint32_t>(bytes.size()));
    out_.write(bytes);
}
void FbxNodeWriter::prop_name(std::string_view name, std::string_view object_class) {
    std::string s(name);
    s += '\0';
    s += '\x01';
    s += object_class;
    prop_string(s);
}

void FbxNodeWriter::begin_array(char code, uint32_t count, uint32_t element_bytes) {
    property_type(code);
    out_.write_le(count);
    out_.write_le(uint32_t{0});  // encoding 0: raw, no zlib
    const uint64_t bytes = uint64_t{count} * element_bytes;
    if (bytes > 0xFFFFFFFFull) throw ExportError("an FBX array would exceed 4 GiB");
    out_.write_le(static_cast<uint32_t>(bytes));
    open_.back().array_left = count;
}

void FbxNodeWriter::push(const void* v, size_t bytes) {
    if (open_.empty() || open_.back().array_left == 0) internal("array element beyond its count");
    --open_.back().array_left;
    out_.write(v, bytes);
}

void FbxNodeWriter::prop_array_i32(const std::vector<int32_t>& v) {
    begin_array_i32(static_cast<uint32_t>(v.size()));
    for (int32_t x : v)
        push_i32(x);
}
void FbxNodeWriter::prop_array_f64(const std::vector<double>& v) {
    begin_array_f64(static_cast<uint32_t>(v.size()));
    for (double x : v)
        push_f64(x);
}

void FbxNodeWriter::leaf_i32(std::string_view name, int32_t v) {
    begin(name);
    prop_i32(v);
    end();
}
void FbxNodeWriter::leaf_i64(std::string_view name, int64_t v) {
    begin(name);
    prop_i64(v);
    end();
}
void FbxNodeWriter::leaf_f64(std::string_view name, double v) {
    begin(name);
    prop_f64(v);
    end();
}
void FbxNodeWriter::leaf_string(std::string_view name, std::string_view v) {
    begin(name);
    prop_string(v);
    end();
}

void FbxNodeWriter::p_head(std::string_view name, std::string_view type, std::string_view label,
                           std::string_view flags) {
    begin("P");
    prop_string(name);
    prop_string(type);
    prop_string(label);
    prop_string(flags);
}
void FbxNodeWriter::p_i32(std::string_view name, std::string_view type, std::string_view label,
                          std::string_view flags, int32_t v) {
    p_head(name, type, label, flags);
    prop_i32(v);
    end();
}
void FbxNodeWriter::p_i64(std::string_view name, std::string_view type, std::string_view label,
                          std::string_view flags, int64_t v) {
    p_head(name, type, label, flags);
    prop_i64(v);
    end();
}
void FbxNodeWriter::p_f64(std::string_view name, std::string_view type, std::string_view label,
                          std::string_view flags, double v) {
    p_head(name, type, label, flags);
    prop_f64(v);
    end();
}
void FbxNodeWriter::p_vec3(std::string_view name, std::string_view type, std::string_view label,
                           std::string_view flags, double x, double y, double z) {
    p_head(name, type, label, flags);
    prop_f64(x);
    prop_f64(y);
    prop_f64(z);
    end();
}
void FbxNodeWriter::p_string(std::string_view name, std::string_view type, std::string_view label,
                             std::string_view flags, std::string_view v) {
    p_head(name, type, label, flags);
    prop_string(v);
    end();
}

}  // namespace likeness::io
