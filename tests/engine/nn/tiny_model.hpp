#pragma once
// Builds small tfjs graph models (model.json + one .bin shard) on disk for op-level and
// malformed-file tests.
#include <cstdint>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace likeness::nn::test {

using nlohmann::json;

inline std::string base64(const std::string& bytes) {
    static const char* table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (unsigned char c : bytes) {
        buffer = (buffer << 8) | c;
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            out.push_back(table[(buffer >> bits) & 63u]);
        }
    }
    if (bits > 0) out.push_back(table[(buffer << (6 - bits)) & 63u]);
    while (out.size() % 4)
        out.push_back('=');
    return out;
}

/// Attribute values as tfjs writes them.
inline json ints(const std::vector<int>& values) {
    json list = json::array();
    for (int v : values)
        list.push_back(std::to_string(v));
    return {{"list", {{"i", list}}}};
}
inline json str(const std::string& s) {
    return {{"s", base64(s)}};
}
inline json strs(const std::vector<std::string>& values) {
    json list = json::array();
    for (const auto& v : values)
        list.push_back(base64(v));
    return {{"list", {{"s", list}}}};
}
inline json shape_attr(const std::vector<int>& dims) {
    json d = json::array();
    for (int v : dims)
        d.push_back({{"size", std::to_string(v)}});
    return {{"shape", {{"dim", d}}}};
}

struct TinyModel {
    json nodes = json::array();
    json weights = json::array();
    std::string bin;

    void placeholder(const std::string& name, const std::vector<int>& shape) {
        nodes.push_back(
            {{"name", name},
             {"op", "Placeholder"},
             {"attr", {{"dtype", {{"type", "DT_FLOAT"}}}, {"shape", shape_attr(shape)}}}});
    }
    void const_node(const std::string& name, const std::vector<int>& shape, const char* dtype) {
        json d = json::array();
        for (int v : shape)
            d.push_back({{"size", std::to_string(v)}});
        nodes.push_back(
            {{"name", name},
             {"op", "Const"},
             {"attr",
              {{"value", {{"tensor", {{"dtype", dtype}, {"tensorShape", {{"dim", d}}}}}}},
               {"dtype", {{"type", dtype}}}}}});
    }
    void f32(const std::string& name, const std::vector<int>& shape, const std::vector<float>& v) {
        const_node(name, shape, "DT_FLOAT");
        weights.push_back({{"name", name}, {"shape", shape}, {"dtype", "float32"}});
        bin.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(float));
    }
    void f16(const std::string& name, const std::vector<int>& shape,
             const std::vector<std::uint16_t>& v) {
        const_node(name, shape, "DT_FLOAT");
        weights.push_back(
            {{"name", name},
             {"shape", shape},
             {"dtype", "float32"},
             {"quantization", {{"dtype", "float16"}, {"original_dtype", "float32"}}}});
        bin.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(std::uint16_t));
    }
    void i32(const std::string& name, const std::vector<int>& shape,
             const std::vector<std::int32_t>& v) {
        const_node(name, shape, "DT_INT32");
        weights.push_back({{"name", name}, {"shape", shape}, {"dtype", "int32"}});
        bin.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(std::int32_t));
    }
    json& node(const std::string& name, const std::string& op,
               const std::vector<std::string>& inputs, json attrs = json::object()) {
        nodes.push_back({{"name", name}, {"op", op}, {"input", inputs}, {"attr", attrs}});
        return nodes.back();
    }
    /// An Identity named `name` reading `input` (tfjs graph outputs are Identity nodes).
    void output(const std::string& name, const std::string& input) {
        node(name, "Identity", {input});
    }

    json model_json(const std::string& bin_name = "weights.bin") const {
        return {{"format", "graph-model"},
                {"modelTopology",
                 {{"node", nodes}, {"library", json::object()}, {"versions", json::object()}}},
                {"weightsManifest", json::array({{{"paths", {bin_name}}, {"weights", weights}}})}};
    }
    /// Writes dir/model.json and dir/weights.bin; returns the model.json path.
    std::string write(const std::string& dir) const {
        std::ofstream(dir + "/weights.bin", std::ios::binary) << bin;
        std::ofstream(dir + "/model.json") << model_json().dump();
        return dir + "/model.json";
    }
};

/// Conv attributes: strides s, padding, fused ops.
inline json conv_attrs(int stride, const std::string& padding,
                       const std::vector<std::string>& fused, int dilation = 1) {
    return {{"strides", ints({1, stride, stride, 1})},
            {"padding", str(padding)},
            {"dilations", ints({1, dilation, dilation, 1})},
            {"data_format", str("NHWC")},
            {"fused_ops", strs(fused)},
            {"num_args", {{"i", std::to_string(fused.size() == 2 && fused[1] == "Prelu" ? 2 : 1)}}},
            {"explicit_paddings", {{"list", json::object()}}}};
}

}  // namespace likeness::nn::test
