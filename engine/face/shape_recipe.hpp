#pragma once
// The editable parameters the 52 template blend shapes are authored from
// (resources/template/arkit_shapes.json; the file documents every field). A recipe is a list of
// moves, each applied to a weighted region of the neutral face; a Right (or jawRight,
// mouthRight) shape is usually the mirror of its partner's recipe, evaluated on the other side.
#include <Eigen/Core>
#include <map>
#include <string>
#include <vector>

namespace likeness::face {

/// A scalar weight field on the template, in [0,1].
struct RegionRecipe {
    enum class Kind { Geodesic, Harmonic };
    Kind kind = Kind::Geodesic;
    /// Geodesic: landmark groups (or landmark indices as decimal strings) the distance is
    /// measured from; "{side}" / "{other}" are replaced by the shape's side / the other side.
    std::vector<std::string> seeds;
    float inner_cm = 0.f;  ///< weight 1 up to this geodesic distance (cm)
    float outer_cm = 1.f;  ///< weight 0 from this distance on (smoothstep in between)
    /// Harmonic: the field is 1 on `one`, 0 on `zero` and on every vertex farther than
    /// zero_beyond_cm (geodesic) from `one`, and solves Laplace's equation elsewhere.
    std::vector<std::string> one, zero;
    float zero_beyond_cm = 4.f;
    /// > 0: the weight also fades to 0 across the face's midline (x = 0) over this width (cm),
    /// keeping one-sided shapes on their side. 0: no midline fade.
    float midline_fade_cm = 0.f;
    /// "left"/"right" for a region defined with "{side}" in its name (the parser expands such a
    /// definition into one region per side, substituting the groups), else "".
    std::string side;
};

/// One deformation. Vectors are in template model space (cm; +x subject's left, +y up, +z out
/// of the face) as authored for the recipe's side; mirrored recipes negate x.
struct MoveRecipe {
    enum class Kind { Translate, Rotate, Scale, Normal, CloseGap };
    Kind kind = Kind::Translate;
    std::string region;                  ///< name of a RegionRecipe ("{side}" allowed)
    Eigen::Vector3f vector_cm{0, 0, 0};  ///< Translate: displacement at weight 1 (cm)
    std::string pivot_group;             ///< Rotate/Scale: centre = mean of this group, plus
    Eigen::Vector3f pivot_cm{0, 0, 0};   ///<   this offset (or the point itself without group)
    Eigen::Vector3f axis{1, 0, 0};       ///< Rotate: axis (unit after parsing)
    float degrees = 0.f;                 ///< Rotate: angle at weight 1 (right-handed about axis)
    Eigen::Vector3f factors{1, 1, 1};    ///< Scale: per-axis factor at weight 1 about the centre
    float distance_cm = 0.f;             ///< Normal: push along the neutral's vertex normal
    std::string moving, onto;            ///< CloseGap: lid polyline moving onto another one
    float fraction = 1.f;                ///< CloseGap: share of the gap this lid travels
};

struct ShapeRecipe {
    std::string name;       ///< ARKit name
    std::string meaning;    ///< what the shape does, in words (shown in the inspector)
    std::string side;       ///< "left", "right" or "" (substituted for "{side}")
    bool mirrored = false;  ///< evaluate with x negated (set for mirror_of recipes)
    std::string mirror_of;  ///< the recipe this one mirrors, or ""
    std::vector<MoveRecipe> moves;
};

struct ShapeRecipes {
    std::map<std::string, RegionRecipe> regions;
    std::vector<ShapeRecipe> shapes;  ///< exactly the 52 ARKit names, in Apple's order
};

/// Parses the recipe file. Every ARKit name must appear once; mirror_of recipes are resolved
/// (their moves copied, side swapped, mirrored set). Throws TemplateError naming `origin`, the
/// shape or region and the field at fault.
ShapeRecipes parse_shape_recipes(const std::string& json_text, const std::string& origin);
ShapeRecipes read_shape_recipes(const std::string& path);

/// "{side}" -> side, "{other}" -> the opposite side.
std::string substitute_side(const std::string& text, const std::string& side);

}  // namespace likeness::face
