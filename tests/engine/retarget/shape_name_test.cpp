// Reading blend-shape names the way rigs spell them.
#include "engine/retarget/shape_name.hpp"

#include <gtest/gtest.h>

namespace likeness::retarget {
namespace {

using Words = std::vector<std::string>;

TEST(ShapeName, WordsSplitAtSeparatorsHumpsAndDigits) {
    EXPECT_EQ(shape_name_words("blendShape1.eyeBlink_L"),
              (Words{"blend", "shape", "1", "eye", "blink", "l"}));
    EXPECT_EQ(shape_name_words("Face_JawOpen"), (Words{"face", "jaw", "open"}));
    EXPECT_EQ(shape_name_words("eyeBlinkL"), (Words{"eye", "blink", "l"}));
    EXPECT_EQ(shape_name_words("JAWOpen"), (Words{"jaw", "open"}));
    EXPECT_EQ(shape_name_words("EYEBLINKLEFT"), (Words{"eyeblinkleft"}));
    EXPECT_EQ(shape_name_words("jawOpen.001"), (Words{"jaw", "open"}));
    EXPECT_EQ(shape_name_words("Head|mouth-smile left"), (Words{"head", "mouth", "smile", "left"}));
    EXPECT_TRUE(shape_name_words("").empty());
    EXPECT_TRUE(shape_readings("__123").empty());
}

bool reads_as(const std::string& name, const std::string& base, Side side, int skipped) {
    for (const ShapeReading& r : shape_readings(name))
        if (r.base == base && r.side == side && r.skipped_words == skipped) return true;
    return false;
}

TEST(ShapeName, SidesAtEitherEndInEverySpelling) {
    EXPECT_TRUE(reads_as("eyeBlink_L", "eyeblink", Side::kLeft, 0));
    EXPECT_TRUE(reads_as("L_eyeBlink", "eyeblink", Side::kLeft, 0));
    EXPECT_TRUE(reads_as("EyeBlinkLeft", "eyeblink", Side::kLeft, 0));
    EXPECT_TRUE(reads_as("eye_blink_right", "eyeblink", Side::kRight, 0));
    EXPECT_TRUE(reads_as("EYEBLINKRIGHT", "eyeblink", Side::kRight, 0));
    EXPECT_TRUE(reads_as("Right_Eye_Blink", "eyeblink", Side::kRight, 0));
    EXPECT_TRUE(reads_as("blendShape1.eyeBlink_R", "eyeblink", Side::kRight, 3));
    EXPECT_TRUE(reads_as("Face_JawOpen", "jawopen", Side::kNone, 1));
}

TEST(ShapeName, ArkitDirectionsAreNotSides) {
    EXPECT_EQ(arkit_reading("mouthLeft").base, "mouthleft");
    EXPECT_EQ(arkit_reading("mouthLeft").side, Side::kNone);
    EXPECT_EQ(arkit_reading("jawRight").side, Side::kNone);
    EXPECT_EQ(arkit_reading("eyeLookInRight").base, "eyelookin");
    EXPECT_EQ(arkit_reading("eyeLookInRight").side, Side::kRight);
    EXPECT_EQ(arkit_reading("browInnerUp").side, Side::kNone);
}

}  // namespace
}  // namespace likeness::retarget
