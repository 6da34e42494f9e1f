#include "engine/retarget/mapping_json.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "engine/io/atomic_file.hpp"
#include "engine/io/export_error.hpp"
#include "engine/retarget/retarget_error.hpp"

namespace likeness::retarget {
namespace {

using nlohmann::json;

json targets_json(const ChannelEntry& e) {
    json out = json::array();
    for (const MappedShape& t : e.targets)
        out.push_back({{"shape", t.shape}, {"gain", t.gain}});
    return out;
}

json controls_json(const RetargetControls& c) {
    json channels = json::object();
    for (int i = 0; i < face::kArkitShapeCount; ++i) {
        const ChannelControl& k = c.channels[static_cast<size_t>(i)];
        if (k.is_default()) continue;
        channels[face::arkit_names()[static_cast<size_t>(i)]] = {{"gain", k.gain},
                                                                 {"offset", k.offset},
                                                                 {"min", k.min},
                                                                 {"max", k.max},
                                                                 {"smoothing_s", k.smoothing_s}};
    }
    return {{"intensity", c.intensity}, {"head_rotation", c.head_rotation}, {"channels", channels}};
}

int channel_index(const std::string& name, const std::string& source) {
    const int c = face::arkit_index(name);
    if (c < 0)
        throw RetargetError(source + ": '" + name +
                            "' is not an ARKit channel name (eyeBlinkLeft ... tongueOut; names "
                            "are case-sensitive)");
    return c;
}

std::vector<MappedShape> parse_targets(const json& j, const std::string& where) {
    std::vector<MappedShape> out;
    if (j.is_string()) return {{j.get<std::string>(), 1.f}};
    if (j.is_null()) return out;
    if (!j.is_array()) throw RetargetError(where + ": targets must be a shape name or a list");
    for (const json& t : j) {
        if (t.is_string()) {
            out.push_back({t.get<std::string>(), 1.f});
        } else if (t.is_object() && t.contains("shape") && t.at("shape").is_string()) {
            MappedShape m{t.at("shape").get<std::string>(), 1.f};
            if (t.contains("gain")) {
                if (!t.at("gain").is_number())
                    throw RetargetError(where + ": gain must be a number");
                m.gain = t.at("gain").get<float>();
            }
            out.push_back(m);
        } else {
            throw RetargetError(where +
                                ": each target must be a shape name or "
                                "{\"shape\": NAME, \"gain\": G}");
        }
    }
    return out;
}

void parse_controls(const json& j, const std::string& source, RetargetControls* out) {
    if (!j.is_object()) throw RetargetError(source + ": \"controls\" must be an object");
    RetargetControls c;
    if (j.contains("intensity")) c.intensity = j.at("intensity").get<float>();
    if (j.contains("head_rotation")) c.head_rotation = j.at("head_rotation").get<bool>();
    if (j.contains("channels")) {
        if (!j.at("channels").is_object())
            throw RetargetError(source + ": controls.channels must be an object");
        for (const auto& [name, k] : j.at("channels").items()) {
            ChannelControl& cc = c.channels[static_cast<size_t>(channel_index(name, source))];
            if (!k.is_object())
                throw RetargetError(source + ": controls of " + name + " must be an object");
            for (const auto& [field, value] : k.items()) {
                float* slot = field == "gain"          ? &cc.gain
                              : field == "offset"      ? &cc.offset
                              : field == "min"         ? &cc.min
                              : field == "max"         ? &cc.max
                              : field == "smoothing_s" ? &cc.smoothing_s
                                                       : nullptr;
                if (!slot)
                    throw RetargetError(source + ": unknown control '" + field + "' of " + name +
                                        " (gain, offset, min, max, smoothing_s)");
                if (!value.is_number())
                    throw RetargetError(source + ": control " + field + " of " + name +
                                        " must be a number");
                *slot = value.get<float>();
            }
        }
    }
    std::string why;
    if (!c.is_valid(&why)) throw RetargetError(source + ": controls: " + why);
    *out = c;
}

}  // namespace

std::string mapping_json_text(const ChannelMapping& mapping,
                              const std::vector<std::string>& target_shapes,
                              const RetargetControls* controls) {
    json channels = json::array();
    for (int c = 0; c < face::kArkitShapeCount; ++c) {
        const ChannelEntry& e = mapping.channels[static_cast<size_t>(c)];
        channels.push_back({{"channel", face::arkit_names()[static_cast<size_t>(c)]},
                            {"match", match_kind_name(e.match)},
                            {"targets", targets_json(e)}});
    }
    json j = {{"format", "likeness-retarget-map"},
              {"version", kMappingFileVersion},
              {"channels", channels},
              {"mapped_channels", mapping.mapped_count()},
              {"unmatched_channels", mapping.unmatched_channels()},
              {"unused_shapes", mapping.unused_shapes(target_shapes)},
              {"target_shapes", target_shapes}};
    if (controls) j["controls"] = controls_json(*controls);
    return j.dump(2) + "\n";
}

void write_mapping_json(const std::string& path, const ChannelMapping& mapping,
                        const std::vector<std::string>& target_shapes,
                        const RetargetControls* controls) {
    try {
        io::AtomicFile file(path);
        file.write(mapping_json_text(mapping, target_shapes, controls));
        file.commit();
    } catch (const io::ExportError& e) {
        throw RetargetError(std::string("cannot write the mapping: ") + e.what());
    }
}

ChannelMapping parse_mapping_json(const std::string& text, const std::string& source,
                                  RetargetControls* controls) {
    ChannelMapping m;
    try {
        const json j = json::parse(text);
        if (!j.is_object()) throw RetargetError(source + ": a mapping file is a JSON object");
        if (j.contains("format") && j.at("format") != "likeness-retarget-map")
            throw RetargetError(source + ": not a Likeness mapping file (format '" +
                                j.at("format").dump() + "')");
        if (!j.contains("channels"))
            throw RetargetError(source +
                                ": no \"channels\" (a mapping file lists, per ARKit "
                                "channel, the shapes it drives)");
        const json& channels = j.at("channels");
        if (channels.is_array()) {
            for (const json& e : channels) {
                if (!e.is_object() || !e.contains("channel") || !e.at("channel").is_string())
                    throw RetargetError(source +
                                        ": each entry of \"channels\" needs a "
                                        "\"channel\" name");
                const std::string name = e.at("channel").get<std::string>();
                const int c = channel_index(name, source);
                const auto targets = parse_targets(e.contains("targets") ? e.at("targets") : json(),
                                                   source + ", " + name);
                MatchKind kind = MatchKind::kManual;
                if (e.contains("match") && e.at("match").is_string())
                    kind = parse_match_kind(e.at("match").get<std::string>());
                if (kind == MatchKind::kNone) kind = MatchKind::kManual;
                m.set(c, targets, kind);
            }
        } else if (channels.is_object()) {
            for (const auto& [name, targets] : channels.items())
                m.set(channel_index(name, source), parse_targets(targets, source + ", " + name));
        } else {
            throw RetargetError(source + ": \"channels\" must be a list or an object");
        }
        if (controls) {
            *controls = RetargetControls{};
            if (j.contains("controls")) parse_controls(j.at("controls"), source, controls);
        }
    } catch (const json::exception& e) {
        throw RetargetError(source + ": not a usable mapping file (" + e.what() + ")");
    }
    return m;
}

ChannelMapping read_mapping_json(const std::string& path, RetargetControls* controls) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw RetargetError("cannot open the mapping file '" + path + "'");
    std::stringstream buffer;
    buffer << in.rdbuf();
    return parse_mapping_json(buffer.str(), "'" + path + "'", controls);
}

}  // namespace likeness::retarget
