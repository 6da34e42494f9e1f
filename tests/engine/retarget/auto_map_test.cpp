// Automatic mapping of character shape names to the 52 ARKit channels.
#include "engine/retarget/auto_map.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace likeness::retarget {
namespace {

std::vector<std::string> arkit_list() {
    return {face::arkit_names().begin(), face::arkit_names().end()};
}

const ChannelEntry& entry(const ChannelMapping& m, const std::string& channel) {
    return m.channels[static_cast<size_t>(face::arkit_index(channel))];
}

/// ICT-FaceKit's expression file stems (as in ../shared/data/ict-facekit).
std::vector<std::string> ict_names() {
    std::vector<std::string> out;
    for (const char* base :
         {"browDown",       "browInnerUp", "browOuterUp", "cheekPuff",    "cheekRaiser",
          "cheekSquint",    "eyeBlink",    "eyeLookDown", "eyeLookIn",    "eyeLookOut",
          "eyeLookUp",      "eyeSquint",   "eyeWide",     "mouthDimple",  "mouthFrown",
          "mouthLowerDown", "mouthPress",  "mouthSmile",  "mouthStretch", "mouthUpperUp",
          "noseSneer",      "PupilDilate"}) {
        out.push_back(std::string(base) + "_L");
        out.push_back(std::string(base) + "_R");
    }
    for (const char* whole :
         {"jawForward", "jawLeft", "jawOpen", "jawRight", "mouthClose", "mouthFunnel", "mouthLeft",
          "mouthPucker", "mouthRight", "mouthRollLower", "mouthRollUpper", "mouthShrugLower",
          "mouthShrugUpper"})
        out.push_back(whole);
    return out;
}

TEST(AutoMap, ExactArkitNamesMapAllFiftyTwo) {
    const ChannelMapping m = auto_map(arkit_list());
    EXPECT_EQ(m.mapped_count(), 52);
    for (int c = 0; c < 52; ++c) {
        const ChannelEntry& e = m.channels[static_cast<size_t>(c)];
        ASSERT_EQ(e.targets.size(), 1u);
        EXPECT_EQ(e.targets[0].shape, face::arkit_names()[static_cast<size_t>(c)]);
        EXPECT_EQ(e.match, MatchKind::kExact);
    }
    EXPECT_TRUE(m.unused_shapes(arkit_list()).empty());
}

TEST(AutoMap, IctNamesMapFiftyOneWithSplitsAndListTheRest) {
    const auto names = ict_names();
    const ChannelMapping m = auto_map(names);
    EXPECT_EQ(m.mapped_count(), 51);
    EXPECT_EQ(m.unmatched_channels(), std::vector<std::string>{"tongueOut"});
    EXPECT_EQ(m.unused_shapes(names), (std::vector<std::string>{"cheekRaiser_L", "cheekRaiser_R",
                                                                "PupilDilate_L", "PupilDilate_R"}));
    EXPECT_EQ(entry(m, "eyeBlinkLeft").targets, (std::vector<MappedShape>{{"eyeBlink_L", 1.f}}));
    EXPECT_EQ(entry(m, "mouthLeft").targets, (std::vector<MappedShape>{{"mouthLeft", 1.f}}));
    EXPECT_EQ(entry(m, "browInnerUp").match, MatchKind::kSplit);
    EXPECT_EQ(entry(m, "browInnerUp").targets,
              (std::vector<MappedShape>{{"browInnerUp_L", 1.f}, {"browInnerUp_R", 1.f}}));
    EXPECT_EQ(entry(m, "cheekPuff").match, MatchKind::kSplit);
}

TEST(AutoMap, PrefixesCaseAndSideConventions) {
    const std::vector<std::string> names = {
        "blendShape1.jawOpen", "Face_EyeBlinkLeft", "R_eyeBlink",      "MOUTH_SMILE_L",
        "mouthSmileRight",     "Head_cheekPuff",    "Teeth_cheekPuff", "eyeSquint"};
    const ChannelMapping m = auto_map(names);
    EXPECT_EQ(entry(m, "jawOpen").targets[0].shape, "blendShape1.jawOpen");
    EXPECT_EQ(entry(m, "jawOpen").match, MatchKind::kPrefixed);
    EXPECT_EQ(entry(m, "eyeBlinkLeft").targets[0].shape, "Face_EyeBlinkLeft");
    EXPECT_EQ(entry(m, "eyeBlinkRight").targets[0].shape, "R_eyeBlink");
    EXPECT_EQ(entry(m, "eyeBlinkRight").match, MatchKind::kNormalized);
    EXPECT_EQ(entry(m, "mouthSmileLeft").targets[0].shape, "MOUTH_SMILE_L");
    EXPECT_EQ(entry(m, "mouthSmileRight").match, MatchKind::kExact);
    // One expression on two meshes: the channel drives both.
    EXPECT_EQ(entry(m, "cheekPuff").targets.size(), 2u);
    // A symmetric shape is driven by both sides at half gain.
    EXPECT_EQ(entry(m, "eyeSquintLeft").match, MatchKind::kMerged);
    EXPECT_EQ(entry(m, "eyeSquintRight").targets, (std::vector<MappedShape>{{"eyeSquint", 0.5f}}));
    EXPECT_TRUE(m.unused_shapes(names).empty());
}

TEST(AutoMap, SwappedSidesAndDisabledRules) {
    AutoMapOptions o;
    o.swap_sides = true;
    const ChannelMapping swapped = auto_map({"eyeBlink_L", "eyeBlink_R"}, o);
    EXPECT_EQ(entry(swapped, "eyeBlinkLeft").targets[0].shape, "eyeBlink_R");
    o = {};
    o.allow_split = false;
    o.allow_merged = false;
    o.allow_prefixed = false;
    const ChannelMapping strict =
        auto_map({"browInnerUp_L", "browInnerUp_R", "eyeSquint", "Face_jawOpen"}, o);
    EXPECT_EQ(strict.mapped_count(), 0);
}

TEST(AutoMap, MappingIsInvariantToShapeOrder) {
    auto names = ict_names();
    const ChannelMapping a = auto_map(names);
    std::reverse(names.begin(), names.end());
    const ChannelMapping b = auto_map(names);
    for (int c = 0; c < 52; ++c) {
        auto ta = a.channels[static_cast<size_t>(c)].targets;
        auto tb = b.channels[static_cast<size_t>(c)].targets;
        auto by_name = [](const MappedShape& x, const MappedShape& y) { return x.shape < y.shape; };
        std::sort(ta.begin(), ta.end(), by_name);
        std::sort(tb.begin(), tb.end(), by_name);
        EXPECT_EQ(ta, tb) << face::arkit_names()[static_cast<size_t>(c)];
    }
}

TEST(AutoMap, CandidatesRankTheRuleMatchFirstThenSimilarWords) {
    const std::vector<std::string> names = {"grin_big", "Mouth_Smile_Left", "mouthSmile_R",
                                            "browDown_L"};
    const auto c = shape_candidates(face::arkit_index("mouthSmileLeft"), names);
    ASSERT_EQ(c.size(), names.size());
    EXPECT_EQ(c[0].shape, "Mouth_Smile_Left");
    EXPECT_EQ(c[0].match, MatchKind::kNormalized);
    EXPECT_EQ(c[1].shape, "mouthSmile_R");  // right words, wrong side
    EXPECT_EQ(c.back().shape, "browDown_L");
    for (const ShapeCandidate& s : c) {
        EXPECT_GE(s.score, 0.f);
        EXPECT_LE(s.score, 1.f);
    }
}

}  // namespace
}  // namespace likeness::retarget
