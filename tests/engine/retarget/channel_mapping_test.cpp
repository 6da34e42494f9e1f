// Editing the mapping table and what it reports.
#include "engine/retarget/channel_mapping.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace likeness::retarget {
namespace {

const int kJaw = face::arkit_index("jawOpen");
const int kBrow = face::arkit_index("browInnerUp");

TEST(ChannelMapping, EditsKeepKindsAndListsConsistent) {
    ChannelMapping m;
    EXPECT_EQ(m.mapped_count(), 0);
    EXPECT_EQ(m.unmatched_channels().size(), 52u);
    m.set(kJaw, {{"JawOpen", 1.f}}, MatchKind::kNormalized);
    EXPECT_EQ(m.channels[static_cast<size_t>(kJaw)].match, MatchKind::kNormalized);
    m.add(kBrow, {"BrowUp_L", 1.f});
    m.add(kBrow, {"BrowUp_R", 0.5f});
    m.add(kBrow, {"BrowUp_R", 0.8f});  // re-weights, does not duplicate
    EXPECT_EQ(m.channels[static_cast<size_t>(kBrow)].targets,
              (std::vector<MappedShape>{{"BrowUp_L", 1.f}, {"BrowUp_R", 0.8f}}));
    EXPECT_EQ(m.channels[static_cast<size_t>(kBrow)].match, MatchKind::kManual);
    EXPECT_EQ(m.mapped_count(), 2);
    const std::vector<std::string> shapes = {"JawOpen", "BrowUp_L", "BrowUp_R", "Sneer"};
    EXPECT_EQ(m.unused_shapes(shapes), std::vector<std::string>{"Sneer"});
    EXPECT_EQ(m.channels_driving("BrowUp_R"), std::vector<std::string>{"browInnerUp"});

    m.remove(kBrow, "BrowUp_L");
    m.remove(kBrow, "BrowUp_R");
    EXPECT_FALSE(m.is_mapped(kBrow));
    EXPECT_EQ(m.channels[static_cast<size_t>(kBrow)].match, MatchKind::kNone);
    m.rename_shape("JawOpen", "Jaw_Open");
    EXPECT_EQ(m.channels[static_cast<size_t>(kJaw)].targets[0].shape, "Jaw_Open");
    m.clear(kJaw);
    EXPECT_EQ(m.mapped_count(), 0);
}

TEST(ChannelMapping, ValidityNamesTheChannelAndShape) {
    ChannelMapping m;
    m.set(kJaw, {{"Missing", 1.f}});
    std::string why;
    EXPECT_FALSE(m.is_valid({"JawOpen"}, &why));
    EXPECT_NE(why.find("jawOpen"), std::string::npos) << why;
    EXPECT_NE(why.find("Missing"), std::string::npos) << why;
    m.set(kJaw, {{"JawOpen", NAN}});
    EXPECT_FALSE(m.is_valid({"JawOpen"}, &why));
    m.set(kJaw, {{"JawOpen", 1.f}, {"JawOpen", 1.f}});
    EXPECT_FALSE(m.is_valid({"JawOpen"}, &why));
    EXPECT_NE(why.find("twice"), std::string::npos) << why;
    m.set(kJaw, {{"JawOpen", -2.f}});
    EXPECT_TRUE(m.is_valid({"JawOpen"}, &why)) << why;
}

TEST(ChannelMapping, KindNamesRoundTrip) {
    for (MatchKind k :
         {MatchKind::kNone, MatchKind::kExact, MatchKind::kNormalized, MatchKind::kPrefixed,
          MatchKind::kSplit, MatchKind::kMerged, MatchKind::kManual, MatchKind::kTransferred})
        EXPECT_EQ(parse_match_kind(match_kind_name(k)), k);
    EXPECT_EQ(parse_match_kind("bogus"), MatchKind::kNone);
}

}  // namespace
}  // namespace likeness::retarget
