#include "engine/io/atomic_file.hpp"

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "engine/io/export_error.hpp"

#if defined(__unix__) || defined(__APPLE__)
#include <unistd.h>
#endif

namespace likeness::io {
namespace fs = std::filesystem;

namespace {

constexpr size_t kBufferBytes = size_t{1} << 20;

static_assert(sizeof(float) == 4 && sizeof(double) == 8, "exporters write IEEE-754 floats");

std::string temp_name_for(const fs::path& target) {
    // Unique per process and call: two exports of the same file never share a temporary.
    static std::atomic<unsigned> counter{0};
    const auto ticks = std::chrono::steady_clock::now().time_since_epoch().count();
    return "." + target.filename().string() + ".tmp" + std::to_string(ticks % 1000000007) + "_" +
           std::to_string(counter++);
}

}  // namespace

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
    if (path_.empty()) throw ExportError("no output path given");
    const fs::path target(path_);
    std::error_code ec;
    if (fs::is_directory(target, ec))
        throw ExportError("cannot write '" + path_ + "': it is a folder; give a file name");
    fs::path folder = target.parent_path();
    if (folder.empty()) folder = ".";
    if (!fs::is_directory(folder, ec))
        throw ExportError("cannot write '" + path_ + "': the folder '" + folder.string() +
                          "' does not exist");
    temp_path_ = (folder / temp_name_for(target)).string();
    file_ = std::fopen(temp_path_.c_str(), "wb");
    if (!file_)
        throw ExportError("cannot write '" + path_ + "': " + std::strerror(errno) +
                          " (is the folder '" + folder.string() + "' writable?)");
    buffer_.reserve(kBufferBytes);
}

AtomicFile::~AtomicFile() {
    if (committed_) return;
    if (file_) std::fclose(file_);
    std::error_code ec;
    fs::remove(temp_path_, ec);
}

void AtomicFile::fail(const std::string& what) const {
    throw ExportError("error while writing '" + path_ + "': " + what);
}

void AtomicFile::flush_buffer() {
    if (buffer_.empty()) return;
    if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size())
        fail(std::strerror(errno));
    flushed_ += buffer_.size();
    buffer_.clear();
}

void AtomicFile::write(const void* data, size_t bytes) {
    if (committed_) fail("write after commit");
    if (buffer_.size() + bytes > kBufferBytes) {
        flush_buffer();
        if (bytes > kBufferBytes) {
            if (std::fwrite(data, 1, bytes, file_) != bytes) fail(std::strerror(errno));
            flushed_ += bytes;
            return;
        }
    }
    const char* p = static_cast<const char*>(data);
    buffer_.insert(buffer_.end(), p, p + bytes);
}

void AtomicFile::patch(uint64_t offset, const void* data, size_t bytes) {
    if (offset + bytes > tell()) fail("patch beyond the end of the file");
    if (offset >= flushed_) {
        std::memcpy(buffer_.data() + (offset - flushed_), data, bytes);
        return;
    }
    flush_buffer();
    if (std::fflush(file_) != 0 || fseeko(file_, static_cast<off_t>(offset), SEEK_SET) != 0 ||
        std::fwrite(data, 1, bytes, file_) != bytes ||
        fseeko(file_, static_cast<off_t>(flushed_), SEEK_SET) != 0)
        fail(std::strerror(errno));
}

void AtomicFile::commit() {
    if (committed_) return;
    flush_buffer();
    if (std::fflush(file_) != 0) fail(std::strerror(errno));
#if defined(__unix__) || defined(__APPLE__)
    // The data must be on disk before the rename makes it visible under the real name.
    if (::fsync(fileno(file_)) != 0) fail(std::strerror(errno));
#endif
    const int closed = std::fclose(file_);
    file_ = nullptr;
    if (closed != 0) fail(std::strerror(errno));
    std::error_code ec;
    fs::rename(temp_path_, path_, ec);
    if (ec) {
        fs::remove(temp_path_, ec);
        fail("cannot replace the file: " + ec.message());
    }
    committed_ = true;
}

void write_file_atomically(const std::string& path, std::string_view bytes) {
    AtomicFile out(path);
    out.write(bytes);
    out.commit();
}

void ensure_folder(const std::string& folder) {
    std::error_code ec;
    if (fs::is_directory(folder, ec)) return;
    if (fs::exists(folder, ec))
        throw ExportError("cannot write into '" + folder + "': it is a file, not a folder");
    fs::create_directories(folder, ec);
    if (ec) throw ExportError("cannot create the folder '" + folder + "': " + ec.message());
}

}  // namespace likeness::io
