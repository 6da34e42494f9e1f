// Op-level checks of the graph runtime on tiny hand-built models whose results are worked out
// by hand in the comments.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "engine/nn/graph_model.hpp"
#include "tests/engine/nn/tiny_model.hpp"
#include "tests/support/test_paths.hpp"

namespace likeness::nn {
namespace {

using test::conv_attrs;
using test::ints;
using test::str;
using test::TinyModel;

std::vector<float> iota_input(int n, float start = 1.0f) {
    std::vector<float> v(static_cast<std::size_t>(n));
    std::iota(v.begin(), v.end(), start);
    return v;
}

/// Writes the model, loads it (fused or not) and returns output `name` for `input`.
Tensor run(const TinyModel& model, const std::vector<float>& input, const std::string& name = "out",
           bool fuse = true) {
    const std::string dir = likeness::test::scratch_dir(
        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    GraphModel graph = GraphModel::load(model.write(dir), PlanOptions{fuse});
    graph.run(input.data(), input.size());
    return graph.output(name);
}

/// 4x4 single-channel image 1..16 convolved with a 3x3 box of ones.
TinyModel box_conv(int stride, const std::string& padding, int size = 4, int dilation = 1) {
    TinyModel m;
    m.placeholder("x", {1, size, size, 1});
    m.f32("w", {3, 3, 1, 1}, std::vector<float>(9, 1.0f));
    m.f32("b", {1}, {0.0f});
    m.node("conv", "_FusedConv2D", {"x", "w", "b"},
           conv_attrs(stride, padding, {"BiasAdd"}, dilation));
    m.output("out", "conv");
    return m;
}

TEST(GraphOps, ConvSameStride1SumsNeighbourhoods) {
    const Tensor out = run(box_conv(1, "SAME"), iota_input(16));
    ASSERT_EQ(out.shape, (std::vector<int>{1, 4, 4, 1}));
    EXPECT_FLOAT_EQ(out.data[0], 1 + 2 + 5 + 6);                        // corner
    EXPECT_FLOAT_EQ(out.data[5], 1 + 2 + 3 + 5 + 6 + 7 + 9 + 10 + 11);  // interior (1,1)
    EXPECT_FLOAT_EQ(out.data[15], 11 + 12 + 15 + 16);
}

TEST(GraphOps, ConvSameStride2PadsBottomRight) {
    // out = ceil(4/2) = 2, padding total (2-1)*2 + 3 - 4 = 1 goes to the bottom/right:
    // out(0,0) covers rows/cols 0..2; padding at the top/left would give 1+2+5+6 = 14 instead.
    const Tensor out = run(box_conv(2, "SAME"), iota_input(16));
    ASSERT_EQ(out.shape, (std::vector<int>{1, 2, 2, 1}));
    EXPECT_FLOAT_EQ(out.data[0], 1 + 2 + 3 + 5 + 6 + 7 + 9 + 10 + 11);  // 54
    EXPECT_FLOAT_EQ(out.data[1], 3 + 4 + 7 + 8 + 11 + 12);              // 45
    EXPECT_FLOAT_EQ(out.data[2], 9 + 10 + 11 + 13 + 14 + 15);           // 72
    EXPECT_FLOAT_EQ(out.data[3], 11 + 12 + 15 + 16);                    // 54
}

TEST(GraphOps, ConvValidStride1And2) {
    const Tensor s1 = run(box_conv(1, "VALID"), iota_input(16));
    ASSERT_EQ(s1.shape, (std::vector<int>{1, 2, 2, 1}));
    EXPECT_EQ(s1.data, (std::vector<float>{54, 63, 90, 99}));
    const Tensor s2 = run(box_conv(2, "VALID"), iota_input(16));
    ASSERT_EQ(s2.shape, (std::vector<int>{1, 1, 1, 1}));  // floor((4 - 3) / 2) + 1
    EXPECT_FLOAT_EQ(s2.data[0], 54);
}

TEST(GraphOps, ConvDilation2SkipsPixels) {
    // 3x3 taps 2 apart span 5x5: the single VALID output sums rows/cols 0, 2, 4 of 1..25.
    const Tensor out = run(box_conv(1, "VALID", 5, 2), iota_input(25));
    ASSERT_EQ(out.shape, (std::vector<int>{1, 1, 1, 1}));
    EXPECT_FLOAT_EQ(out.data[0], (1 + 3 + 5) + (11 + 13 + 15) + (21 + 23 + 25));
    // SAME with dilation 2 on 5x5: out(0,0) sees rows/cols {-2, 0, 2} → 1+3+11+13.
    const Tensor same = run(box_conv(1, "SAME", 5, 2), iota_input(25));
    ASSERT_EQ(same.shape, (std::vector<int>{1, 5, 5, 1}));
    EXPECT_FLOAT_EQ(same.data[0], 1 + 3 + 11 + 13);
}

TEST(GraphOps, ConvExplicitPadding) {
    TinyModel m = box_conv(1, "EXPLICIT");
    // pad top 1, bottom 0, left 0, right 2: out is (4+1-3+1) x (4+2-3+1) = 3 x 4.
    m.nodes[3]["attr"]["explicit_paddings"] = ints({0, 0, 1, 0, 0, 2, 0, 0});
    const Tensor out = run(m, iota_input(16));
    ASSERT_EQ(out.shape, (std::vector<int>{1, 3, 4, 1}));
    EXPECT_FLOAT_EQ(out.data[0], 1 + 2 + 3 + 5 + 6 + 7);  // rows -1..1, cols 0..2
    EXPECT_FLOAT_EQ(out.data[3], 4 + 8);                  // cols 3..5: only col 3 exists
}

/// 1x1 convolution, 2 → 2 channels: W = [[1, 2], [3, 4]] (rows = input channel).
TinyModel pointwise(const std::vector<std::string>& fused) {
    TinyModel m;
    m.placeholder("x", {1, 1, 2, 2});
    m.f32("w", {1, 1, 2, 2}, {1, 2, 3, 4});
    m.f32("b", {2}, {0.5f, 3.0f});
    std::vector<std::string> inputs = {"x", "w", "b"};
    if (fused.size() == 2 && fused[1] == "Prelu") {
        m.f32("alpha", {1, 1, 2}, {0.1f, 0.2f});
        inputs.push_back("alpha");
    }
    m.node("conv", "_FusedConv2D", inputs, conv_attrs(1, "VALID", fused));
    m.output("out", "conv");
    return m;
}

TEST(GraphOps, ConvBiasReluPrelu) {
    // pixel (1, -1): x·W = (1·1 - 1·3, 1·2 - 1·4) = (-2, -2), + bias = (-1.5, 1).
    // pixel (2, 1):  (2 + 3, 4 + 4) = (5, 8), + bias = (5.5, 11).
    const std::vector<float> x = {1, -1, 2, 1};
    EXPECT_EQ(run(pointwise({"BiasAdd"}), x).data, (std::vector<float>{-1.5f, 1, 5.5f, 11}));
    EXPECT_EQ(run(pointwise({"BiasAdd", "Relu"}), x).data, (std::vector<float>{0, 1, 5.5f, 11}));
    const Tensor prelu = run(pointwise({"BiasAdd", "Prelu"}), x);
    EXPECT_FLOAT_EQ(prelu.data[0], -0.15f);  // alpha used as stored: 0.1 · -1.5
    EXPECT_FLOAT_EQ(prelu.data[1], 1.0f);
}

TEST(GraphOps, ConvMultiChannelMatchesDirectSum) {
    // 3x3 SAME stride 2 on 5x5x3 → 3x3x4 (padding total (3-1)·2 + 3 - 5 = 2: one row/column
    // on each side), checked against a direct loop.
    const int H = 5, C = 3, K = 4;
    TinyModel m;
    m.placeholder("x", {1, H, H, C});
    std::vector<float> w(3 * 3 * C * K), b(K);
    for (std::size_t k = 0; k < w.size(); ++k)
        w[k] = std::sin(0.7f * k);
    for (int k = 0; k < K; ++k)
        b[static_cast<std::size_t>(k)] = 0.1f * k;
    m.f32("w", {3, 3, C, K}, w);
    m.f32("b", {K}, b);
    m.node("conv", "_FusedConv2D", {"x", "w", "b"}, conv_attrs(2, "SAME", {"BiasAdd"}));
    m.output("out", "conv");
    std::vector<float> x(H * H * C);
    for (std::size_t k = 0; k < x.size(); ++k)
        x[k] = std::cos(0.3f * k);
    const Tensor out = run(m, x);
    ASSERT_EQ(out.shape, (std::vector<int>{1, 3, 3, K}));
    for (int oy = 0; oy < 3; ++oy)
        for (int ox = 0; ox < 3; ++ox)
            for (int k = 0; k < K; ++k) {
                double sum = b[static_cast<std::size_t>(k)];
                for (int ky = 0; ky < 3; ++ky)
                    for (int kx = 0; kx < 3; ++kx)
                        for (int c = 0; c < C; ++c) {
                            const int iy = 2 * oy + ky - 1, ix = 2 * ox + kx - 1;
                            if (iy < 0 || ix < 0 || iy >= H || ix >= H) continue;
                            sum += x[static_cast<std::size_t>((iy * H + ix) * C + c)] *
                                   w[static_cast<std::size_t>(((ky * 3 + kx) * C + c) * K + k)];
                        }
                EXPECT_NEAR(out.data[static_cast<std::size_t>((oy * 3 + ox) * K + k)], sum, 1e-5);
            }
}

/// Depthwise 3x3 over 2 channels: channel 0 a box of ones, channel 1 the identity (centre tap).
TinyModel depthwise(int stride, const std::string& padding, int size) {
    TinyModel m;
    m.placeholder("x", {1, size, size, 2});
    std::vector<float> w(3 * 3 * 2, 0.0f);
    for (int t = 0; t < 9; ++t)
        w[static_cast<std::size_t>(2 * t)] = 1.0f;
    w[2 * 4 + 1] = 1.0f;
    m.f32("w", {3, 3, 2, 1}, w);
    m.node("dw", "DepthwiseConv2dNative", {"x", "w"},
           {{"strides", ints({1, stride, stride, 1})},
            {"padding", str(padding)},
            {"dilations", ints({1, 1, 1, 1})},
            {"data_format", str("NHWC")}});
    m.output("out", "dw");
    return m;
}

std::vector<float> two_channels(int size) {  // channel 0 = 1..n, channel 1 = -(1..n)
    std::vector<float> x;
    for (int k = 1; k <= size * size; ++k) {
        x.push_back(static_cast<float>(k));
        x.push_back(-static_cast<float>(k));
    }
    return x;
}

TEST(GraphOps, DepthwiseSameStride1) {
    const Tensor out = run(depthwise(1, "SAME", 4), two_channels(4));
    ASSERT_EQ(out.shape, (std::vector<int>{1, 4, 4, 2}));
    EXPECT_FLOAT_EQ(out.data[0], 1 + 2 + 5 + 6);
    EXPECT_FLOAT_EQ(out.data[2 * 5], 54);  // (1,1)
    for (int p = 0; p < 16; ++p)
        EXPECT_FLOAT_EQ(out.data[static_cast<std::size_t>(2 * p + 1)], -(p + 1));
}

TEST(GraphOps, DepthwiseSameStride2PadsBottomRight) {
    const Tensor out = run(depthwise(2, "SAME", 4), two_channels(4));
    ASSERT_EQ(out.shape, (std::vector<int>{1, 2, 2, 2}));
    EXPECT_EQ(out.data, (std::vector<float>{54, -6, 45, -8, 72, -14, 54, -16}));
}

TEST(GraphOps, DepthwiseValidAndMultiplier) {
    const Tensor valid = run(depthwise(1, "VALID", 4), two_channels(4));
    ASSERT_EQ(valid.shape, (std::vector<int>{1, 2, 2, 2}));
    EXPECT_EQ(valid.data, (std::vector<float>{54, -6, 63, -7, 90, -10, 99, -11}));

    // Channel multiplier 2 on one channel: outputs c·2 + j use filters w[..., 0, j].
    TinyModel m;
    m.placeholder("x", {1, 1, 3, 1});
    std::vector<float> w(3 * 3 * 2, 0.0f);
    w[2 * 4 + 0] = 2.0f;  // centre tap, j = 0: doubles
    w[2 * 5 + 1] = 1.0f;  // right tap, j = 1: the right neighbour
    m.f32("w", {3, 3, 1, 2}, w);
    m.node("dw", "DepthwiseConv2dNative", {"x", "w"},
           {{"strides", ints({1, 1, 1, 1})}, {"padding", str("SAME")}});
    m.output("out", "dw");
    const Tensor out = run(m, {1, 2, 3});
    ASSERT_EQ(out.shape, (std::vector<int>{1, 1, 3, 2}));
    EXPECT_EQ(out.data, (std::vector<float>{2, 2, 4, 3, 6, 0}));
}

TinyModel max_pool(int k, int stride, const std::string& padding, int size) {
    TinyModel m;
    m.placeholder("x", {1, size, size, 1});
    m.node("pool", "MaxPool", {"x"},
           {{"ksize", ints({1, k, k, 1})},
            {"strides", ints({1, stride, stride, 1})},
            {"padding", str(padding)},
            {"data_format", str("NHWC")}});
    m.output("out", "pool");
    return m;
}

TEST(GraphOps, MaxPoolValidAndSameIgnorePadding) {
    EXPECT_EQ(run(max_pool(2, 2, "VALID", 4), iota_input(16)).data,
              (std::vector<float>{6, 8, 14, 16}));
    // All inputs negative: a padded zero must never win. 3x3 SAME stride 2 on 4x4 pads
    // bottom/right, so out(1,1) = max of rows/cols 2..3 = -(11).
    std::vector<float> negative = iota_input(16);
    for (float& v : negative)
        v = -v;
    const Tensor out = run(max_pool(3, 2, "SAME", 4), negative);
    ASSERT_EQ(out.shape, (std::vector<int>{1, 2, 2, 1}));
    EXPECT_EQ(out.data, (std::vector<float>{-1, -3, -9, -11}));
}

TEST(GraphOps, PadChannelsConcatReshape) {
    TinyModel m;
    m.placeholder("x", {1, 2, 1, 2});
    m.i32("paddings", {4, 2}, {0, 0, 0, 0, 0, 0, 1, 2});
    m.node("pad", "Pad", {"x", "paddings"});
    m.i32("axis", {}, {-1});
    m.node("cat", "ConcatV2", {"x", "pad", "axis"}, {{"N", {{"i", "2"}}}});
    m.i32("shape", {2}, {-1, 7});
    m.node("flat", "Reshape", {"cat", "shape"});
    m.output("out", "flat");
    m.output("padded", "pad");
    const std::vector<float> x = {1, 2, 3, 4};
    const Tensor padded = run(m, x, "padded");
    ASSERT_EQ(padded.shape, (std::vector<int>{1, 2, 1, 5}));
    EXPECT_EQ(padded.data, (std::vector<float>{0, 1, 2, 0, 0, 0, 3, 4, 0, 0}));
    const Tensor out = run(m, x);
    ASSERT_EQ(out.shape, (std::vector<int>{2, 7}));
    EXPECT_EQ(out.data, (std::vector<float>{1, 2, 0, 1, 2, 0, 0, 3, 4, 0, 3, 4, 0, 0}));
}

TEST(GraphOps, ConcatMiddleAxis) {
    TinyModel m;
    m.placeholder("x", {1, 2, 2, 1});
    m.f32("c", {1, 1, 2, 1}, {9, 8});
    m.i32("axis", {}, {1});
    m.node("cat", "ConcatV2", {"x", "c", "axis"});
    m.output("out", "cat");
    const Tensor out = run(m, {1, 2, 3, 4});
    ASSERT_EQ(out.shape, (std::vector<int>{1, 3, 2, 1}));
    EXPECT_EQ(out.data, (std::vector<float>{1, 2, 3, 4, 9, 8}));
}

TEST(GraphOps, AddBroadcastPreluReluSigmoid) {
    TinyModel m;
    m.placeholder("x", {1, 1, 2, 3});
    m.f32("bias", {3}, {1, -1, 0.5f});
    m.node("add", "AddV2", {"x", "bias"});
    m.f32("alpha", {1, 1, 3}, {0.5f, 2.0f, -1.0f});
    m.node("prelu", "Prelu", {"add", "alpha"});
    m.node("relu", "Relu", {"add"});
    m.node("sig", "Sigmoid", {"x"});
    m.output("out", "prelu");
    m.output("relu_out", "relu");
    m.output("sig_out", "sig");
    const std::vector<float> x = {-2, 0, 1, 3, -4, -1};
    // add = (-1, -1, 1.5, 4, -5, -0.5)
    EXPECT_EQ(run(m, x).data, (std::vector<float>{-0.5f, -2, 1.5f, 4, -10, 0.5f}));
    EXPECT_EQ(run(m, x, "relu_out").data, (std::vector<float>{0, 0, 1.5f, 4, 0, 0}));
    const Tensor sig = run(m, x, "sig_out");
    for (std::size_t k = 0; k < x.size(); ++k)
        EXPECT_NEAR(sig.data[k], 1.0 / (1.0 + std::exp(-x[k])), 1e-7);
}

TEST(GraphOps, FusedResidualBlockEqualsUnfused) {
    // Conv(BiasAdd) → AddV2(residual) → Prelu, the BlazeFace/FaceMesh block, fused and not.
    TinyModel m;
    m.placeholder("x", {1, 3, 3, 2});
    m.f32("w", {3, 3, 2, 2}, [] {
        std::vector<float> w(36);
        for (std::size_t k = 0; k < w.size(); ++k)
            w[k] = std::sin(1.3f * k);
        return w;
    }());
    m.f32("b", {2}, {0.25f, -0.5f});
    m.node("conv", "_FusedConv2D", {"x", "w", "b"}, conv_attrs(1, "SAME", {"BiasAdd"}));
    m.node("add", "AddV2", {"conv", "x"});
    m.f32("alpha", {1, 1, 2}, {0.2f, 0.3f});
    m.node("act", "Prelu", {"add", "alpha"});
    m.output("out", "act");
    std::vector<float> x(18);
    for (std::size_t k = 0; k < x.size(); ++k)
        x[k] = std::cos(0.9f * k);
    const Tensor fused = run(m, x, "out", true);
    const Tensor plain = run(m, x, "out", false);
    ASSERT_EQ(fused.shape, plain.shape);
    for (std::size_t k = 0; k < fused.size(); ++k)
        EXPECT_NEAR(fused.data[k], plain.data[k], 1e-6);
}

TEST(GraphOps, Float16AndInt32Weights) {
    // 1x1 conv whose weights are stored as halves: 1.0 (0x3c00), -2.0 (0xc000), 0.5 (0x3800),
    // 2^-24 (0x0001, smallest subnormal).
    TinyModel m;
    m.placeholder("x", {1, 1, 1, 2});
    m.f16("w", {1, 1, 2, 2}, {0x3c00, 0xc000, 0x3800, 0x0001});
    m.f16("b", {2}, {0x0000, 0x3c00});
    m.node("conv", "_FusedConv2D", {"x", "w", "b"}, conv_attrs(1, "VALID", {"BiasAdd"}));
    m.i32("shape", {1}, {2});
    m.node("flat", "Reshape", {"conv", "shape"});
    m.output("out", "flat");
    const Tensor out = run(m, {2.0f, 4.0f});
    ASSERT_EQ(out.shape, (std::vector<int>{2}));
    EXPECT_FLOAT_EQ(out.data[0], 2 * 1.0f + 4 * 0.5f);
    EXPECT_FLOAT_EQ(out.data[1], 2 * -2.0f + 4 * std::ldexp(1.0f, -24) + 1.0f);
}

TEST(GraphOps, MacCountAndOutputOrder) {
    TinyModel m = box_conv(1, "SAME");
    m.output("Identity_10", "conv");
    m.output("Identity_2", "conv");
    const std::string dir = likeness::test::scratch_dir("MacCountAndOutputOrder");
    const GraphModel graph = GraphModel::load(m.write(dir));
    EXPECT_EQ(graph.output_names(), (std::vector<std::string>{"Identity_2", "Identity_10", "out"}));
    EXPECT_DOUBLE_EQ(graph.macs(), 16 * 9);  // 4x4 outputs, 9 taps, 1 channel
}

TEST(GraphOps, RunRejectsWrongInputSize) {
    const std::string dir = likeness::test::scratch_dir("RunRejectsWrongInputSize");
    GraphModel graph = GraphModel::load(box_conv(1, "SAME").write(dir));
    std::vector<float> x(15);
    EXPECT_THROW(graph.run(x.data(), x.size()), std::invalid_argument);
    EXPECT_THROW(graph.output("nope"), std::out_of_range);
}

}  // namespace
}  // namespace likeness::nn
