#include "engine/retarget/template_transfer.hpp"

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>

#include "engine/retarget/retarget_error.hpp"

namespace likeness::retarget {

std::vector<bool> template_skin_triangles(const face::TemplateRig& rig) {
    std::vector<bool> skin(static_cast<size_t>(rig.neutral.face_count()), true);
    for (size_t f = 0; f < rig.triangle_parts.size() && f < skin.size(); ++f)
        skin[f] = rig.triangle_parts[f] == face::TrianglePart::Skin;
    return skin;
}

TemplateTransfer transfer_template_shapes(const face::TemplateRig& rig,
                                          const core::BlendshapeRig& source,
                                          const core::BlendshapeRig& character,
                                          const std::vector<LandmarkPair>& pairs,
                                          const TemplateTransferOptions& options,
                                          const core::Progress& progress) {
    if (source.vertex_count() != rig.neutral.vertex_count() ||
        source.neutral.face_count() != rig.neutral.face_count())
        throw RetargetError("the source rig '" + source.name +
                            "' is not on the template's topology");
    const auto t0 = std::chrono::steady_clock::now();
    TemplateTransfer out;
    out.correspondence = face_correspondence(
        source.neutral, template_skin_triangles(rig), character.neutral, pairs,
        options.correspondence,
        core::Progress([&](double f, const std::string& s) { progress.report(0.5 * f, s); }));
    out.correspondence_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    out.transferred = transfer_shapes(
        source, character, out.correspondence, options.transfer,
        core::Progress([&](double f, const std::string& s) { progress.report(0.5 + 0.5 * f, s); }));
    return out;
}

std::vector<LandmarkPair> read_landmark_pairs_json(const std::string& path,
                                                   const std::vector<int>& template_ibug68) {
    std::ifstream in(path);
    if (!in) throw RetargetError("cannot open the landmark file '" + path + "'");
    try {
        const nlohmann::json j = nlohmann::json::parse(in);
        if (j.contains("pairs")) {
            std::vector<LandmarkPair> out;
            for (const auto& p : j.at("pairs")) {
                if (!p.is_array() || p.size() != 2)
                    throw RetargetError("'" + path +
                                        "': each pair is [template_vertex, character_vertex]");
                out.push_back({p.at(0).get<int>(), p.at(1).get<int>()});
            }
            return out;
        }
        for (const char* key : {"ibug68", "idx_to_landmark_verts"})
            if (j.contains(key))
                return ibug_pairs(template_ibug68, j.at(key).get<std::vector<int>>());
    } catch (const nlohmann::json::exception& e) {
        throw RetargetError("'" + path + "' is not a usable landmark file (" + e.what() + ")");
    }
    throw RetargetError("'" + path +
                        "' has no \"pairs\", \"ibug68\" or \"idx_to_landmark_verts\" list");
}

}  // namespace likeness::retarget
