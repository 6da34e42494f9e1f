#pragma once
// A strict reader of binary FBX 7.4 records for the writer's tests: it checks every node's end
// offset, property list length and closing null record the way Blender's parser does, and
// returns the node tree with scalar properties (arrays as their element count).
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace likeness::test {

struct FbxRecord {
    std::string name;
    std::vector<std::variant<long long, double, std::string>> props;  ///< arrays: their length
    std::vector<char> types;
    std::vector<FbxRecord> children;

    const FbxRecord* child(const std::string& n) const {
        for (const FbxRecord& c : children)
            if (c.name == n) return &c;
        return nullptr;
    }
    std::vector<const FbxRecord*> all(const std::string& n) const {
        std::vector<const FbxRecord*> out;
        for (const FbxRecord& c : children)
            if (c.name == n) out.push_back(&c);
        return out;
    }
    std::string str(size_t i) const { return std::get<std::string>(props.at(i)); }
    long long integer(size_t i) const { return std::get<long long>(props.at(i)); }
    double number(size_t i) const { return std::get<double>(props.at(i)); }
};

class FbxRecordReader {
  public:
    explicit FbxRecordReader(std::string bytes) : b_(std::move(bytes)) {}

    /// The top-level records; throws std::runtime_error on any structural fault.
    std::vector<FbxRecord> read() {
        if (b_.compare(0, 20, "Kaydara FBX Binary  ") != 0) throw std::runtime_error("magic");
        if (u32(23) != 7400) throw std::runtime_error("version");
        size_t pos = 27;
        std::vector<FbxRecord> top;
        for (;;) {
            FbxRecord r;
            if (!node(pos, r)) break;
            top.push_back(std::move(r));
        }
        if (b_.size() - pos < 16 + 4 + 120 + 16) throw std::runtime_error("footer missing");
        return top;
    }

  private:
    uint32_t u32(size_t at) const {
        if (at + 4 > b_.size()) throw std::runtime_error("read past the end");
        uint32_t v;
        std::memcpy(&v, b_.data() + at, 4);
        return v;
    }
    template <typename T>
    T val(size_t at) const {
        if (at + sizeof(T) > b_.size()) throw std::runtime_error("read past the end");
        T v;
        std::memcpy(&v, b_.data() + at, sizeof(T));
        return v;
    }

    bool node(size_t& pos, FbxRecord& r) {
        const uint32_t end = u32(pos), count = u32(pos + 4), length = u32(pos + 8);
        const uint8_t name_length = static_cast<uint8_t>(b_.at(pos + 12));
        if (end == 0) {
            if (count || length || name_length) throw std::runtime_error("bad null record");
            pos += 13;
            return false;
        }
        r.name = b_.substr(pos + 13, name_length);
        size_t p = pos + 13 + name_length;
        const size_t props_start = p;
        for (uint32_t i = 0; i < count; ++i) {
            const char t = b_.at(p++);
            r.types.push_back(t);
            switch (t) {
                case 'C':
                    r.props.emplace_back(static_cast<long long>(b_.at(p)));
                    p += 1;
                    break;
                case 'Y':
                    r.props.emplace_back(static_cast<long long>(val<int16_t>(p)));
                    p += 2;
                    break;
                case 'I':
                    r.props.emplace_back(static_cast<long long>(val<int32_t>(p)));
                    p += 4;
                    break;
                case 'L':
                    r.props.emplace_back(static_cast<long long>(val<int64_t>(p)));
                    p += 8;
                    break;
                case 'F':
                    r.props.emplace_back(static_cast<double>(val<float>(p)));
                    p += 4;
                    break;
                case 'D':
                    r.props.emplace_back(val<double>(p));
                    p += 8;
                    break;
                case 'S':
                case 'R': {
                    const uint32_t n = u32(p);
                    r.props.emplace_back(b_.substr(p + 4, n));
                    p += 4 + n;
                    break;
                }
                case 'i':
                case 'l':
                case 'f':
                case 'd':
                case 'b': {
                    const uint32_t n = u32(p), encoding = u32(p + 4), bytes = u32(p + 8);
                    const uint32_t size = (t == 'l' || t == 'd') ? 8 : (t == 'b' ? 1 : 4);
                    if (encoding != 0 || bytes != n * size) throw std::runtime_error("array size");
                    r.props.emplace_back(static_cast<long long>(n));
                    p += 12 + bytes;
                    break;
                }
                default:
                    throw std::runtime_error("unknown property type in " + r.name);
            }
        }
        if (p - props_start != length) throw std::runtime_error("property length of " + r.name);
        if (p < end) {
            while (p < end - 13) {
                FbxRecord c;
                if (!node(p, c)) throw std::runtime_error("early null record in " + r.name);
                r.children.push_back(std::move(c));
            }
            for (int k = 0; k < 13; ++k)
                if (b_.at(p + k) != 0) throw std::runtime_error("missing null record in " + r.name);
            p += 13;
        }
        if (p != end) throw std::runtime_error("end offset of " + r.name);
        pos = end;
        return true;
    }

    std::string b_;
};

}  // namespace likeness::test
