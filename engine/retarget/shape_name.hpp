#pragma once
// How a character's blend-shape names are read so they can be matched to the 52 ARKit channels
// whatever the rig's naming habits: "jawOpen", "blendShape1.jawOpen", "Face_JawOpen",
// "JAWOPEN", "eyeBlink_L", "L_eyeBlink", "EyeBlinkLeft", "eye_blink_left".
//
// A name is cut into lower-case words (at '_', '-', ' ', '.', ':', '|', at camelCase humps and
// at letter/digit boundaries). A side word (l, left, r, right) at either end gives the side;
// the remaining words, joined, give the base. Leading words that are not part of the base
// (namespaces, mesh names) are what the "prefixed" readings drop.
#include <string>
#include <vector>

namespace likeness::retarget {

enum class Side { kNone, kLeft, kRight };

const char* side_name(Side side);  ///< "none", "left", "right"

/// Lower-case words of a shape name, in order ("blendShape1.eyeBlink_L" -> blend, shape, 1,
/// eye, blink, l). Trailing all-digit words ("jawOpen.001", Blender's copies) are dropped.
std::vector<std::string> shape_name_words(const std::string& name);

/// One way to read a name: `base` (words joined, no separators, lower case) on `side`;
/// `skipped_words` leading words were dropped to get there (0: the whole name).
struct ShapeReading {
    std::string base;
    Side side = Side::kNone;
    int skipped_words = 0;
};

/// Every reading of a shape name, fewest skipped words first; for each prefix length the
/// sided readings (side word last, then first, then a "left"/"right" ending of an unbroken
/// word such as "EYEBLINKLEFT") come before the unsided one. Empty for a name with no letters.
std::vector<ShapeReading> shape_readings(const std::string& name);

/// The reading of an ARKit channel name: eyeBlinkLeft -> (eyeblink, left); jawLeft, jawRight,
/// mouthLeft and mouthRight are directions, not sides -> (mouthleft, none); browInnerUp ->
/// (browinnerup, none).
ShapeReading arkit_reading(const std::string& arkit_name);

}  // namespace likeness::retarget
