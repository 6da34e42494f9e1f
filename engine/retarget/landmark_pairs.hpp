#pragma once
// Landmark pairs: which template vertex sits on which character vertex (the same anatomical
// point). They start the template registration that deformation transfer rests on; they come
// from a file's own landmark list (ICT-FaceKit's 68 iBUG vertices), from the automatic finder
// (auto_landmarks.hpp), and from the user fixing individual pairs in the landmark editor.
#include <string>
#include <vector>

namespace likeness::retarget {

struct LandmarkPair {
    int template_vertex = -1;   ///< vertex of the template (source) neutral
    int character_vertex = -1;  ///< vertex of the character neutral
    bool operator==(const LandmarkPair& o) const {
        return template_vertex == o.template_vertex && character_vertex == o.character_vertex;
    }
};

/// Pairs k = 0..67 of the template's iBUG-68 vertices (TemplateRig::ibug68) and the
/// character's (iBUG order). Throws RetargetError unless both lists have 68 entries.
std::vector<LandmarkPair> ibug_pairs(const std::vector<int>& template_ibug68,
                                     const std::vector<int>& character_ibug68);

/// `pairs` with the user's fixes applied: an override replaces the pair of the same template
/// vertex, or is added; an override with character_vertex < 0 removes that template vertex's
/// pair.
std::vector<LandmarkPair> override_pairs(std::vector<LandmarkPair> pairs,
                                         const std::vector<LandmarkPair>& overrides);

/// False, with a reason, when fewer than 4 pairs remain, a vertex is out of range
/// (template_vertices / character_vertices) or a template vertex is paired twice.
bool landmark_pairs_valid(const std::vector<LandmarkPair>& pairs, int template_vertices,
                          int character_vertices, std::string* error);

}  // namespace likeness::retarget
