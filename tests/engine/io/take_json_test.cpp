#include "engine/io/take_json.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "engine/eval/synthetic_take.hpp"
#include "engine/face/arkit_names.hpp"
#include "engine/io/export_error.hpp"
#include "tests/support/test_paths.hpp"

namespace likeness::io {
namespace {

core::Take sample_take() {
    eval::SyntheticTakeOptions o;
    o.seconds = 2.0;
    o.fps = 30.0;
    o.dropout_every = 10;
    o.dropout_length = 2;
    return eval::synthetic_take(o);
}

TEST(TakeJson, RoundTripKeepsEveryValue) {
    const std::string dir = test::scratch_dir("take_json_round_trip");
    const core::Take take = sample_take();
    write_take_json(take, dir + "/t.json");
    const core::Take back = read_take_json(dir + "/t.json");
    EXPECT_EQ(back.name, take.name);
    EXPECT_DOUBLE_EQ(back.fps, take.fps);
    ASSERT_EQ(back.frame_count(), take.frame_count());
    for (int i = 0; i < take.frame_count(); ++i) {
        const core::TakeFrame& a = take.frames[static_cast<size_t>(i)];
        const core::TakeFrame& b = back.frames[static_cast<size_t>(i)];
        for (int k = 0; k < core::kTakeWeightCount; ++k)
            EXPECT_NEAR(a.weights[static_cast<size_t>(k)], b.weights[static_cast<size_t>(k)],
                        1e-6f);
        EXPECT_LT((a.head_rotation - b.head_rotation).norm(), 1e-6f);
        EXPECT_LT((a.head_translation_cm - b.head_translation_cm).norm(), 1e-4f);
        EXPECT_EQ(a.has_face, b.has_face) << i;
        EXPECT_EQ(a.has_eyes, b.has_eyes);
        EXPECT_LT((a.eye_rotation_left - b.eye_rotation_left).norm(), 1e-6f);
    }
    // The file is plain JSON any tool can read.
    const auto doc = nlohmann::json::parse(std::ifstream(dir + "/t.json"));
    EXPECT_EQ(doc.at("format"), "likeness-take");
    EXPECT_EQ(doc.at("version"), kTakeFileVersion);
    EXPECT_EQ(doc.at("frames").size(), static_cast<size_t>(take.frame_count()));
}

TEST(TakeJson, ReaderMapsWeightsByNameAndTakesDefaults) {
    const std::string dir = test::scratch_dir("take_json_tolerant");
    // Two named columns in another order, one unknown name, no pose, a newer version.
    std::ofstream(dir + "/t.json")
        << R"({"format":"likeness-take","version":7,"fps":24,"future_field":{"x":1},
              "weight_names":["jawOpen","someOtherRigShape","eyeBlinkLeft"],
              "frames":[{"w":[0.5,0.9,0.25]},{"w":[1,0,0],"face":false}]})";
    const core::Take t = read_take_json(dir + "/t.json");
    ASSERT_EQ(t.frame_count(), 2);
    EXPECT_DOUBLE_EQ(t.fps, 24.0);
    EXPECT_FLOAT_EQ(t.frames[0].weights[static_cast<size_t>(face::arkit_index("jawOpen"))], 0.5f);
    EXPECT_FLOAT_EQ(t.frames[0].weights[0], 0.25f);  // eyeBlinkLeft
    EXPECT_FLOAT_EQ(t.frames[0].weights[1], 0.f);
    EXPECT_TRUE(t.frames[0].has_face);
    EXPECT_FALSE(t.frames[1].has_face);
    EXPECT_FLOAT_EQ(t.frames[1].head_translation_cm.z(), -60.f);
}

void expect_error(const std::string& path, const std::string& text, const std::string& needle) {
    std::ofstream(path) << text;
    try {
        read_take_json(path);
        ADD_FAILURE() << "no error for: " << text;
    } catch (const TakeFileError& e) {
        EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    }
}

TEST(TakeJson, ErrorsNameTheFileFrameAndField) {
    const std::string dir = test::scratch_dir("take_json_errors");
    const std::string p = dir + "/bad.json";
    expect_error(p, "{\"format\":\"likeness-take\"", "not valid JSON");
    expect_error(p, "[1,2]", "not a take file");
    expect_error(p, R"({"format":"other","version":1,"fps":30,"frames":[]})", "not a take file");
    expect_error(p, R"({"format":"likeness-take","version":1,"frames":[]})", "fps");
    expect_error(p,
                 R"({"format":"likeness-take","version":1,"fps":30,"weight_names":["jawOpen"],
                     "frames":[{"w":[0.5]},{"w":[0.5,0.1]}]})",
                 "frame 1");
    expect_error(p,
                 R"({"format":"likeness-take","version":1,"fps":30,"weight_names":["jawOpen"],
                     "frames":[{"w":[0.5]},{"w":[1.5]}]})",
                 "frame 1");
    expect_error(p,
                 R"({"format":"likeness-take","version":1,"fps":30,"frame_count":3,
                     "weight_names":["jawOpen"],"frames":[{"w":[0.5]}]})",
                 "cut short");
    EXPECT_THROW(read_take_json(dir + "/missing.json"), TakeFileError);
}

TEST(TakeJson, WritingAnInvalidTakeFailsBeforeTouchingTheFile) {
    const std::string dir = test::scratch_dir("take_json_invalid");
    core::Take take = sample_take();
    take.frames[3].weights[2] = -0.5f;
    EXPECT_THROW(write_take_json(take, dir + "/t.json"), ExportError);
    EXPECT_FALSE(std::ifstream(dir + "/t.json").good());
}

}  // namespace
}  // namespace likeness::io
