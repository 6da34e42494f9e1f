#pragma once
// AtomicFile: writes a file so that readers see either the old file or the complete new one,
// never a half-written one: bytes go to a temporary file in the same folder, which commit()
// renames over the destination. A file not committed (an exception, a cancel) is removed.
// Writes are buffered (1 MiB), so a writer may stream many small values.
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the binary exporters (glTF, FBX) write host-order values and need a little-endian host"
#endif

namespace likeness::io {

class AtomicFile {
  public:
    /// Opens a temporary file beside `path`. Throws ExportError naming the path when its folder
    /// does not exist, `path` is a folder, or the folder is not writable.
    explicit AtomicFile(std::string path);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    void write(const void* data, size_t bytes);
    void write(std::string_view text) { write(text.data(), text.size()); }
    /// Writes a number as little-endian bytes (the byte order of glTF and FBX).
    template <typename T>
    void write_le(T value) {
        write(&value, sizeof(T));
    }
    /// Bytes written so far (the offset the next write goes to).
    uint64_t tell() const { return flushed_ + buffer_.size(); }
    /// Overwrites `bytes` already written at `offset` (e.g. a length known only afterwards).
    void patch(uint64_t offset, const void* data, size_t bytes);

    /// Flushes, closes and renames the temporary file to the destination; throws ExportError
    /// (disk full, ...). After commit() the object writes nothing more.
    void commit();
    const std::string& path() const { return path_; }

  private:
    void flush_buffer();
    [[noreturn]] void fail(const std::string& what) const;

    std::string path_, temp_path_;
    std::FILE* file_ = nullptr;
    std::vector<char> buffer_;
    uint64_t flushed_ = 0;
    bool committed_ = false;
};

/// Writes a whole small file atomically (text or bytes). Throws ExportError.
void write_file_atomically(const std::string& path, std::string_view bytes);

/// Makes `folder` (and its parents) exist; throws ExportError naming it when that fails.
void ensure_folder(const std::string& folder);

}  // namespace likeness::io
