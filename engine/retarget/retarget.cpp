#include "engine/retarget/retarget.hpp"

#include <chrono>

#include "engine/retarget/driven_rig.hpp"
#include "engine/retarget/retarget_error.hpp"

namespace likeness::retarget {

Retargeted retarget(const core::Take& take, const core::BlendshapeRig& target,
                    const ChannelMapping& mapping, const RetargetControls& controls,
                    const core::Progress& progress) {
    const auto start = std::chrono::steady_clock::now();
    std::string why;
    if (!take.is_valid(&why)) throw RetargetError("the take '" + take.name + "': " + why);
    if (!target.is_valid(&why)) throw RetargetError("the rig '" + target.name + "': " + why);
    Retargeted out;
    out.take = apply_controls(take, controls, core::Progress([&](double f, const std::string& s) {
                                  progress.report(0.5 * f, s);
                              }));
    out.take.name = take.name + " on " + target.name;
    out.rig = driven_rig(target, mapping, core::Progress([&](double f, const std::string& s) {
                             progress.report(0.5 + 0.5 * f, s);
                         }));
    RetargetSummary& s = out.summary;
    s.mapped_channels = mapping.mapped_count();
    for (int c = 0; c < face::kArkitShapeCount; ++c)
        if (mapping.is_mapped(c)) s.mapped.push_back(face::arkit_names()[static_cast<size_t>(c)]);
    s.unmatched_channels = mapping.unmatched_channels();
    s.unused_shapes = mapping.unused_shapes(target.shape_names);
    s.target_shapes = target.shape_names;
    s.frames = take.frame_count();
    s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    s.message = "'" + take.name + "' on '" + target.name +
                "': " + std::to_string(s.mapped_channels) + " of 52 channels mapped, " +
                std::to_string(s.unused_shapes.size()) + " shapes unused, " +
                std::to_string(s.frames) + " frames";
    return out;
}

}  // namespace likeness::retarget
