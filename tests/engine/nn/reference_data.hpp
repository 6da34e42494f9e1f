#pragma once
// Helpers shared by the nn tests: the installed models and the reference tensors in
// ../shared/reference/facemesh (tests skip when either is missing).
#include <gtest/gtest.h>

#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "engine/io/model_paths.hpp"
#include "tests/support/test_paths.hpp"

namespace likeness::nn::test {

inline std::optional<io::ModelPaths> installed_models() {
    try {
        return io::find_models();
    } catch (const io::ModelsNotFound&) {
        return std::nullopt;
    }
}

/// Little-endian float32 file → values (empty when unreadable).
inline std::vector<float> read_f32(const std::string& path) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) return {};
    const std::streamsize bytes = in.tellg();
    std::vector<float> values(static_cast<std::size_t>(bytes) / sizeof(float));
    in.seekg(0);
    in.read(reinterpret_cast<char*>(values.data()),
            static_cast<std::streamsize>(values.size() * sizeof(float)));
    return values;
}

/// Whitespace-separated numbers of a text file, skipping '#' comment lines.
inline std::vector<double> read_numbers(const std::string& path) {
    std::ifstream in(path);
    std::vector<double> values;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream fields(line);
        double v;
        while (fields >> v)
            values.push_back(v);
    }
    return values;
}

inline const std::string kReference = "reference/facemesh/";

}  // namespace likeness::nn::test

/// Skips the current test unless the models are installed; binds `models`.
#define LIKENESS_REQUIRE_MODELS(models)                                                        \
    const auto models##_found = ::likeness::nn::test::installed_models();                      \
    if (!models##_found) GTEST_SKIP() << "model files not installed (run packaging/setup.sh)"; \
    const ::likeness::io::ModelPaths& models = *models##_found

/// Skips unless ../shared/<relative> exists; binds its path to `var`.
#define LIKENESS_REQUIRE_SHARED(var, relative)                                            \
    const auto var##_found = ::likeness::test::shared_file(relative);                     \
    if (!var##_found) GTEST_SKIP() << ::likeness::test::missing_shared_message(relative); \
    const std::string& var = *var##_found
