#include "engine/io/file_signature.hpp"

#include <array>
#include <cstring>
#include <fstream>

namespace likeness::io {
namespace {

bool starts_with(const unsigned char* bytes, size_t n, const char* magic, size_t magic_len,
                 size_t offset = 0) {
    return n >= offset + magic_len && std::memcmp(bytes + offset, magic, magic_len) == 0;
}

}  // namespace

FileSignature file_signature(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::array<unsigned char, 192> b{};
    in.read(reinterpret_cast<char*>(b.data()), b.size());
    const size_t n = static_cast<size_t>(in.gcount());
    const unsigned char* p = b.data();

    // Video containers.
    if (starts_with(p, n, "ftyp", 4, 4)) return FileSignature::VideoContainer;  // mp4/mov/3gp
    if (starts_with(p, n, "moov", 4, 4) || starts_with(p, n, "mdat", 4, 4) ||
        starts_with(p, n, "wide", 4, 4) || starts_with(p, n, "free", 4, 4))
        return FileSignature::VideoContainer;  // QuickTime files without ftyp
    if (starts_with(p, n, "\x1A\x45\xDF\xA3", 4)) return FileSignature::VideoContainer;  // mkv
    if (starts_with(p, n, "RIFF", 4) && starts_with(p, n, "AVI ", 4, 8))
        return FileSignature::VideoContainer;
    if (starts_with(p, n, "\x00\x00\x01\xBA", 4)) return FileSignature::VideoContainer;  // MPEG-PS
    if (n > 188 && p[0] == 0x47 && p[188] == 0x47)
        return FileSignature::VideoContainer;  // MPEG-TS: sync byte every 188-byte packet
    if (starts_with(p, n, "FLV", 3)) return FileSignature::VideoContainer;
    if (starts_with(p, n, "OggS", 4)) return FileSignature::VideoContainer;

    // Still images.
    if (starts_with(p, n, "\x89PNG", 4)) return FileSignature::Image;
    if (starts_with(p, n, "\xFF\xD8\xFF", 3)) return FileSignature::Image;
    if (starts_with(p, n, "BM", 2)) return FileSignature::Image;
    if (starts_with(p, n, "II*\x00", 4) || starts_with(p, n, "MM\x00*", 4))
        return FileSignature::Image;
    if (starts_with(p, n, "RIFF", 4) && starts_with(p, n, "WEBP", 4, 8))
        return FileSignature::Image;
    if (n >= 2 && p[0] == 'P' && p[1] >= '1' && p[1] <= '6') return FileSignature::Image;
    if (starts_with(p, n, "\x76\x2F\x31\x01", 4)) return FileSignature::Image;  // OpenEXR
    return FileSignature::Unknown;
}

}  // namespace likeness::io
