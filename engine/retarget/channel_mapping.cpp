#include "engine/retarget/channel_mapping.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <set>

namespace likeness::retarget {
namespace {

constexpr float kMaxGain = 10.f;

struct KindName {
    MatchKind kind;
    const char* name;
};
constexpr KindName kKindNames[] = {
    {MatchKind::kNone, "none"},
    {MatchKind::kExact, "exact"},
    {MatchKind::kNormalized, "normalized"},
    {MatchKind::kPrefixed, "prefixed"},
    {MatchKind::kSplit, "split"},
    {MatchKind::kMerged, "merged"},
    {MatchKind::kManual, "manual"},
    {MatchKind::kTransferred, "transferred"},
};

ChannelEntry& entry(ChannelMapping& m, int channel) {
    assert(channel >= 0 && channel < face::kArkitShapeCount && "channel out of range");
    return m.channels[static_cast<size_t>(channel)];
}

}  // namespace

const char* match_kind_name(MatchKind kind) {
    for (const KindName& k : kKindNames)
        if (k.kind == kind) return k.name;
    return "none";
}

MatchKind parse_match_kind(const std::string& name) {
    for (const KindName& k : kKindNames)
        if (name == k.name) return k.kind;
    return MatchKind::kNone;
}

void ChannelMapping::set(int channel, std::vector<MappedShape> targets, MatchKind kind) {
    ChannelEntry& e = entry(*this, channel);
    e.targets = std::move(targets);
    e.match = e.targets.empty() ? MatchKind::kNone : kind;
}

void ChannelMapping::add(int channel, const MappedShape& target) {
    ChannelEntry& e = entry(*this, channel);
    for (MappedShape& t : e.targets)
        if (t.shape == target.shape) {
            t.gain = target.gain;
            e.match = MatchKind::kManual;
            return;
        }
    e.targets.push_back(target);
    e.match = MatchKind::kManual;
}

void ChannelMapping::remove(int channel, const std::string& shape) {
    ChannelEntry& e = entry(*this, channel);
    const auto it = std::remove_if(e.targets.begin(), e.targets.end(),
                                   [&](const MappedShape& t) { return t.shape == shape; });
    if (it == e.targets.end()) return;
    e.targets.erase(it, e.targets.end());
    e.match = e.targets.empty() ? MatchKind::kNone : MatchKind::kManual;
}

void ChannelMapping::clear(int channel) {
    set(channel, {});
}

void ChannelMapping::rename_shape(const std::string& from, const std::string& to) {
    for (ChannelEntry& e : channels)
        for (MappedShape& t : e.targets)
            if (t.shape == from) t.shape = to;
}

int ChannelMapping::mapped_count() const {
    int n = 0;
    for (const ChannelEntry& e : channels)
        n += e.targets.empty() ? 0 : 1;
    return n;
}

std::vector<std::string> ChannelMapping::unmatched_channels() const {
    std::vector<std::string> out;
    for (int c = 0; c < face::kArkitShapeCount; ++c)
        if (!is_mapped(c)) out.push_back(face::arkit_names()[static_cast<size_t>(c)]);
    return out;
}

std::vector<std::string> ChannelMapping::unused_shapes(
    const std::vector<std::string>& shape_names) const {
    std::set<std::string> used;
    for (const ChannelEntry& e : channels)
        for (const MappedShape& t : e.targets)
            used.insert(t.shape);
    std::vector<std::string> out;
    for (const std::string& s : shape_names)
        if (!used.count(s)) out.push_back(s);
    return out;
}

std::vector<std::string> ChannelMapping::channels_driving(const std::string& shape) const {
    std::vector<std::string> out;
    for (int c = 0; c < face::kArkitShapeCount; ++c)
        for (const MappedShape& t : channels[static_cast<size_t>(c)].targets)
            if (t.shape == shape) {
                out.push_back(face::arkit_names()[static_cast<size_t>(c)]);
                break;
            }
    return out;
}

bool ChannelMapping::is_valid(const std::vector<std::string>& shape_names,
                              std::string* error) const {
    const std::set<std::string> known(shape_names.begin(), shape_names.end());
    for (int c = 0; c < face::kArkitShapeCount; ++c) {
        const std::string& channel = face::arkit_names()[static_cast<size_t>(c)];
        std::set<std::string> seen;
        for (const MappedShape& t : channels[static_cast<size_t>(c)].targets) {
            std::string why;
            if (!known.count(t.shape))
                why = "drives '" + t.shape + "', which the character does not have";
            else if (!std::isfinite(t.gain) || std::abs(t.gain) > kMaxGain)
                why = "gives '" + t.shape + "' a gain outside [-10, 10]";
            else if (!seen.insert(t.shape).second)
                why = "lists '" + t.shape + "' twice";
            if (!why.empty()) {
                if (error) *error = "channel " + channel + " " + why;
                return false;
            }
        }
    }
    return true;
}

}  // namespace likeness::retarget
