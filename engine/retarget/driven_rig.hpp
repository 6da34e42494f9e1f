#pragma once
// The character as the 52 ARKit channels drive it: the mapping table (channel_mapping.hpp)
// folded into the shapes, so that any exporter that animates shapes by ARKit name from a take
// (io::take_columns) plays the retargeted performance exactly.
#include <string>
#include <vector>

#include "engine/core/blendshape_rig.hpp"
#include "engine/core/progress.hpp"
#include "engine/retarget/channel_mapping.hpp"

namespace likeness::retarget {

/// The rig a take animates:
///  - first one shape per mapped channel, Apple's order, named by the channel:
///        dS_c = sum_{(s, g) in mapping[c]} g dS_s
///    (normal deltas and dynamic albedo maps are combined the same way when the character has
///    them, so a personal rig keeps its corrected shapes and dynamic albedo, eq. 1 and 2);
///  - then every shape no channel drives, under its own name (with the suffix "_unmapped" when
///    that is an ARKit name), so exports keep it (at weight 0) and nothing is dropped.
/// Neutral, UVs and albedo are the character's. Throws RetargetError when the mapping names a
/// shape the character does not have; core::Cancelled when progress asks to stop.
core::BlendshapeRig driven_rig(const core::BlendshapeRig& character, const ChannelMapping& mapping,
                               const core::Progress& progress = {});

}  // namespace likeness::retarget
