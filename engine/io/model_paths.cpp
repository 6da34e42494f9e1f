#include "engine/io/model_paths.hpp"

#include <cstdlib>
#include <filesystem>

namespace likeness::io {
namespace fs = std::filesystem;

std::string ModelPaths::human_models() const {
    return root + "/node_modules/@vladmandic/human/models";
}
std::string ModelPaths::blazeface_json() const {
    return human_models() + "/blazeface.json";
}
std::string ModelPaths::facemesh_json() const {
    return human_models() + "/facemesh.json";
}
std::string ModelPaths::iris_json() const {
    return human_models() + "/iris.json";
}
std::string ModelPaths::human_source() const {
    return root + "/node_modules/@vladmandic/human/src";
}
std::string ModelPaths::mediapipe_face_mesh() const {
    return root + "/node_modules/@mediapipe/face_mesh";
}
std::string ModelPaths::demo_images() const {
    return root + "/node_modules/@vladmandic/face-api/demo";
}
std::string ModelPaths::demo_image() const {
    return demo_images() + "/sample1.jpg";
}

std::vector<std::string> model_search_path() {
    std::vector<std::string> folders;
    if (const char* env = std::getenv(kModelsEnvVar); env && *env) folders.emplace_back(env);
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec)
        folders.push_back((exe.parent_path().parent_path() / "share/likeness/models").string());
    folders.emplace_back(LIKENESS_INSTALL_MODELS_DIR);
    folders.emplace_back(LIKENESS_SOURCE_MODELS_DIR);
    return folders;
}

ModelPaths find_models() {
    return find_models(model_search_path());
}

ModelPaths find_models(const std::vector<std::string>& folders) {
    for (const std::string& folder : folders) {
        ModelPaths paths{folder};
        std::error_code ec;
        bool complete = true;
        for (const std::string& f :
             {paths.blazeface_json(), paths.facemesh_json(), paths.iris_json(),
              paths.mediapipe_face_mesh(), paths.demo_image()})
            complete = complete && fs::exists(f, ec);
        if (complete) return paths;
    }
    std::string message = "Likeness model files not found. Looked in:";
    for (const std::string& folder : folders)
        message += "\n  " + folder;
    message += "\nInstall them with `bash packaging/setup.sh` (from the source folder), or set " +
               std::string(kModelsEnvVar) +
               " to a folder that holds node_modules/@vladmandic/human.";
    throw ModelsNotFound(message);
}

}  // namespace likeness::io
