#include "engine/retarget/landmark_pairs.hpp"

#include <algorithm>
#include <set>

#include "engine/retarget/retarget_error.hpp"

namespace likeness::retarget {

std::vector<LandmarkPair> ibug_pairs(const std::vector<int>& template_ibug68,
                                     const std::vector<int>& character_ibug68) {
    if (template_ibug68.size() != 68 || character_ibug68.size() != 68)
        throw RetargetError("iBUG landmark lists need 68 vertices each (got " +
                            std::to_string(template_ibug68.size()) + " and " +
                            std::to_string(character_ibug68.size()) + ")");
    std::vector<LandmarkPair> out;
    for (size_t k = 0; k < 68; ++k)
        out.push_back({template_ibug68[k], character_ibug68[k]});
    return out;
}

std::vector<LandmarkPair> override_pairs(std::vector<LandmarkPair> pairs,
                                         const std::vector<LandmarkPair>& overrides) {
    for (const LandmarkPair& o : overrides) {
        pairs.erase(std::remove_if(pairs.begin(), pairs.end(),
                                   [&](const LandmarkPair& p) {
                                       return p.template_vertex == o.template_vertex;
                                   }),
                    pairs.end());
        if (o.character_vertex >= 0) pairs.push_back(o);
    }
    return pairs;
}

bool landmark_pairs_valid(const std::vector<LandmarkPair>& pairs, int template_vertices,
                          int character_vertices, std::string* error) {
    auto fail = [&](const std::string& why) {
        if (error) *error = why;
        return false;
    };
    if (pairs.size() < 4) return fail("at least 4 landmark pairs are needed");
    std::set<int> seen;
    for (const LandmarkPair& p : pairs) {
        if (p.template_vertex < 0 || p.template_vertex >= template_vertices)
            return fail("template vertex " + std::to_string(p.template_vertex) + " does not exist");
        if (p.character_vertex < 0 || p.character_vertex >= character_vertices)
            return fail("character vertex " + std::to_string(p.character_vertex) +
                        " does not exist");
        if (!seen.insert(p.template_vertex).second)
            return fail("template vertex " + std::to_string(p.template_vertex) +
                        " is paired twice");
    }
    return true;
}

}  // namespace likeness::retarget
