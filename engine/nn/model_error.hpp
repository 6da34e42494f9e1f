#pragma once
// The error every malformed or unsupported tfjs model file raises. Model files are user input:
// the runtime refuses them with a message naming the file and the node, it never crashes.
#include <stdexcept>
#include <string>

namespace likeness::nn {

class ModelError : public std::runtime_error {
  public:
    /// file: the model.json (or weight shard) at fault; node: the graph node, empty when the
    /// problem is not tied to one node; problem: what is wrong, phrased for a user.
    ModelError(const std::string& file, const std::string& node, const std::string& problem);

    const std::string& file() const { return file_; }
    const std::string& node() const { return node_; }

  private:
    std::string file_, node_;
};

}  // namespace likeness::nn
