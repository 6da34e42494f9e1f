#pragma once
// Reading a tfjs graph model from disk: model.json (modelTopology.node + weightsManifest) and
// its .bin weight shards. This layer only parses and checks the file format; GraphModel turns
// the result into an executable plan.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace likeness::nn {

/// One attribute of a graph node: the subset of TensorFlow's AttrValue proto that tfjs writes.
struct NodeAttr {
    enum class Kind { Int, Float, Bool, String, Type, List, Shape, Tensor, Other };
    Kind kind = Kind::Other;
    std::int64_t i = 0;
    double f = 0.0;
    bool b = false;
    std::string s;                     ///< String: decoded bytes; Type: e.g. "DT_FLOAT"
    std::vector<std::int64_t> ints;    ///< List "i"; Shape/Tensor: dims (-1 = unknown)
    std::vector<std::string> strings;  ///< List "s", base64-decoded
    std::vector<double> floats;        ///< List "f"
    bool unknown_rank = false;         ///< Shape with unknownRank
};

struct NodeDef {
    std::string name, op;
    std::vector<std::string> inputs;  ///< as written: "node", "node:1" or "^control"
    std::map<std::string, NodeAttr> attrs;
};

enum class DType { Float32, Int32 };

/// A weight from the manifest, decoded to float32 (float32, float16, uint8/uint16 affine) or
/// int32 (int32, bool).
struct ConstTensor {
    std::vector<int> shape;
    DType dtype = DType::Float32;
    std::vector<float> floats;       ///< dtype Float32: product(shape) values
    std::vector<std::int32_t> ints;  ///< dtype Int32: product(shape) values
};

struct ModelFile {
    std::string path;  ///< the model.json read
    std::vector<NodeDef> nodes;
    std::map<std::string, ConstTensor> weights;  ///< by manifest name (= Const node name)
};

/// Reads and checks model.json and every weight shard it lists (paths relative to its folder).
/// Throws ModelError for unreadable files, bad JSON, missing fields, unknown dtypes,
/// inconsistent byte counts (truncated or oversized shards) and duplicate names.
ModelFile read_model_file(const std::string& model_json_path);

/// Same, from model.json text already in memory; shards are read from `folder`.
ModelFile parse_model_file(const std::string& json_text, const std::string& folder,
                           const std::string& display_path);

}  // namespace likeness::nn
