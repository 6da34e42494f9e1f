#include "engine/face/arkit_names.hpp"

namespace likeness::face {

const std::array<std::string, kArkitShapeCount>& arkit_names() {
    static const std::array<std::string, kArkitShapeCount> kNames = {
        "eyeBlinkLeft",      "eyeLookDownLeft",    "eyeLookInLeft",
        "eyeLookOutLeft",    "eyeLookUpLeft",      "eyeSquintLeft",
        "eyeWideLeft",       "eyeBlinkRight",      "eyeLookDownRight",
        "eyeLookInRight",    "eyeLookOutRight",    "eyeLookUpRight",
        "eyeSquintRight",    "eyeWideRight",       "jawForward",
        "jawLeft",           "jawRight",           "jawOpen",
        "mouthClose",        "mouthFunnel",        "mouthPucker",
        "mouthLeft",         "mouthRight",         "mouthSmileLeft",
        "mouthSmileRight",   "mouthFrownLeft",     "mouthFrownRight",
        "mouthDimpleLeft",   "mouthDimpleRight",   "mouthStretchLeft",
        "mouthStretchRight", "mouthRollLower",     "mouthRollUpper",
        "mouthShrugLower",   "mouthShrugUpper",    "mouthPressLeft",
        "mouthPressRight",   "mouthLowerDownLeft", "mouthLowerDownRight",
        "mouthUpperUpLeft",  "mouthUpperUpRight",  "browDownLeft",
        "browDownRight",     "browInnerUp",        "browOuterUpLeft",
        "browOuterUpRight",  "cheekPuff",          "cheekSquintLeft",
        "cheekSquintRight",  "noseSneerLeft",      "noseSneerRight",
        "tongueOut"};
    return kNames;
}

int arkit_index(const std::string& name) {
    const auto& names = arkit_names();
    for (int i = 0; i < kArkitShapeCount; ++i)
        if (names[static_cast<size_t>(i)] == name) return i;
    return -1;
}

std::string arkit_mirror_name(const std::string& name) {
    auto swap_suffix = [&](const std::string& from, const std::string& to) -> std::string {
        if (name.size() > from.size() &&
            name.compare(name.size() - from.size(), from.size(), from) == 0)
            return name.substr(0, name.size() - from.size()) + to;
        return {};
    };
    if (auto s = swap_suffix("Left", "Right"); !s.empty()) return s;
    if (auto s = swap_suffix("Right", "Left"); !s.empty()) return s;
    return name;
}

}  // namespace likeness::face
