#include "engine/retarget/shape_name.hpp"

#include <cctype>

namespace likeness::retarget {
namespace {

bool is_separator(char c) {
    return c == '_' || c == '-' || c == ' ' || c == '.' || c == ':' || c == '|' || c == '/' ||
           c == '\\';
}

bool all_digits(const std::string& w) {
    for (char c : w)
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    return !w.empty();
}

Side side_of_word(const std::string& w) {
    if (w == "l" || w == "left") return Side::kLeft;
    if (w == "r" || w == "right") return Side::kRight;
    return Side::kNone;
}

std::string join(const std::vector<std::string>& words, size_t begin, size_t end) {
    std::string out;
    for (size_t i = begin; i < end; ++i)
        out += words[i];
    return out;
}

bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() > suffix.size() &&
           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

const char* side_name(Side side) {
    switch (side) {
        case Side::kLeft:
            return "left";
        case Side::kRight:
            return "right";
        case Side::kNone:
            break;
    }
    return "none";
}

std::vector<std::string> shape_name_words(const std::string& name) {
    std::vector<std::string> words;
    std::string current;
    auto flush = [&] {
        if (!current.empty()) words.push_back(current);
        current.clear();
    };
    for (size_t i = 0; i < name.size(); ++i) {
        const auto c = static_cast<unsigned char>(name[i]);
        if (is_separator(name[i]) || !(std::isalnum(c))) {
            flush();
            continue;
        }
        if (!current.empty()) {
            const auto prev = static_cast<unsigned char>(name[i - 1]);
            const bool hump = std::islower(prev) && std::isupper(c);
            // "HTMLParser" -> HTML | Parser: an upper-case letter followed by a lower-case one
            // starts a word after a run of capitals.
            const bool acronym_end = std::isupper(prev) && std::isupper(c) && i + 1 < name.size() &&
                                     std::islower(static_cast<unsigned char>(name[i + 1]));
            const bool digit_edge = (std::isdigit(prev) != 0) != (std::isdigit(c) != 0);
            if (hump || acronym_end || digit_edge) flush();
        }
        current += static_cast<char>(std::tolower(c));
    }
    flush();
    while (!words.empty() && all_digits(words.back()))
        words.pop_back();
    return words;
}

std::vector<ShapeReading> shape_readings(const std::string& name) {
    const std::vector<std::string> words = shape_name_words(name);
    std::vector<ShapeReading> out;
    bool has_letter = false;
    for (const std::string& w : words)
        has_letter = has_letter || !all_digits(w);
    if (!has_letter) return out;
    const size_t n = words.size();
    for (size_t skip = 0; skip < n; ++skip) {
        const int skipped = static_cast<int>(skip);
        // Side word last ("eyeBlink_L"), then first ("L_eyeBlink"); a side word that is the
        // only word left has no base.
        if (n - skip >= 2) {
            if (Side s = side_of_word(words[n - 1]); s != Side::kNone)
                out.push_back({join(words, skip, n - 1), s, skipped});
            if (Side s = side_of_word(words[skip]); s != Side::kNone)
                out.push_back({join(words, skip + 1, n), s, skipped});
        }
        const std::string whole = join(words, skip, n);
        // An unbroken word such as "EYEBLINKLEFT" still ends in its side.
        if (n - skip == 1) {
            for (const auto& [suffix, side] : {std::pair<const char*, Side>{"left", Side::kLeft},
                                               std::pair<const char*, Side>{"right", Side::kRight}})
                if (ends_with(whole, suffix))
                    out.push_back({whole.substr(0, whole.size() - std::string(suffix).size()), side,
                                   skipped});
        }
        out.push_back({whole, Side::kNone, skipped});
    }
    return out;
}

ShapeReading arkit_reading(const std::string& arkit_name) {
    if (arkit_name == "jawLeft" || arkit_name == "jawRight" || arkit_name == "mouthLeft" ||
        arkit_name == "mouthRight")
        return {join(shape_name_words(arkit_name), 0, 2), Side::kNone, 0};
    const std::vector<std::string> words = shape_name_words(arkit_name);
    if (words.size() >= 2) {
        const Side s = side_of_word(words.back());
        if (s != Side::kNone) return {join(words, 0, words.size() - 1), s, 0};
    }
    return {join(words, 0, words.size()), Side::kNone, 0};
}

}  // namespace likeness::retarget
