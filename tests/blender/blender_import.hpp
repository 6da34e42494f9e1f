#pragma once
// Runs Blender headless on one of our exports (inspect_import.py) and checks what it made of
// it: shape keys by name, one fcurve per shape key over the take's frames. Shared by the
// Blender tests of the template rig (tests/engine/io) and of a personal session (tests/cli).
// Tests call blender_installed() first and skip with a message when it is false.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "tests/support/test_paths.hpp"

namespace likeness::test {

inline bool blender_installed() {
    return run_command("command -v blender").exit_code == 0;
}

/// The message a test skips with when Blender is absent.
inline const char* blender_missing_message() {
    return "blender is not installed (bash packaging/setup.sh --for-tests installs it)";
}

/// Path of a script in tests/blender.
inline std::string blender_script(const std::string& name) {
    return (std::filesystem::path(__FILE__).parent_path() / name).lexically_normal().string();
}

/// Imports `file` into an empty Blender scene and returns inspect_import.py's report (null when
/// Blender failed; the failure is a test failure). `scene_fps`: the rate to set the scene to
/// before importing (glTF stores seconds, Blender keys them at the scene rate); FBX carries its
/// own. The report's human summary goes to stdout, for the test log.
inline nlohmann::json blender_report(const std::string& file, const std::string& dir,
                                     std::optional<double> scene_fps = std::nullopt) {
    const std::string report =
        dir + "/" + std::filesystem::path(file).filename().string() + ".report.json";
    const auto r = run_command("blender -b --factory-startup --python-exit-code 3 --python " +
                               blender_script("inspect_import.py") + " -- " + file + " " + report +
                               (scene_fps ? " " + std::to_string(*scene_fps) : ""));
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    std::ifstream in(report);
    if (!in) return nlohmann::json();
    const nlohmann::json j = nlohmann::json::parse(in);
    std::cout << run_command("python3 " + blender_script("summarize_report.py") + " " + report).out;
    return j;
}

/// The report's one mesh has exactly `names` as shape keys (in order) and a texture with data.
inline void expect_named_shape_keys(const nlohmann::json& report,
                                    const std::vector<std::string>& names) {
    ASSERT_EQ(report.at("meshes").size(), 1u) << report.dump(1);
    const nlohmann::json& mesh = report.at("meshes").at(0);
    EXPECT_EQ(mesh.at("shape_keys").get<std::vector<std::string>>(), names);
    EXPECT_FALSE(mesh.at("images").empty()) << "no texture attached";
    for (const nlohmann::json& image : mesh.at("images"))
        EXPECT_TRUE(image.at("has_data")) << image.dump();
}

/// Every shape key in `names` has an fcurve with one key per frame, from `first_frame` to
/// `first_frame + frames - 1`, and no other shape key is animated.
inline void expect_shape_key_fcurves(const nlohmann::json& report,
                                     const std::vector<std::string>& names, int frames,
                                     double first_frame) {
    std::set<std::string> animated;
    for (const nlohmann::json& action : report.at("actions"))
        for (const nlohmann::json& fc : action.at("fcurves")) {
            const std::string path = fc.at("data_path");
            if (path.rfind("key_blocks[\"", 0) != 0) continue;
            animated.insert(path.substr(12, path.find('"', 12) - 12));
            EXPECT_EQ(fc.at("keyframes"), frames) << path;
            EXPECT_NEAR(fc.at("first_frame").get<double>(), first_frame, 1e-3) << path;
            EXPECT_NEAR(fc.at("last_frame").get<double>(), first_frame + frames - 1, 1e-3) << path;
        }
    EXPECT_EQ(animated.size(), names.size());
    for (const std::string& name : names)
        EXPECT_TRUE(animated.count(name)) << name;
}

/// Number of location / rotation fcurves, each expected to hold `frames` keys.
inline int transform_fcurves(const nlohmann::json& report, int frames) {
    int n = 0;
    for (const nlohmann::json& action : report.at("actions"))
        for (const nlohmann::json& fc : action.at("fcurves")) {
            const std::string path = fc.at("data_path");
            if (path == "location" || path.rfind("rotation", 0) == 0) {
                ++n;
                EXPECT_EQ(fc.at("keyframes"), frames) << path;
            }
        }
    return n;
}

}  // namespace likeness::test
