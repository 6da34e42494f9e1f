#pragma once
// FbxNodeWriter: the record layer of binary FBX 7.4 (what Blender, Maya, Unreal and the FBX SDK
// read), streamed to an AtomicFile. A file is a header, a tree of nodes and a footer; a node is
//   end offset (u32) | property count (u32) | property bytes (u32) | name length (u8) | name
//   | properties (type code + little-endian value) | children | 13 zero bytes when it has
//   children or no properties.
// Offsets and counts are known only once a node ends, so its header is written as a
// placeholder and patched: arrays of any length stream straight to the file.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/io/atomic_file.hpp"

namespace likeness::io {

class FbxNodeWriter {
  public:
    /// Writes the file header (magic + version 7400) to `out`.
    explicit FbxNodeWriter(AtomicFile& out);

    /// Opens a node; properties follow, then children, then end().
    void begin(std::string_view name);
    /// Closes the innermost node (patching its header).
    void end();
    /// Gives the open node a (possibly empty) child scope: its properties end here and it closes
    /// with a null record even without children. Objects need one: assimp refuses an
    /// AnimationLayer without it.
    void open_scope();
    /// Ends the top-level node list and writes the footer. Every begin() must be ended.
    void finish();

    // Properties of the open node; allowed only before its first child.
    void prop_bool(bool v);                 ///< 'C'
    void prop_i32(int32_t v);               ///< 'I'
    void prop_i64(int64_t v);               ///< 'L'
    void prop_f64(double v);                ///< 'D'
    void prop_string(std::string_view v);   ///< 'S'
    void prop_raw(std::string_view bytes);  ///< 'R'
    /// An object name as FBX stores it: "name\x00\x01Class" (shown as "Class::name").
    void prop_name(std::string_view name, std::string_view object_class);

    /// Array properties ('i', 'l', 'f', 'd'), uncompressed. begin_array_*() announces `count`
    /// elements; exactly that many push_*() calls must follow before the next property/child.
    void begin_array_i32(uint32_t count) { begin_array('i', count, 4); }
    void begin_array_i64(uint32_t count) { begin_array('l', count, 8); }
    void begin_array_f32(uint32_t count) { begin_array('f', count, 4); }
    void begin_array_f64(uint32_t count) { begin_array('d', count, 8); }
    void push_i32(int32_t v) { push(&v, 4); }
    void push_i64(int64_t v) { push(&v, 8); }
    void push_f32(float v) { push(&v, 4); }
    void push_f64(double v) { push(&v, 8); }
    /// Whole small arrays.
    void prop_array_i32(const std::vector<int32_t>& v);
    void prop_array_f64(const std::vector<double>& v);

    // Common shapes of small nodes.
    /// A node with one property: NAME: value.
    void leaf_i32(std::string_view name, int32_t v);
    void leaf_i64(std::string_view name, int64_t v);
    void leaf_f64(std::string_view name, double v);
    void leaf_string(std::string_view name, std::string_view v);
    /// A Properties70 entry: P: "name", "type", "label", "flags", values...
    void p_i32(std::string_view name, std::string_view type, std::string_view label,
               std::string_view flags, int32_t v);
    void p_f64(std::string_view name, std::string_view type, std::string_view label,
               std::string_view flags, double v);
    void p_vec3(std::string_view name, std::string_view type, std::string_view label,
                std::string_view flags, double x, double y, double z);
    void p_string(std::string_view name, std::string_view type, std::string_view label,
                  std::string_view flags, std::string_view v);
    void p_i64(std::string_view name, std::string_view type, std::string_view label,
               std::string_view flags, int64_t v);

  private:
    struct Open {
        uint64_t header_offset;  ///< where the node's end offset is
        uint64_t props_start;    ///< first byte after the name
        uint32_t prop_count = 0;
        bool has_children = false;
        uint64_t array_left = 0;  ///< elements an open array still expects
    };
    void property_type(char code);
    void begin_array(char code, uint32_t count, uint32_t element_bytes);
    void push(const void* v, size_t bytes);
    void p_head(std::string_view name, std::string_view type, std::string_view label,
                std::string_view flags);

    AtomicFile& out_;
    std::vector<Open> open_;
    bool finished_ = false;
};

}  // namespace likeness::io
