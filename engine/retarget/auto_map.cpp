#include "engine/retarget/auto_map.hpp"

#include <algorithm>
#include <set>

#include "engine/retarget/shape_name.hpp"

namespace likeness::retarget {
namespace {

Side swapped(Side s, bool swap) {
    if (!swap) return s;
    if (s == Side::kLeft) return Side::kRight;
    if (s == Side::kRight) return Side::kLeft;
    return s;
}

/// How well shape `s` reads as (base, side): the fewest skipped words, or -1 when it does not.
struct Fit {
    int skipped = -1;
    bool found() const { return skipped >= 0; }
};

Fit fit(const std::vector<ShapeReading>& readings, const std::string& base, Side side, bool swap) {
    for (const ShapeReading& r : readings)  // fewest skipped words first
        if (r.base == base && swapped(r.side, swap) == side) return {r.skipped_words};
    return {};
}

/// Shapes that read as (base, side), with the fewest skipped words: one shape when that is 0
/// (spelling variants of one name are duplicates), every tied shape otherwise (the same
/// expression on several meshes). `allow_prefixed` false keeps only unskipped readings.
std::vector<int> best_shapes(const std::vector<std::vector<ShapeReading>>& readings,
                             const std::string& base, Side side, const AutoMapOptions& o) {
    int best = -1;
    std::vector<int> out;
    for (size_t s = 0; s < readings.size(); ++s) {
        const Fit f = fit(readings[s], base, side, o.swap_sides);
        if (!f.found() || (f.skipped > 0 && !o.allow_prefixed)) continue;
        if (best < 0 || f.skipped < best) {
            best = f.skipped;
            out = {static_cast<int>(s)};
        } else if (f.skipped == best && best > 0) {
            out.push_back(static_cast<int>(s));
        }
    }
    return out;
}

int skipped_of(const std::vector<ShapeReading>& readings, const std::string& base, Side side,
               bool swap) {
    return fit(readings, base, side, swap).skipped;
}

std::set<std::string> bigrams(const std::string& s) {
    std::set<std::string> out;
    for (size_t i = 0; i + 1 < s.size(); ++i)
        out.insert(s.substr(i, 2));
    return out;
}

float dice(const std::string& a, const std::string& b) {
    const auto A = bigrams(a), B = bigrams(b);
    if (A.empty() || B.empty()) return a == b ? 1.f : 0.f;
    int common = 0;
    for (const auto& g : A)
        common += B.count(g) ? 1 : 0;
    return 2.f * common / static_cast<float>(A.size() + B.size());
}

}  // namespace

ChannelMapping auto_map(const std::vector<std::string>& shape_names,
                        const AutoMapOptions& options) {
    std::vector<std::vector<ShapeReading>> readings;
    readings.reserve(shape_names.size());
    for (const std::string& s : shape_names)
        readings.push_back(shape_readings(s));

    ChannelMapping m;
    for (int c = 0; c < face::kArkitShapeCount; ++c) {
        const std::string& channel = face::arkit_names()[static_cast<size_t>(c)];
        const auto exact = std::find(shape_names.begin(), shape_names.end(), channel);
        if (exact != shape_names.end()) {
            m.set(c, {{channel, 1.f}}, MatchKind::kExact);
            continue;
        }
        const ShapeReading key = arkit_reading(channel);
        const std::vector<int> direct = best_shapes(readings, key.base, key.side, options);
        if (!direct.empty()) {
            std::vector<MappedShape> targets;
            for (int s : direct)
                targets.push_back({shape_names[static_cast<size_t>(s)], 1.f});
            const bool prefixed = skipped_of(readings[static_cast<size_t>(direct.front())],
                                             key.base, key.side, options.swap_sides) > 0;
            m.set(c, std::move(targets), prefixed ? MatchKind::kPrefixed : MatchKind::kNormalized);
            continue;
        }
        if (key.side == Side::kNone && options.allow_split) {
            const auto left = best_shapes(readings, key.base, Side::kLeft, options);
            const auto right = best_shapes(readings, key.base, Side::kRight, options);
            if (!left.empty() && !right.empty()) {
                std::vector<MappedShape> targets;
                for (int s : left)
                    targets.push_back({shape_names[static_cast<size_t>(s)], 1.f});
                for (int s : right)
                    targets.push_back({shape_names[static_cast<size_t>(s)], 1.f});
                m.set(c, std::move(targets), MatchKind::kSplit);
                continue;
            }
        }
        if (key.side != Side::kNone && options.allow_merged) {
            const auto both = best_shapes(readings, key.base, Side::kNone, options);
            if (!both.empty()) {
                std::vector<MappedShape> targets;
                for (int s : both)
                    targets.push_back({shape_names[static_cast<size_t>(s)], 0.5f});
                m.set(c, std::move(targets), MatchKind::kMerged);
            }
        }
    }
    return m;
}

std::vector<ShapeCandidate> shape_candidates(int channel,
                                             const std::vector<std::string>& shape_names,
                                             const AutoMapOptions& options) {
    const std::string& name = face::arkit_names()[static_cast<size_t>(channel)];
    const ShapeReading key = arkit_reading(name);
    std::vector<ShapeCandidate> out;
    for (const std::string& shape : shape_names) {
        const std::vector<ShapeReading> r = shape_readings(shape);
        ShapeCandidate cand{shape, MatchKind::kNone, 0.f};
        const int direct = skipped_of(r, key.base, key.side, options.swap_sides);
        if (shape == name) {
            cand = {shape, MatchKind::kExact, 1.f};
        } else if (direct == 0) {
            cand = {shape, MatchKind::kNormalized, 0.95f};
        } else if (direct > 0 && options.allow_prefixed) {
            cand = {shape, MatchKind::kPrefixed, 0.9f};
        } else if (key.side == Side::kNone && options.allow_split &&
                   (skipped_of(r, key.base, Side::kLeft, options.swap_sides) >= 0 ||
                    skipped_of(r, key.base, Side::kRight, options.swap_sides) >= 0)) {
            cand = {shape, MatchKind::kSplit, 0.85f};
        } else if (key.side != Side::kNone && options.allow_merged &&
                   skipped_of(r, key.base, Side::kNone, options.swap_sides) >= 0) {
            cand = {shape, MatchKind::kMerged, 0.8f};
        } else {
            // A guess for the user: the most similar reading, penalised on the wrong side.
            float best = 0.f;
            for (const ShapeReading& reading : r) {
                float s = dice(reading.base, key.base);
                const Side side = swapped(reading.side, options.swap_sides);
                if (key.side != Side::kNone && side != Side::kNone && side != key.side) s *= 0.5f;
                best = std::max(best, s);
            }
            cand.score = 0.75f * best;
        }
        out.push_back(cand);
    }
    std::stable_sort(out.begin(), out.end(), [](const ShapeCandidate& a, const ShapeCandidate& b) {
        return a.score > b.score;
    });
    return out;
}

}  // namespace likeness::retarget
