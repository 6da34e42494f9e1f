#pragma once
// Where the model packages installed by packaging/setup.sh live. They are never committed.
#include <stdexcept>
#include <string>
#include <vector>

namespace likeness::io {

class ModelsNotFound : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// The installed npm packages, laid out as `npm ci` leaves them below `root`.
struct ModelPaths {
    std::string root;  ///< folder holding node_modules/

    std::string human_models() const;         ///< .../@vladmandic/human/models
    std::string blazeface_json() const;       ///< BlazeFace 256 (tfjs graph model)
    std::string facemesh_json() const;        ///< FaceMesh 468 (tfjs graph model)
    std::string iris_json() const;            ///< Iris (tfjs graph model)
    std::string human_source() const;         ///< .../@vladmandic/human/src (facemeshcoords.ts)
    std::string mediapipe_face_mesh() const;  ///< .../@mediapipe/face_mesh (canonical mesh)
    std::string demo_images() const;          ///< .../@vladmandic/face-api/demo (sample*.jpg)
    std::string demo_image() const;           ///< the photo the studio opens when given nothing
};

/// Environment variable that overrides where models are looked for.
constexpr const char* kModelsEnvVar = "LIKENESS_MODELS";

/// Folders searched, in order: $LIKENESS_MODELS, <exe>/../share/likeness/models, the install
/// location, the source tree's models/ folder (a developer build).
std::vector<std::string> model_search_path();

/// The first folder of model_search_path() that holds every model file Likeness uses.
/// Throws ModelsNotFound with one message that names the folders searched and how to install.
ModelPaths find_models();

/// The same search over the given folders, in order.
ModelPaths find_models(const std::vector<std::string>& folders);

}  // namespace likeness::io
