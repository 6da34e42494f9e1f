#include "engine/io/model_paths.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "tests/support/test_paths.hpp"

namespace likeness::io {
namespace {
namespace fs = std::filesystem;

// Lays out the files find_models() checks for, as `npm ci` would.
void fake_install(const std::string& root) {
    const ModelPaths p{root};
    for (const std::string& f :
         {p.blazeface_json(), p.facemesh_json(), p.iris_json(), p.demo_image()}) {
        fs::create_directories(fs::path(f).parent_path());
        std::ofstream(f) << "x";
    }
    fs::create_directories(p.mediapipe_face_mesh());
}

TEST(ModelPaths, EnvironmentVariableComesFirst) {
    const std::string dir = test::scratch_dir("model_paths_env");
    fake_install(dir);
    ::setenv(kModelsEnvVar, dir.c_str(), 1);
    EXPECT_EQ(model_search_path().front(), dir);
    EXPECT_EQ(find_models().root, dir);
    ::unsetenv(kModelsEnvVar);
    EXPECT_NE(model_search_path().front(), dir);
}

TEST(ModelPaths, SkipsIncompleteFoldersAndExplainsWhenNoneIsComplete) {
    const std::string dir = test::scratch_dir("model_paths_missing");
    const std::string empty = dir + "/empty", partial = dir + "/partial", full = dir + "/full";
    fs::create_directories(empty);
    fake_install(partial);
    fs::remove(ModelPaths{partial}.iris_json());
    fake_install(full);
    EXPECT_EQ(find_models({empty, partial, full}).root, full);
    try {
        find_models({empty, partial});
        FAIL() << "expected ModelsNotFound";
    } catch (const ModelsNotFound& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find(empty), std::string::npos) << message;
        EXPECT_NE(message.find(partial), std::string::npos) << message;
        EXPECT_NE(message.find("packaging/setup.sh"), std::string::npos) << message;
        EXPECT_NE(message.find(kModelsEnvVar), std::string::npos) << message;
    }
}

}  // namespace
}  // namespace likeness::io
