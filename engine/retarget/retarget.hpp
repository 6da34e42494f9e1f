#pragma once
// Retargeting (paper §1 and §4: a tracked performance drives "another user's face model or an
// external face model" through semantically matching blend shapes): a take from person A plays
// on person B's personal rig (PersonalModel::to_blendshape_rig: corrected shapes + dynamic
// albedo) or on an imported character, through a mapping table and the artist's controls.
//
//   take --apply_controls--> take' --(mapping folded into the rig: driven_rig)--> rig + take'
//
// The result exports through io::export_files (ExportRequest{rig = &result.rig, take =
// &result.take}) and plays in the viewport through Puppet.
#include <string>
#include <vector>

#include "engine/core/blendshape_rig.hpp"
#include "engine/core/progress.hpp"
#include "engine/core/take.hpp"
#include "engine/retarget/channel_mapping.hpp"
#include "engine/retarget/retarget_controls.hpp"

namespace likeness::retarget {

struct RetargetSummary {
    int mapped_channels = 0;          ///< of 52
    std::vector<std::string> mapped;  ///< ARKit names of the mapped channels
    std::vector<std::string> unmatched_channels;
    std::vector<std::string> unused_shapes;  ///< character shapes no channel drives
    std::vector<std::string> target_shapes;  ///< every shape of the character
    int frames = 0;
    double seconds = 0.0;  ///< wall time of the call
    std::string message;   ///< one line for logs and the status bar
};

struct Retargeted {
    core::BlendshapeRig rig;  ///< driven_rig(target, mapping)
    core::Take take;          ///< apply_controls(take, controls), renamed after the rig
    RetargetSummary summary;
};

/// Throws RetargetError for an invalid take, controls, or a mapping naming shapes `target`
/// does not have; core::Cancelled when progress asks to stop.
Retargeted retarget(const core::Take& take, const core::BlendshapeRig& target,
                    const ChannelMapping& mapping, const RetargetControls& controls = {},
                    const core::Progress& progress = {});

}  // namespace likeness::retarget
