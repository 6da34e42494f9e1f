// The mapping file: round trips, hand-written short forms and clear errors.
#include "engine/retarget/mapping_json.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "engine/retarget/auto_map.hpp"
#include "engine/retarget/retarget_error.hpp"
#include "tests/support/test_paths.hpp"

namespace likeness::retarget {
namespace {

std::string error_of(const std::string& text) {
    try {
        RetargetControls controls;
        parse_mapping_json(text, "map.json", &controls);
    } catch (const RetargetError& e) {
        return e.what();
    }
    return {};
}

TEST(MappingJson, RoundTripKeepsTargetsGainsKindsAndControls) {
    const std::vector<std::string> shapes = {"eyeBlink_L",    "eyeBlink_R",   "browInnerUp_L",
                                             "browInnerUp_R", "Face_JawOpen", "Extra"};
    ChannelMapping m = auto_map(shapes);
    m.add(face::arkit_index("mouthClose"), {"Extra", -0.25f});
    RetargetControls controls;
    controls.intensity = 0.7f;
    controls.head_rotation = false;
    auto& jaw = controls.channels[static_cast<size_t>(face::arkit_index("jawOpen"))];
    jaw.gain = 1.5f;
    jaw.smoothing_s = 0.05f;
    jaw.max = 0.9f;

    const std::string path = test::scratch_dir("mapping_json_round_trip") + "/map.json";
    write_mapping_json(path, m, shapes, &controls);
    RetargetControls back_controls;
    const ChannelMapping back = read_mapping_json(path, &back_controls);
    for (int c = 0; c < 52; ++c) {
        EXPECT_EQ(back.channels[static_cast<size_t>(c)].targets,
                  m.channels[static_cast<size_t>(c)].targets);
        EXPECT_EQ(back.channels[static_cast<size_t>(c)].match,
                  m.channels[static_cast<size_t>(c)].match);
        EXPECT_EQ(back_controls.channels[static_cast<size_t>(c)],
                  controls.channels[static_cast<size_t>(c)]);
    }
    EXPECT_FLOAT_EQ(back_controls.intensity, 0.7f);
    EXPECT_FALSE(back_controls.head_rotation);

    const std::string text = mapping_json_text(m, shapes);
    EXPECT_NE(text.find("\"unmatched_channels\""), std::string::npos);
    EXPECT_NE(text.find("\"unused_shapes\""), std::string::npos);
    EXPECT_EQ(text.find("\"controls\""), std::string::npos);
}

TEST(MappingJson, ShortFormsForHandWrittenMaps) {
    RetargetControls controls;
    controls.intensity = 2.f;
    const ChannelMapping m = parse_mapping_json(
        R"({"channels": {"jawOpen": "Jaw", "browInnerUp": ["B_L", "B_R"],
            "cheekPuff": [{"shape": "Puff", "gain": 0.8}], "tongueOut": []}})",
        "map.json", &controls);
    EXPECT_EQ(m.mapped_count(), 3);
    EXPECT_EQ(m.channels[static_cast<size_t>(face::arkit_index("cheekPuff"))].targets,
              (std::vector<MappedShape>{{"Puff", 0.8f}}));
    EXPECT_EQ(m.channels[static_cast<size_t>(face::arkit_index("jawOpen"))].match,
              MatchKind::kManual);
    EXPECT_FLOAT_EQ(controls.intensity, 1.f) << "no controls section: defaults";
}

TEST(MappingJson, MistakesAreNamed) {
    EXPECT_NE(error_of(R"({"channels": {"jawopen": "Jaw"}})").find("'jawopen'"), std::string::npos);
    EXPECT_NE(error_of("not json").find("map.json"), std::string::npos);
    EXPECT_NE(error_of("{}").find("channels"), std::string::npos);
    EXPECT_NE(error_of(R"({"format": "likeness-take", "channels": {}})").find("not a Likeness"),
              std::string::npos);
    EXPECT_NE(error_of(R"({"channels": {"jawOpen": 3}})").find("jawOpen"), std::string::npos);
    EXPECT_NE(error_of(R"({"channels": {}, "controls": {"channels": {"jawOpen": {"gian": 1}}}})")
                  .find("gian"),
              std::string::npos);
    RetargetControls c;
    EXPECT_THROW(parse_mapping_json(R"({"channels": {}, "controls": {"intensity": 9}})", "m", &c),
                 RetargetError);
    EXPECT_THROW(read_mapping_json(test::scratch_dir("mapping_json_missing") + "/none.json"),
                 RetargetError);
}

}  // namespace
}  // namespace likeness::retarget
