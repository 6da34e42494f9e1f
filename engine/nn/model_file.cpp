#include "engine/nn/model_file.hpp"

#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>

#include "engine/nn/half_float.hpp"
#include "engine/nn/model_error.hpp"

namespace likeness::nn {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;

// model.json files are ~100 KB and shards a few MB; refusing absurd sizes keeps a hostile file
// from exhausting memory before any check runs.
constexpr std::uintmax_t kMaxJsonBytes = std::uintmax_t{256} << 20;
constexpr std::uintmax_t kMaxWeightBytes = std::uintmax_t{2} << 30;

/// Error context: which file and node the parser is looking at.
struct Where {
    const std::string& file;
    std::string node;
    [[noreturn]] void fail(const std::string& problem) const {
        throw ModelError(file, node, problem);
    }
};

const json& member(const json& object, const char* key, const Where& where, const char* what) {
    if (!object.is_object()) where.fail(std::string(what) + " is not a JSON object");
    const auto it = object.find(key);
    if (it == object.end()) where.fail(std::string(what) + " has no \"" + key + "\" field");
    return *it;
}

std::string as_string(const json& value, const Where& where, const char* what) {
    if (!value.is_string()) where.fail(std::string(what) + " is not a string");
    return value.get<std::string>();
}

/// Protobuf JSON writes int64 as strings ("1") but plain numbers are accepted too.
std::int64_t as_int(const json& value, const Where& where, const char* what) {
    if (value.is_number_integer()) return value.get<std::int64_t>();
    if (value.is_string()) {
        const std::string text = value.get<std::string>();
        if (!text.empty() && text.size() <= 19) {
            std::size_t used = 0;
            try {
                const long long parsed = std::stoll(text, &used);
                if (used == text.size()) return parsed;
            } catch (const std::exception&) {
            }
        }
    }
    where.fail(std::string(what) + " is not an integer: " + value.dump());
}

double as_double(const json& value, const Where& where, const char* what) {
    if (value.is_number()) return value.get<double>();
    if (value.is_string()) {
        const std::string text = value.get<std::string>();
        if (text == "NaN") return std::numeric_limits<double>::quiet_NaN();
        if (text == "Infinity") return std::numeric_limits<double>::infinity();
        if (text == "-Infinity") return -std::numeric_limits<double>::infinity();
    }
    where.fail(std::string(what) + " is not a number: " + value.dump());
}

std::string base64_decode(const std::string& text, const Where& where) {
    auto sextet = [](char c) -> int {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a' + 26;
        if (c >= '0' && c <= '9') return c - '0' + 52;
        if (c == '+' || c == '-') return 62;
        if (c == '/' || c == '_') return 63;
        return -1;
    };
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (char c : text) {
        if (c == '=') break;
        const int v = sextet(c);
        if (v < 0) where.fail("attribute string is not valid base64: \"" + text + "\"");
        buffer = (buffer << 6) | static_cast<unsigned>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((buffer >> bits) & 0xffu));
        }
    }
    return out;
}

std::vector<std::int64_t> shape_dims(const json& shape, const Where& where, bool* unknown_rank) {
    std::vector<std::int64_t> dims;
    if (!shape.is_object()) where.fail("shape is not a JSON object");
    if (unknown_rank) *unknown_rank = shape.value("unknownRank", false);
    const auto it = shape.find("dim");
    if (it == shape.end()) return dims;  // rank 0
    if (!it->is_array()) where.fail("shape \"dim\" is not a list");
    for (const json& dim : *it) {
        // proto3 JSON omits zero values, so a dim without "size" has size 0.
        dims.push_back(dim.is_object() && dim.contains("size")
                           ? as_int(dim["size"], where, "shape dimension")
                           : 0);
    }
    return dims;
}

NodeAttr parse_attr(const json& value, const Where& where) {
    NodeAttr attr;
    if (!value.is_object()) where.fail("attribute is not a JSON object");
    if (value.contains("list")) {
        attr.kind = NodeAttr::Kind::List;
        const json& list = value["list"];
        if (!list.is_object()) where.fail("attribute list is not a JSON object");
        if (list.contains("i")) {
            if (!list["i"].is_array()) where.fail("attribute list \"i\" is not a list");
            for (const json& v : list["i"])
                attr.ints.push_back(as_int(v, where, "list element"));
        }
        if (list.contains("s")) {
            if (!list["s"].is_array()) where.fail("attribute list \"s\" is not a list");
            for (const json& v : list["s"])
                attr.strings.push_back(base64_decode(as_string(v, where, "list element"), where));
        }
        if (list.contains("f")) {
            if (!list["f"].is_array()) where.fail("attribute list \"f\" is not a list");
            for (const json& v : list["f"])
                attr.floats.push_back(as_double(v, where, "list element"));
        }
    } else if (value.contains("i")) {
        attr.kind = NodeAttr::Kind::Int;
        attr.i = as_int(value["i"], where, "attribute \"i\"");
    } else if (value.contains("f")) {
        attr.kind = NodeAttr::Kind::Float;
        attr.f = as_double(value["f"], where, "attribute \"f\"");
    } else if (value.contains("b")) {
        attr.kind = NodeAttr::Kind::Bool;
        if (!value["b"].is_boolean()) where.fail("attribute \"b\" is not a boolean");
        attr.b = value["b"].get<bool>();
    } else if (value.contains("s")) {
        attr.kind = NodeAttr::Kind::String;
        attr.s = base64_decode(as_string(value["s"], where, "attribute \"s\""), where);
    } else if (value.contains("type")) {
        attr.kind = NodeAttr::Kind::Type;
        attr.s = as_string(value["type"], where, "attribute \"type\"");
    } else if (value.contains("shape")) {
        attr.kind = NodeAttr::Kind::Shape;
        attr.ints = shape_dims(value["shape"], where, &attr.unknown_rank);
    } else if (value.contains("tensor")) {
        attr.kind = NodeAttr::Kind::Tensor;
        const json& tensor = value["tensor"];
        if (!tensor.is_object()) where.fail("attribute \"tensor\" is not a JSON object");
        if (tensor.contains("dtype")) attr.s = as_string(tensor["dtype"], where, "tensor dtype");
        if (tensor.contains("tensorShape"))
            attr.ints = shape_dims(tensor["tensorShape"], where, &attr.unknown_rank);
    }
    return attr;
}

NodeDef parse_node(const json& node, std::size_t index, const std::string& file) {
    Where where{file, "#" + std::to_string(index)};
    NodeDef def;
    def.name = as_string(member(node, "name", where, "node"), where, "node name");
    if (def.name.empty()) where.fail("node has an empty name");
    where.node = def.name;
    def.op = as_string(member(node, "op", where, "node"), where, "node op");
    if (node.contains("input")) {
        const json& inputs = node["input"];
        if (!inputs.is_array()) where.fail("\"input\" is not a list");
        for (const json& input : inputs)
            def.inputs.push_back(as_string(input, where, "input"));
    }
    if (node.contains("attr")) {
        const json& attrs = node["attr"];
        if (!attrs.is_object()) where.fail("\"attr\" is not a JSON object");
        for (auto it = attrs.begin(); it != attrs.end(); ++it) {
            Where attr_where{file, def.name + "' attribute '" + it.key()};
            def.attrs.emplace(it.key(), parse_attr(it.value(), attr_where));
        }
    }
    return def;
}

std::string read_file_limited(const fs::path& path, std::uintmax_t limit, const Where& where,
                              const char* what) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        where.fail(std::string(what) + " '" + path.string() + "' does not exist or is not a file");
    const std::uintmax_t size = fs::file_size(path, ec);
    if (ec) where.fail("cannot read " + std::string(what) + " '" + path.string() + "'");
    if (size > limit)
        where.fail(std::string(what) + " '" + path.string() + "' is " + std::to_string(size) +
                   " bytes, more than the " + std::to_string(limit) + " bytes accepted");
    std::ifstream in(path, std::ios::binary);
    std::string bytes(static_cast<std::size_t>(size), '\0');
    if (!in || !in.read(bytes.data(), static_cast<std::streamsize>(size)))
        where.fail("cannot read " + std::string(what) + " '" + path.string() + "'");
    return bytes;
}

/// Bytes per stored element, or 0 for an unsupported storage type.
std::size_t stored_bytes(const std::string& storage) {
    if (storage == "float32" || storage == "int32") return 4;
    if (storage == "float16" || storage == "uint16") return 2;
    if (storage == "uint8" || storage == "bool") return 1;
    return 0;
}

template <typename T>
T load_le(const char* p) {
    T value;
    std::memcpy(&value, p, sizeof value);  // little-endian hosts only (x86-64, arm64)
    return value;
}

ConstTensor decode_weight(const json& spec, const std::string& blob, std::size_t& offset,
                          const std::string& shard_names, const Where& where) {
    ConstTensor tensor;
    const json& shape = member(spec, "shape", where, "weight");
    if (!shape.is_array()) where.fail("weight \"shape\" is not a list");
    std::uint64_t count = 1;
    for (const json& d : shape) {
        const std::int64_t dim = as_int(d, where, "weight dimension");
        if (dim < 0 || dim > (std::int64_t{1} << 31))
            where.fail("weight has an invalid dimension " + std::to_string(dim));
        count *= static_cast<std::uint64_t>(dim);
        if (count > kMaxWeightBytes) where.fail("weight has more elements than any shard holds");
        tensor.shape.push_back(static_cast<int>(dim));
    }
    const std::string dtype = as_string(member(spec, "dtype", where, "weight"), where, "dtype");
    std::string storage = dtype;
    double scale = 1.0, minimum = 0.0;
    if (spec.contains("quantization") && !spec["quantization"].is_null()) {
        const json& q = spec["quantization"];
        storage = as_string(member(q, "dtype", where, "quantization"), where, "quantization dtype");
        if (storage == "uint8" || storage == "uint16") {
            scale = as_double(member(q, "scale", where, "quantization"), where, "scale");
            minimum = as_double(member(q, "min", where, "quantization"), where, "min");
        } else if (storage != "float16") {
            where.fail("unsupported weight quantization \"" + storage + "\"");
        }
        if (dtype != "float32") where.fail("quantized weight must have dtype float32");
    } else if (dtype != "float32" && dtype != "int32" && dtype != "bool") {
        where.fail("unsupported weight dtype \"" + dtype + "\" (float32, int32 or bool expected)");
    }
    const std::size_t element_bytes = stored_bytes(storage);
    const std::uint64_t bytes = count * element_bytes;
    if (offset + bytes > blob.size())
        where.fail("weight needs bytes " + std::to_string(offset) + ".." +
                   std::to_string(offset + bytes) + " but the weight data (" + shard_names +
                   ") has only " + std::to_string(blob.size()) + " bytes (truncated weight file?)");
    const char* p = blob.data() + offset;
    offset += static_cast<std::size_t>(bytes);
    const std::size_t n = static_cast<std::size_t>(count);
    if (dtype == "int32" || dtype == "bool") {
        tensor.dtype = DType::Int32;
        tensor.ints.resize(n);
        for (std::size_t k = 0; k < n; ++k)
            tensor.ints[k] = dtype == "bool" ? static_cast<std::int32_t>(p[k] != 0)
                                             : load_le<std::int32_t>(p + 4 * k);
        return tensor;
    }
    tensor.dtype = DType::Float32;
    tensor.floats.resize(n);
    for (std::size_t k = 0; k < n; ++k) {
        if (storage == "float32")
            tensor.floats[k] = load_le<float>(p + 4 * k);
        else if (storage == "float16")
            tensor.floats[k] = half_to_float(load_le<std::uint16_t>(p + 2 * k));
        else if (storage == "uint16")
            tensor.floats[k] =
                static_cast<float>(load_le<std::uint16_t>(p + 2 * k) * scale + minimum);
        else
            tensor.floats[k] =
                static_cast<float>(static_cast<unsigned char>(p[k]) * scale + minimum);
    }
    return tensor;
}

void read_manifest(const json& manifest, const fs::path& folder, ModelFile& model) {
    const Where where{model.path, ""};
    if (!manifest.is_array()) where.fail("\"weightsManifest\" is not a list");
    for (const json& group : manifest) {
        const json& paths = member(group, "paths", where, "weightsManifest group");
        if (!paths.is_array() || paths.empty()) where.fail("weightsManifest group has no paths");
        std::string blob, shard_names;
        for (const json& p : paths) {
            const std::string relative = as_string(p, where, "weight path");
            const fs::path rel(relative);
            bool escapes = rel.is_absolute();
            for (const auto& part : rel)
                escapes = escapes || part == "..";
            if (escapes)
                where.fail("weight path '" + relative + "' must stay inside the model's folder");
            blob += read_file_limited(folder / rel, kMaxWeightBytes - blob.size(), where,
                                      "weight file");
            shard_names += (shard_names.empty() ? "'" : ", '") + relative + "'";
        }
        const json& weights = member(group, "weights", where, "weightsManifest group");
        if (!weights.is_array()) where.fail("weightsManifest \"weights\" is not a list");
        std::size_t offset = 0;
        for (const json& spec : weights) {
            const std::string name =
                as_string(member(spec, "name", where, "weight"), where, "name");
            const Where weight_where{model.path, name};
            ConstTensor tensor = decode_weight(spec, blob, offset, shard_names, weight_where);
            if (!model.weights.emplace(name, std::move(tensor)).second)
                weight_where.fail("weight is listed twice in weightsManifest");
        }
        if (offset != blob.size())
            where.fail("the weight data (" + shard_names + ") has " + std::to_string(blob.size()) +
                       " bytes but the manifest describes " + std::to_string(offset) +
                       " (wrong or corrupted weight file?)");
    }
}

}  // namespace

ModelFile parse_model_file(const std::string& json_text, const std::string& folder,
                           const std::string& display_path) {
    ModelFile model;
    model.path = display_path;
    const Where where{model.path, ""};
    json root;
    try {
        root = json::parse(json_text);
    } catch (const json::exception& e) {
        where.fail(std::string("not valid JSON (") + e.what() + ")");
    }
    try {
        const json& topology = member(root, "modelTopology", where, "model.json");
        const json& nodes = member(topology, "node", where, "modelTopology");
        if (!nodes.is_array()) where.fail("modelTopology \"node\" is not a list");
        model.nodes.reserve(nodes.size());
        for (std::size_t k = 0; k < nodes.size(); ++k)
            model.nodes.push_back(parse_node(nodes[k], k, model.path));
        if (root.contains("format") && root["format"].is_string() &&
            root["format"].get<std::string>() != "graph-model")
            where.fail("format is \"" + root["format"].get<std::string>() +
                       "\", only tfjs graph models are supported");
        read_manifest(member(root, "weightsManifest", where, "model.json"), fs::path(folder),
                      model);
    } catch (const json::exception& e) {
        // Any JSON access the explicit checks above missed still ends as a ModelError.
        where.fail(std::string("unexpected JSON structure (") + e.what() + ")");
    }
    return model;
}

ModelFile read_model_file(const std::string& model_json_path) {
    const Where where{model_json_path, ""};
    const fs::path path(model_json_path);
    const std::string text = read_file_limited(path, kMaxJsonBytes, where, "model file");
    return parse_model_file(text, path.parent_path().string(), model_json_path);
}

}  // namespace likeness::nn
