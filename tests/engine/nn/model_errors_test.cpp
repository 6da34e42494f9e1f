// Model files are user input: every malformed one must end in a ModelError whose message names
// the file (and the node when there is one), never in a crash or an out-of-bounds read.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "engine/nn/graph_model.hpp"
#include "tests/engine/nn/reference_data.hpp"
#include "tests/engine/nn/tiny_model.hpp"
#include "tests/support/test_paths.hpp"

namespace likeness::nn {
namespace {

using test::conv_attrs;
using test::ints;
using test::json;
using test::str;
using test::TinyModel;

/// A valid model: x (1x4x4x2) → 3x3 conv (BiasAdd, Relu) → Identity "out".
TinyModel valid_model() {
    TinyModel m;
    m.placeholder("x", {1, 4, 4, 2});
    m.f32("w", {3, 3, 2, 3}, std::vector<float>(54, 0.5f));
    m.f32("b", {3}, {1, 2, 3});
    m.node("conv", "_FusedConv2D", {"x", "w", "b"}, conv_attrs(1, "SAME", {"BiasAdd", "Relu"}));
    m.output("out", "conv");
    return m;
}

std::string scratch() {
    return likeness::test::scratch_dir(
        ::testing::UnitTest::GetInstance()->current_test_info()->name());
}

/// Loads `path` and returns the ModelError message ("" when loading succeeded).
std::string load_error(const std::string& path) {
    try {
        GraphModel::load(path);
    } catch (const ModelError& e) {
        return e.what();
    }
    return "";
}

std::string error_of(const TinyModel& m) {
    return load_error(m.write(scratch()));
}

void write_text(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

TEST(ModelErrors, ValidModelLoads) {
    EXPECT_EQ(error_of(valid_model()), "");
}

TEST(ModelErrors, MissingOrBadJson) {
    const std::string dir = scratch();
    EXPECT_NE(load_error(dir + "/absent.json").find("absent.json"), std::string::npos);
    const std::string text = valid_model().model_json().dump();
    for (const std::string& bad :
         {std::string(""), std::string("{"), text.substr(0, text.size() / 2),
          std::string("[1,2,3]"), std::string("{\"modelTopology\": 3}"),
          std::string("\x89PNG\r\n\x1a\n garbage")}) {
        write_text(dir + "/model.json", bad);
        const std::string message = load_error(dir + "/model.json");
        EXPECT_NE(message.find("model.json"), std::string::npos) << "for input: " << bad;
    }
}

TEST(ModelErrors, TruncatedOrOversizedWeights) {
    const std::string dir = scratch();
    TinyModel m = valid_model();
    const std::string path = m.write(dir);
    std::filesystem::resize_file(dir + "/weights.bin", m.bin.size() - 5);
    std::string message = load_error(path);
    EXPECT_NE(message.find("truncated"), std::string::npos) << message;
    EXPECT_NE(message.find("'b'"), std::string::npos) << message;  // the weight that runs out
    std::ofstream(dir + "/weights.bin", std::ios::binary) << m.bin << "extra";
    message = load_error(path);
    EXPECT_NE(message.find("bytes"), std::string::npos) << message;
    std::filesystem::remove(dir + "/weights.bin");
    EXPECT_NE(load_error(path).find("weights.bin"), std::string::npos);
}

TEST(ModelErrors, WeightPathMustStayInModelFolder) {
    const std::string dir = scratch();
    TinyModel m = valid_model();
    m.write(dir);
    write_text(dir + "/model.json", m.model_json("../weights.bin").dump());
    EXPECT_NE(load_error(dir + "/model.json").find("inside the model's folder"), std::string::npos);
}

TEST(ModelErrors, WrongShapes) {
    TinyModel in_channels = valid_model();
    in_channels.weights[0]["shape"] = {3, 3, 1, 6};  // same byte count, 1 input channel
    in_channels.nodes[1]["attr"]["value"]["tensor"]["tensorShape"]["dim"] =
        json::array({{{"size", "3"}}, {{"size", "3"}}, {{"size", "1"}}, {{"size", "6"}}});
    std::string message = error_of(in_channels);
    EXPECT_NE(message.find("node 'conv'"), std::string::npos) << message;
    EXPECT_NE(message.find("input channels"), std::string::npos) << message;

    TinyModel graph_vs_manifest = valid_model();
    graph_vs_manifest.weights[0]["shape"] = {3, 3, 1, 6};
    message = error_of(graph_vs_manifest);
    EXPECT_NE(message.find("node 'w'"), std::string::npos) << message;

    TinyModel bias = valid_model();
    bias.weights[1]["shape"] = {2};
    bias.bin.resize(bias.bin.size() - 4);
    bias.nodes[2]["attr"].erase("value");
    message = error_of(bias);
    EXPECT_NE(message.find("bias has 2 values"), std::string::npos) << message;

    TinyModel reshape = valid_model();
    reshape.i32("shape", {2}, {5, -1});
    reshape.node("flat", "Reshape", {"conv", "shape"});
    reshape.nodes.erase(reshape.nodes.begin() + 4);  // drop "out" so "flat" is the output
    message = error_of(reshape);
    EXPECT_NE(message.find("cannot reshape"), std::string::npos) << message;

    TinyModel rank = valid_model();
    rank.nodes[0] = {
        {"name", "x"}, {"op", "Placeholder"}, {"attr", {{"shape", test::shape_attr({1, 16})}}}};
    message = error_of(rank);
    EXPECT_NE(message.find("[1, height, width, channels]"), std::string::npos) << message;
}

TEST(ModelErrors, UnknownOpAndBadAttributes) {
    TinyModel unknown = valid_model();
    unknown.node("soft", "Softmax", {"conv"});
    std::string message = error_of(unknown);
    EXPECT_NE(message.find("node 'soft'"), std::string::npos) << message;
    EXPECT_NE(message.find("unsupported op"), std::string::npos) << message;

    const std::vector<std::pair<std::string, json>> bad_attrs = {
        {"padding", str("FULL")},
        {"strides", ints({1, 0, 0, 1})},
        {"strides", ints({2, 1, 1, 1})},
        {"dilations", ints({1, 1})},
        {"data_format", str("NCHW")},
        {"fused_ops", test::strs({"BiasAdd", "Relu6"})},
        {"num_args", {{"i", "2"}}},
        {"padding", {{"i", "1"}}},
        {"strides", {{"list", {{"i", json::array({"1", "x", "1", "1"})}}}}},
    };
    for (const auto& [key, value] : bad_attrs) {
        TinyModel m = valid_model();
        m.nodes[3]["attr"][key] = value;
        message = error_of(m);
        EXPECT_NE(message.find("node 'conv'"), std::string::npos) << key << ": " << message;
    }
    TinyModel missing = valid_model();
    missing.nodes[3]["attr"].erase("strides");
    EXPECT_NE(error_of(missing).find("strides"), std::string::npos);

    TinyModel explicit_pads = valid_model();
    explicit_pads.nodes[3]["attr"]["padding"] = str("EXPLICIT");
    EXPECT_NE(error_of(explicit_pads).find("explicit_paddings"), std::string::npos);

    TinyModel huge_window = valid_model();
    huge_window.nodes[3]["attr"]["padding"] = str("VALID");
    huge_window.nodes[3]["attr"]["dilations"] = ints({1, 3, 3, 1});
    EXPECT_NE(error_of(huge_window).find("larger than"), std::string::npos);
}

TEST(ModelErrors, GraphStructure) {
    TinyModel missing_input = valid_model();
    missing_input.nodes[3]["input"] = {"x", "w", "nobody"};
    std::string message = error_of(missing_input);
    EXPECT_NE(message.find("'nobody'"), std::string::npos) << message;

    TinyModel missing_const = valid_model();
    missing_const.weights.erase(missing_const.weights.begin() + 1);
    missing_const.bin.resize(missing_const.bin.size() - 12);
    message = error_of(missing_const);
    EXPECT_NE(message.find("node 'b'"), std::string::npos) << message;

    TinyModel cycle;
    cycle.placeholder("x", {1, 2, 2, 1});
    cycle.node("a", "AddV2", {"x", "c"});
    cycle.node("c", "Relu", {"a"});
    cycle.node("out", "Sigmoid", {"a"});
    message = error_of(cycle);
    EXPECT_NE(message.find("cycle"), std::string::npos) << message;

    TinyModel self_loop;
    self_loop.placeholder("x", {1, 2, 2, 1});
    self_loop.node("a", "AddV2", {"x", "a"});
    self_loop.output("out", "a");
    EXPECT_NE(error_of(self_loop).find("cycle"), std::string::npos);

    TinyModel duplicate = valid_model();
    duplicate.output("out", "conv");
    EXPECT_NE(error_of(duplicate).find("two nodes"), std::string::npos);

    TinyModel no_input = valid_model();
    no_input.nodes[0]["op"] = "Const";
    no_input.nodes[0]["attr"] = json::object();
    EXPECT_FALSE(error_of(no_input).empty());

    TinyModel unknown_dims = valid_model();
    unknown_dims.nodes[0]["attr"]["shape"] = test::shape_attr({-1, -1, -1, 2});
    EXPECT_NE(error_of(unknown_dims).find("fixed positive size"), std::string::npos);

    TinyModel huge = valid_model();
    huge.nodes[0]["attr"]["shape"] = test::shape_attr({1, 100000, 100000, 2});
    EXPECT_NE(error_of(huge).find("too large"), std::string::npos);

    TinyModel int_as_data = valid_model();
    int_as_data.i32("k", {3}, {1, 2, 3});
    int_as_data.node("add", "AddV2", {"conv", "k"});
    EXPECT_NE(error_of(int_as_data).find("int32"), std::string::npos);
}

TEST(ModelErrors, UnsupportedDtypes) {
    TinyModel m = valid_model();
    m.weights[1]["dtype"] = "complex64";
    EXPECT_NE(error_of(m).find("complex64"), std::string::npos);
    TinyModel q = valid_model();
    q.weights[1]["quantization"] = {{"dtype", "int4"}};
    EXPECT_NE(error_of(q).find("int4"), std::string::npos);
}

/// Random byte edits and truncations of a real model.json: loading either succeeds or throws
/// ModelError; any other exception or a crash fails.
TEST(ModelErrors, FuzzedRealModelNeverCrashes) {
    LIKENESS_REQUIRE_MODELS(models);
    std::ifstream in(models.blazeface_json(), std::ios::binary);
    const std::string original((std::istreambuf_iterator<char>(in)),
                               std::istreambuf_iterator<char>());
    const std::string dir = scratch();
    std::filesystem::copy_file(models.human_models() + "/blazeface.bin", dir + "/blazeface.bin");
    std::mt19937 rng(12345);
    int refused = 0;
    for (int trial = 0; trial < 60; ++trial) {
        std::string text = original;
        if (trial % 3 == 0) {
            text.resize(std::uniform_int_distribution<std::size_t>(0, text.size() - 1)(rng));
        } else {
            const char alphabet[] = "0123456789-[]{}\":,ae ";
            for (int k = 0; k < 1 + trial % 7; ++k)
                text[std::uniform_int_distribution<std::size_t>(0, text.size() - 1)(rng)] =
                    alphabet[std::uniform_int_distribution<std::size_t>(0,
                                                                        sizeof alphabet - 2)(rng)];
        }
        write_text(dir + "/blazeface.json", text);
        try {
            GraphModel model = GraphModel::load(dir + "/blazeface.json");
            std::vector<float> x(model.input_size(), 0.1f);
            model.run(x.data(), x.size());
        } catch (const ModelError&) {
            ++refused;
        }
    }
    EXPECT_GT(refused, 20);
}

}  // namespace
}  // namespace likeness::nn
