#include "engine/face/indexed_obj.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

#include "engine/face/template_error.hpp"

namespace likeness::face {

core::Mesh read_indexed_obj(const std::string& path, bool read_faces) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw TemplateError("cannot open '" + path + "'");
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    std::vector<float> pos;
    std::vector<int> tri;
    size_t line_no = 0;
    auto fail = [&](const std::string& why) {
        throw TemplateError("'" + path + "' line " + std::to_string(line_no) + ": " + why);
    };
    const char* p = text.c_str();
    const char* end = p + text.size();
    std::vector<int> poly;
    while (p < end) {
        ++line_no;
        const char* eol = p;
        while (eol < end && *eol != '\n')
            ++eol;
        if (p[0] == 'v' && p + 1 < eol && (p[1] == ' ' || p[1] == '\t')) {
            char* q = const_cast<char*>(p + 2);
            for (int k = 0; k < 3; ++k) {
                char* next = nullptr;
                const float value = std::strtof(q, &next);
                if (next == q || next > eol) fail("a vertex needs three numbers");
                pos.push_back(value);
                q = next;
            }
        } else if (read_faces && p[0] == 'f' && p + 1 < eol && (p[1] == ' ' || p[1] == '\t')) {
            poly.clear();
            char* q = const_cast<char*>(p + 2);
            while (q < eol) {
                while (q < eol && (*q == ' ' || *q == '\t' || *q == '\r'))
                    ++q;
                if (q >= eol) break;
                char* next = nullptr;
                long idx = std::strtol(q, &next, 10);
                if (next == q) fail("bad face index");
                const long n = static_cast<long>(pos.size() / 3);
                if (idx < 0) idx = n + idx + 1;  // relative indices count back from here
                if (idx < 1 || idx > n) fail("face index out of range");
                poly.push_back(static_cast<int>(idx - 1));
                q = next;
                while (q < eol && *q != ' ' && *q != '\t' && *q != '\r')
                    ++q;  // skip /vt/vn
            }
            if (poly.size() < 3) fail("a face needs at least three corners");
            for (size_t k = 1; k + 1 < poly.size(); ++k) {
                tri.push_back(poly[0]);
                tri.push_back(poly[k]);
                tri.push_back(poly[k + 1]);
            }
        }
        p = eol + 1;
    }
    if (pos.empty()) throw TemplateError("'" + path + "' has no vertices");
    core::Mesh m;
    m.name = path;
    m.V = Eigen::Map<const core::MatrixX3fR>(pos.data(), static_cast<Eigen::Index>(pos.size() / 3),
                                             3);
    m.F = Eigen::Map<const core::MatrixX3iR>(tri.data(), static_cast<Eigen::Index>(tri.size() / 3),
                                             3);
    return m;
}

}  // namespace likeness::face
