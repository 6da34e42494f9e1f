#pragma once
// Automatic mapping of a character's blend-shape names to the 52 ARKit channels, and ranked
// candidates for one channel (the mapping panel's drop-down). Names are read as shape_name.hpp
// describes; for each channel, in order of preference:
//   exact       a shape named exactly like the channel ("jawOpen")
//   normalized  the same words and side in another spelling ("JawOpen", "eyeBlink_L",
//               "L_eyeBlink", "EyeBlinkLeft", "EYE_BLINK_LEFT")
//   prefixed    the same after leading words ("blendShape1.jawOpen", "Face_JawOpen"); when
//               several shapes match with different prefixes ("Head_jawOpen", "Teeth_jawOpen",
//               parts of one expression on several meshes) the channel drives all of them
//   split       an unsided channel drives a left and a right shape with gain 1 each
//               (browInnerUp = browInnerUp_L + browInnerUp_R; cheekPuff likewise)
//   merged      a sided channel drives a symmetric shape with gain 1/2 (eyeBlinkLeft and
//               eyeBlinkRight -> "eyeBlink")
// Shapes that no channel claims are left for the user (ChannelMapping::unused_shapes).
#include <string>
#include <vector>

#include "engine/retarget/channel_mapping.hpp"

namespace likeness::retarget {

struct AutoMapOptions {
    /// The rig names sides from the viewer's point of view (its "Left" moves the subject's
    /// right): swap left and right. ARKit and ICT-FaceKit use the subject's sides.
    bool swap_sides = false;
    bool allow_prefixed = true;
    bool allow_split = true;
    bool allow_merged = true;
};

ChannelMapping auto_map(const std::vector<std::string>& shape_names,
                        const AutoMapOptions& options = {});

struct ShapeCandidate {
    std::string shape;
    MatchKind match = MatchKind::kNone;  ///< the rule that accepts it, kNone for a guess
    float score = 0.f;  ///< in [0,1]: 1 exact ... 0.8 merged, below: word similarity
};

/// Every shape of `shape_names`, best candidate for `channel` (ARKit index) first: the rules
/// above, then by similarity of the words (character bigrams, a side on the wrong side
/// halves the score).
std::vector<ShapeCandidate> shape_candidates(int channel,
                                             const std::vector<std::string>& shape_names,
                                             const AutoMapOptions& options = {});

}  // namespace likeness::retarget
