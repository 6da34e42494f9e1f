#include "engine/track/landmarks_json_writer.hpp"

#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace likeness::track {
namespace {

using Json = nlohmann::ordered_json;

double px(double v) {
    return std::round(v * 1000.0) / 1000.0;
}

Json points(const nn::MeshPoints& p, int dims) {
    Json out = Json::array();
    for (Eigen::Index i = 0; i < p.rows(); ++i) {
        Json row = Json::array();
        for (int k = 0; k < dims; ++k)
            row.push_back(px(p(i, k)));
        out.push_back(std::move(row));
    }
    return out;
}

}  // namespace

std::string landmarks_frame_json(const TrackedFrame& frame) {
    Json j;
    j["index"] = frame.index;
    j["face"] = frame.face.has_value();
    if (frame.face) {
        const nn::FrameLandmarks& lm = *frame.face;
        j["flag"] = px(lm.face_flag);
        j["box"] = {px(lm.box.x0), px(lm.box.y0), px(lm.box.x1), px(lm.box.y1)};
        j["landmarks468"] = points(lm.mesh, 3);
        j["landmarks68"] = points(lm.ibug68(), 2);
        j["iris"] = {{"left", points(lm.iris_left, 2)}, {"right", points(lm.iris_right, 2)}};
    }
    return j.dump();
}

LandmarksJsonWriter::LandmarksJsonWriter(const std::string& path, const std::string& input,
                                         int width, int height, double fps)
    : path_(path) {
    if (path == "-") {
        file_ = stdout;
    } else {
        temp_path_ = path + ".partial";
        file_ = std::fopen(temp_path_.c_str(), "wb");
        if (!file_)
            throw std::runtime_error("cannot write '" + path + "': " + std::strerror(errno));
    }
    Json head;
    head["input"] = input;
    head["width"] = width;
    head["height"] = height;
    head["fps"] = fps;
    std::string text = head.dump();
    text.pop_back();  // reopen the object to append the frames array
    write(text + ",\"frames\":[");
}

LandmarksJsonWriter::~LandmarksJsonWriter() {
    if (file_ && file_ != stdout) {
        std::fclose(file_);
        if (!finished_) std::remove(temp_path_.c_str());
    }
}

void LandmarksJsonWriter::write(const std::string& text) {
    if (std::fwrite(text.data(), 1, text.size(), file_) != text.size())
        throw std::runtime_error("cannot write '" + path_ + "' (disk full?)");
}

void LandmarksJsonWriter::add(const TrackedFrame& frame) {
    write((first_ ? "\n" : ",\n") + landmarks_frame_json(frame));
    first_ = false;
}

void LandmarksJsonWriter::finish(const TrackerStats& stats) {
    Json summary = {{"frames", stats.frames},
                    {"frames_with_face", stats.frames_with_face},
                    {"detections", stats.detections},
                    {"redetections", stats.redetections}};
    write("\n],\"summary\":" + summary.dump() + "}\n");
    if (file_ == stdout) {
        std::fflush(stdout);
        finished_ = true;
        return;
    }
    const bool ok = std::fflush(file_) == 0 && std::fclose(file_) == 0;
    file_ = nullptr;
    if (!ok) {
        std::remove(temp_path_.c_str());
        throw std::runtime_error("cannot write '" + path_ + "' (disk full?)");
    }
    std::error_code ec;
    std::filesystem::rename(temp_path_, path_, ec);
    if (ec) throw std::runtime_error("cannot move the result to '" + path_ + "': " + ec.message());
    finished_ = true;
}

}  // namespace likeness::track
