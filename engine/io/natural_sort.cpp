#include "engine/io/natural_sort.hpp"

#include <algorithm>
#include <cctype>

namespace likeness::io {
namespace {

bool is_digit(char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

}  // namespace

bool natural_less(const std::string& a, const std::string& b) {
    size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (is_digit(a[i]) && is_digit(b[j])) {
            size_t i_end = i, j_end = j;
            while (i_end < a.size() && is_digit(a[i_end]))
                ++i_end;
            while (j_end < b.size() && is_digit(b[j_end]))
                ++j_end;
            // Compare digit runs by value without overflow: strip leading zeros, then length.
            size_t i_nz = i, j_nz = j;
            while (i_nz + 1 < i_end && a[i_nz] == '0')
                ++i_nz;
            while (j_nz + 1 < j_end && b[j_nz] == '0')
                ++j_nz;
            const size_t len_a = i_end - i_nz, len_b = j_end - j_nz;
            if (len_a != len_b) return len_a < len_b;
            const int cmp = a.compare(i_nz, len_a, b, j_nz, len_b);
            if (cmp != 0) return cmp < 0;
            i = i_end;
            j = j_end;
        } else {
            if (a[i] != b[j]) return a[i] < b[j];
            ++i;
            ++j;
        }
    }
    if ((a.size() - i) != (b.size() - j)) return (a.size() - i) < (b.size() - j);
    return a < b;
}

void natural_sort(std::vector<std::string>& paths) {
    std::sort(paths.begin(), paths.end(), natural_less);
}

}  // namespace likeness::io
