#include "engine/nn/model_error.hpp"

namespace likeness::nn {
namespace {

std::string compose(const std::string& file, const std::string& node, const std::string& problem) {
    std::string message = "model file '" + file + "'";
    if (!node.empty()) message += ", node '" + node + "'";
    return message + ": " + problem;
}

}  // namespace

ModelError::ModelError(const std::string& file, const std::string& node, const std::string& problem)
    : std::runtime_error(compose(file, node, problem)), file_(file), node_(node) {}

}  // namespace likeness::nn
