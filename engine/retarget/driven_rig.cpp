#include "engine/retarget/driven_rig.hpp"

#include "engine/face/arkit_names.hpp"
#include "engine/retarget/retarget_error.hpp"

namespace likeness::retarget {

core::BlendshapeRig driven_rig(const core::BlendshapeRig& character, const ChannelMapping& mapping,
                               const core::Progress& progress) {
    std::string why;
    if (!mapping.is_valid(character.shape_names, &why))
        throw RetargetError("the mapping does not fit the character '" + character.name +
                            "': " + why);
    core::BlendshapeRig out;
    out.name = character.name;
    out.neutral = character.neutral;
    out.albedo = character.albedo;
    const bool normals = !character.normal_deltas.empty();
    const bool dynamic = !character.dynamic_albedo.empty();
    const int n = character.vertex_count();

    for (int c = 0; c < face::kArkitShapeCount; ++c) {
        progress.check();
        const ChannelEntry& e = mapping.channels[static_cast<size_t>(c)];
        if (e.targets.empty()) continue;
        core::MatrixX3fR d = core::MatrixX3fR::Zero(n, 3);
        core::MatrixX3fR nd = normals ? core::MatrixX3fR::Zero(n, 3) : core::MatrixX3fR();
        cv::Mat albedo;
        if (dynamic) albedo = cv::Mat::zeros(character.albedo.size(), CV_32FC3);
        for (const MappedShape& t : e.targets) {
            const auto s = static_cast<size_t>(character.shape_index(t.shape));
            d += t.gain * character.deltas[s];
            if (normals) nd += t.gain * character.normal_deltas[s];
            if (dynamic) cv::scaleAdd(character.dynamic_albedo[s], t.gain, albedo, albedo);
        }
        out.shape_names.push_back(face::arkit_names()[static_cast<size_t>(c)]);
        out.deltas.push_back(std::move(d));
        if (normals) out.normal_deltas.push_back(std::move(nd));
        if (dynamic) out.dynamic_albedo.push_back(albedo);
        progress.report((c + 1.0) / face::kArkitShapeCount, "folding the mapping into the rig");
    }
    for (const std::string& name : mapping.unused_shapes(character.shape_names)) {
        const auto s = static_cast<size_t>(character.shape_index(name));
        out.shape_names.push_back(face::arkit_index(name) >= 0 ? name + "_unmapped" : name);
        out.deltas.push_back(character.deltas[s]);
        if (normals) out.normal_deltas.push_back(character.normal_deltas[s]);
        if (dynamic) out.dynamic_albedo.push_back(character.dynamic_albedo[s]);
    }
    return out;
}

}  // namespace likeness::retarget
