#include "engine/io/take_json.hpp"

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "engine/face/arkit_names.hpp"
#include "engine/io/atomic_file.hpp"
#include "engine/io/export_checks.hpp"

namespace likeness::io {
namespace {

using nlohmann::json;

constexpr int kFramesPerCheck = 4096;
constexpr const char* kFormat = "likeness-take";

void append_vec3(std::string& s, const char* key, const Eigen::Vector3f& v) {
    char text[96];
    std::snprintf(text, sizeof text, "\"%s\":[%.7g,%.7g,%.7g]", key, v.x(), v.y(), v.z());
    s += text;
}

Eigen::Vector3f vec3(const json& j, const std::string& where) {
    if (!j.is_array() || j.size() != 3)
        throw TakeFileError(where + " must be an array of 3 numbers");
    Eigen::Vector3f v;
    for (int k = 0; k < 3; ++k) {
        if (!j[static_cast<size_t>(k)].is_number())
            throw TakeFileError(where + " must be an array of 3 numbers");
        v[k] = j[static_cast<size_t>(k)].get<float>();
    }
    return v;
}

/// Builds the take while nlohmann parses, converting each frame as soon as it is complete and
/// dropping it from the document, so a long take never exists twice in memory.
class Reader {
  public:
    explicit Reader(std::string path) : path_(std::move(path)) {
        columns_.resize(core::kTakeWeightCount);
        for (int i = 0; i < core::kTakeWeightCount; ++i)
            columns_[static_cast<size_t>(i)] = i;
    }

    bool on_event(int depth, json::parse_event_t event, json& parsed) {
        if (depth == 1 && event == json::parse_event_t::key) {
            top_key_ = parsed.get<std::string>();
            if (top_key_ == "frames" && !names_seen_) frames_before_names_ = true;
        }
        if (top_key_ == "frames" && depth == 2 && event == json::parse_event_t::object_end) {
            take_.frames.push_back(frame(parsed, take_.frames.size()));
            return false;  // drop it from the document
        }
        if (depth == 1 && event == json::parse_event_t::array_end && top_key_ == "weight_names") {
            names(parsed);
            return false;
        }
        return true;
    }

    core::Take finish(const json& doc) {
        if (!doc.is_object()) fail("is not a take file (expected a JSON object)");
        if (doc.value("format", std::string()) != kFormat)
            fail("is not a take file (\"format\" is not \"" + std::string(kFormat) + "\")");
        const json version = doc.value("version", json());
        if (!version.is_number_integer() || version.get<int>() < 1)
            fail("has no valid \"version\"");
        if (frames_before_names_ && names_seen_ && reordered_)
            fail("lists \"weight_names\" after \"frames\"; the names must come first");
        const json fps = doc.value("fps", json());
        if (!fps.is_number() || !(fps.get<double>() > 0.0))
            fail("has no valid \"fps\" (a positive number)");
        take_.fps = fps.get<double>();
        take_.name = doc.value("name", std::string("take"));
        if (doc.contains("frame_count") && doc["frame_count"].is_number_integer() &&
            doc["frame_count"].get<long long>() != static_cast<long long>(take_.frames.size()))
            fail("says it has " + std::to_string(doc["frame_count"].get<long long>()) +
                 " frames but holds " + std::to_string(take_.frames.size()) +
                 " (is the file cut short?)");
        std::string why;
        if (!take_.is_valid(&why)) fail("is not a valid take: " + why);
        return std::move(take_);
    }

    [[noreturn]] void fail(const std::string& what) const {
        throw TakeFileError("'" + path_ + "' " + what);
    }

  private:
    void names(const json& j) {
        if (!j.is_array()) fail("has \"weight_names\" that is not an array of names");
        names_seen_ = true;
        columns_.assign(j.size(), -1);
        for (size_t i = 0; i < j.size(); ++i) {
            if (!j[i].is_string()) fail("has a weight name that is not a string");
            columns_[i] = face::arkit_index(j[i].get<std::string>());
            if (columns_[i] != static_cast<int>(i)) reordered_ = true;
        }
        if (j.size() != static_cast<size_t>(core::kTakeWeightCount)) reordered_ = true;
    }

    core::TakeFrame frame(const json& j, size_t index) const {
        const std::string where = "frame " + std::to_string(index);
        core::TakeFrame f;
        try {
            if (!j.is_object()) throw TakeFileError(where + " is not an object");
            const json& w = j.at("w");
            if (!w.is_array() || w.size() != columns_.size())
                throw TakeFileError(where + ": \"w\" must hold " + std::to_string(columns_.size()) +
                                    " weights (one per weight name)");
            for (size_t i = 0; i < w.size(); ++i) {
                if (!w[i].is_number()) throw TakeFileError(where + ": a weight is not a number");
                if (columns_[i] >= 0)
                    f.weights[static_cast<size_t>(columns_[i])] = w[i].get<float>();
            }
            if (j.contains("r")) f.head_rotation = vec3(j["r"], where + ": \"r\"");
            if (j.contains("t")) f.head_translation_cm = vec3(j["t"], where + ": \"t\"");
            if (j.contains("face")) f.has_face = j["face"].get<bool>();
            if (j.contains("eyes") && j["eyes"].is_object()) {
                f.has_eyes = true;
                f.eye_rotation_left = vec3(j["eyes"].at("left"), where + ": eyes \"left\"");
                f.eye_rotation_right = vec3(j["eyes"].at("right"), where + ": eyes \"right\"");
            }
        } catch (const json::exception& e) {
            throw TakeFileError(where + ": " + e.what());
        }
        return f;
    }

    std::string path_;
    std::string top_key_;
    std::vector<int> columns_;  ///< per "w" entry, its ARKit index or -1
    bool names_seen_ = false, frames_before_names_ = false, reordered_ = false;
    core::Take take_;
};

}  // namespace

ExportedFiles write_take_json(const core::Take& take, const std::string& path,
                              const core::Progress& progress) {
    check_take(take);
    AtomicFile out(path);
    json head = {{"format", kFormat},
                 {"version", kTakeFileVersion},
                 {"name", take.name},
                 {"fps", take.fps},
                 {"units",
                  {{"w", "ARKit weights in [0,1], in weight_names order"},
                   {"r", "head rotation, axis-angle, radians, camera from model"},
                   {"t", "head translation, cm, camera space (x right, y up, looking down -z)"},
                   {"eyes", "eyeball rotations, axis-angle, radians, model space"}}},
                 {"weight_names", face::arkit_names()},
                 {"frame_count", take.frame_count()}};
    // The head object without its closing brace; frames follow, one per line.
    std::string text = head.dump();
    text.pop_back();
    out.write(text);
    out.write(",\"frames\":[");
    std::string line;
    char number[24];
    for (int i = 0; i < take.frame_count(); ++i) {
        if (i % kFramesPerCheck == 0) {
            progress.check();
            progress.report(static_cast<double>(i) / take.frame_count(), "writing take");
        }
        const core::TakeFrame& f = take.frames[static_cast<size_t>(i)];
        line = i == 0 ? "\n{\"w\":[" : ",\n{\"w\":[";
        for (size_t k = 0; k < f.weights.size(); ++k) {
            std::snprintf(number, sizeof number, k ? ",%.6g" : "%.6g", f.weights[k]);
            line += number;
        }
        line += "],";
        append_vec3(line, "r", f.head_rotation);
        line += ",";
        append_vec3(line, "t", f.head_translation_cm);
        line += f.has_face ? ",\"face\":true" : ",\"face\":false";
        if (f.has_eyes) {
            line += ",\"eyes\":{";
            append_vec3(line, "left", f.eye_rotation_left);
            line += ",";
            append_vec3(line, "right", f.eye_rotation_right);
            line += "}";
        }
        line += "}";
        out.write(line);
    }
    out.write("\n]}\n");
    ExportedFiles files;
    files.bytes = out.tell();
    out.commit();
    files.paths.push_back(path);
    progress.report(1.0, "take written");
    return files;
}

core::Take read_take_json(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw TakeFileError("cannot open the take file '" + path + "'");
    Reader reader(path);
    json doc;
    try {
        doc = json::parse(in, [&reader](int depth, json::parse_event_t event, json& parsed) {
            return reader.on_event(depth, event, parsed);
        });
    } catch (const json::parse_error& e) {
        throw TakeFileError("'" + path + "' is not valid JSON: " + e.what());
    }
    return reader.finish(doc);
}

}  // namespace likeness::io
