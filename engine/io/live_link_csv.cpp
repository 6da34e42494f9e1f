#include "engine/io/live_link_csv.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

#include "engine/face/arkit_names.hpp"
#include "engine/io/atomic_file.hpp"
#include "engine/io/export_checks.hpp"

namespace likeness::io {
namespace {

constexpr int kBlendShapeCount = core::kTakeWeightCount + 3 + 6;
constexpr int kFramesPerCheck = 4096;

}  // namespace

std::string live_link_csv_header() {
    std::string h = "Timecode,BlendShapeCount";
    for (const std::string& name : face::arkit_names()) {
        std::string column = name;
        column[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(column[0])));
        h += "," + column;
    }
    h += ",HeadYaw,HeadPitch,HeadRoll,LeftEyeYaw,LeftEyePitch,LeftEyeRoll,RightEyeYaw,"
         "RightEyePitch,RightEyeRoll";
    return h;
}

std::string live_link_timecode(long long frame, double fps) {
    const long long rate = std::max(1LL, std::llround(fps));
    const long long seconds = frame / rate, ff = frame % rate;
    char text[48];
    std::snprintf(text, sizeof text, "%02lld:%02lld:%02lld:%02lld.000", (seconds / 3600) % 24,
                  (seconds / 60) % 60, seconds % 60, ff);
    return text;
}

ExportedFiles write_live_link_csv(const core::Take& take, const std::string& path,
                                  const core::Progress& progress) {
    check_take(take);
    AtomicFile out(path);
    out.write(live_link_csv_header());
    out.write("\n");
    const core::HeldFrames held(take);
    char number[32];
    for (int i = 0; i < held.size(); ++i) {
        if (i % kFramesPerCheck == 0) {
            progress.check();
            progress.report(static_cast<double>(i) / held.size(), "writing CSV");
        }
        const core::TakeFrame& f = held[i];
        out.write(live_link_timecode(i, take.fps));
        out.write(",");
        out.write(std::to_string(kBlendShapeCount));
        for (float w : f.weights) {
            const int n = std::snprintf(number, sizeof number, ",%.6g", w);
            out.write(number, static_cast<size_t>(n));
        }
        const Eigen::Vector3f head = core::yaw_pitch_roll(f.head_rotation);
        const Eigen::Vector3f left =
            f.has_eyes ? core::yaw_pitch_roll(f.eye_rotation_left) : Eigen::Vector3f::Zero();
        const Eigen::Vector3f right =
            f.has_eyes ? core::yaw_pitch_roll(f.eye_rotation_right) : Eigen::Vector3f::Zero();
        for (const Eigen::Vector3f* angles : {&head, &left, &right})
            for (int k = 0; k < 3; ++k) {
                const int n = std::snprintf(number, sizeof number, ",%.6g", (*angles)[k]);
                out.write(number, static_cast<size_t>(n));
            }
        out.write("\n");
    }
    ExportedFiles files;
    files.bytes = out.tell();
    out.commit();
    files.paths.push_back(path);
    progress.report(1.0, "CSV written");
    return files;
}

}  // namespace likeness::io
