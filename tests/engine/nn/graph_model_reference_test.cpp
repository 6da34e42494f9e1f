// The runtime against reference outputs of an independent implementation of the tfjs kernels
// (../shared/reference/facemesh): given the exact input tensors, BlazeFace and FaceMesh must
// reproduce the raw outputs.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "engine/nn/graph_model.hpp"
#include "tests/engine/nn/reference_data.hpp"

namespace likeness::nn {
namespace {

using test::kReference;
using test::read_f32;
using test::read_numbers;

double max_abs_diff(const std::vector<float>& a, const std::vector<float>& b) {
    double worst = 0.0;
    for (std::size_t k = 0; k < std::min(a.size(), b.size()); ++k)
        worst = std::max(worst, std::abs(static_cast<double>(a[k]) - b[k]));
    return worst;
}

TEST(GraphModelReference, BlazeFaceRawOutputs) {
    LIKENESS_REQUIRE_MODELS(models);
    LIKENESS_REQUIRE_SHARED(input_path, kReference + "ref_det_input_1x256x256x3.f32");
    GraphModel model = GraphModel::load(models.blazeface_json());
    EXPECT_EQ(model.input_shape(), (std::vector<int>{1, 256, 256, 3}));
    ASSERT_EQ(model.output_names(),
              (std::vector<std::string>{"Identity", "Identity_1", "Identity_2", "Identity_3"}));
    const std::vector<float> input = read_f32(input_path);
    const auto& outputs = model.run(input.data(), input.size());
    const char* files[] = {"ref_det_Identity_1x512x1.f32", "ref_det_Identity_1_1x384x1.f32",
                           "ref_det_Identity_2_1x512x16.f32", "ref_det_Identity_3_1x384x16.f32"};
    for (int k = 0; k < 4; ++k) {
        LIKENESS_REQUIRE_SHARED(ref_path, kReference + files[k]);
        const std::vector<float> expected = read_f32(ref_path);
        ASSERT_EQ(outputs[k].size(), expected.size()) << files[k];
        double scale = 1.0;
        for (float v : expected)
            scale = std::max(scale, std::abs(static_cast<double>(v)));
        const double error = max_abs_diff(outputs[k].data, expected);
        EXPECT_LT(error, 2e-5 * scale) << files[k] << " max |error| " << error;
        RecordProperty(files[k], std::to_string(error));
    }
}

TEST(GraphModelReference, FaceMeshLandmarksFromExactInput) {
    LIKENESS_REQUIRE_MODELS(models);
    LIKENESS_REQUIRE_SHARED(input_path, kReference + "ref_mesh_input_1x192x192x3.f32");
    LIKENESS_REQUIRE_SHARED(ref_path, kReference + "ref_landmarks.txt");
    GraphModel model = GraphModel::load(models.facemesh_json());
    const std::vector<float> input = read_f32(input_path);
    model.run(input.data(), input.size());
    const Tensor& mesh = model.output("Identity_2");
    const Tensor& flag = model.output("Identity_1");
    ASSERT_EQ(mesh.size(), 1404u);
    ASSERT_EQ(flag.size(), 1u);
    const std::vector<double> expected = read_numbers(ref_path);
    ASSERT_EQ(expected.size(), 1404u);
    double worst = 0.0;
    for (std::size_t k = 0; k < 1404; ++k)
        worst = std::max(worst, std::abs(mesh.data[k] - expected[k]));
    EXPECT_LT(worst, 1e-3) << "max landmark error (crop px)";
    EXPECT_GT(flag.data[0], 0.99f);
}

TEST(GraphModelReference, FusionDoesNotChangeResults) {
    LIKENESS_REQUIRE_MODELS(models);
    for (const std::string& path :
         {models.blazeface_json(), models.facemesh_json(), models.iris_json()}) {
        GraphModel fused = GraphModel::load(path);
        GraphModel plain = GraphModel::load(path, PlanOptions{false});
        EXPECT_LT(fused.plan().steps.size(), plain.plan().steps.size()) << path;
        std::vector<float> input(fused.input_size());
        for (std::size_t k = 0; k < input.size(); ++k)
            input[k] = std::sin(0.37f * k) * 0.8f;
        const auto& a = fused.run(input.data(), input.size());
        const auto& b = plain.run(input.data(), input.size());
        ASSERT_EQ(a.size(), b.size());
        for (std::size_t o = 0; o < a.size(); ++o) {
            EXPECT_EQ(a[o].shape, b[o].shape);
            EXPECT_LT(max_abs_diff(a[o].data, b[o].data), 1e-4) << path << " output " << o;
        }
    }
}

TEST(GraphModelReference, CopiesRunIndependently) {
    LIKENESS_REQUIRE_MODELS(models);
    GraphModel first = GraphModel::load(models.iris_json());
    GraphModel second = first;
    std::vector<float> zeros(first.input_size(), 0.0f), ones(first.input_size(), 0.5f);
    const std::vector<float> a = first.run(ones.data(), ones.size())[0].data;
    second.run(zeros.data(), zeros.size());
    EXPECT_EQ(first.output(first.output_names()[0]).data, a);   // untouched by the copy's run
    EXPECT_EQ(first.run(ones.data(), ones.size())[0].data, a);  // deterministic
    EXPECT_EQ(first.input_shape(), (std::vector<int>{1, 64, 64, 3}));
    EXPECT_EQ(first.output_names(), std::vector<std::string>{"Identity"});
    EXPECT_EQ(first.output("Identity").shape, (std::vector<int>{1, 1, 1, 228}));
}

}  // namespace
}  // namespace likeness::nn
