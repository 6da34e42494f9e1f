// The recipe file: the shipped one parses; broken ones fail with messages a user can act on.
#include "engine/face/shape_recipe.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "engine/face/arkit_names.hpp"
#include "engine/face/template_error.hpp"
#include "engine/face/template_resources.hpp"

namespace likeness::face {
namespace {

std::string minimal_recipes(const std::string& skip = "", const std::string& extra = "") {
    nlohmann::json j;
    j["regions"]["r_{side}"] = {{"kind", "geodesic"}, {"seeds", {"eye_{side}_ring"}}};
    for (const std::string& n : arkit_names())
        if (n != skip) j["shapes"][n] = {{"meaning", "test"}};
    std::string text = j.dump();
    if (!extra.empty()) text.insert(text.size() - 2, extra);
    return text;
}

void expect_error_mentions(const std::string& text, const std::string& needle) {
    try {
        parse_shape_recipes(text, "test.json");
        FAIL() << "expected an error mentioning " << needle;
    } catch (const TemplateError& e) {
        EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("test.json"), std::string::npos) << e.what();
    }
}

TEST(TemplateShapeRecipe, ShippedFileParsesWithAll52Shapes) {
    const ShapeRecipes r = read_shape_recipes(find_template_resource("arkit_shapes.json"));
    ASSERT_EQ(r.shapes.size(), 52u);
    for (size_t i = 0; i < 52; ++i) {
        EXPECT_EQ(r.shapes[i].name, arkit_names()[i]);
        EXPECT_FALSE(r.shapes[i].meaning.empty());
    }
    EXPECT_TRUE(r.shapes[7].mirrored) << "eyeBlinkRight mirrors eyeBlinkLeft";
    EXPECT_EQ(r.shapes[7].side, "right");
    EXPECT_TRUE(r.regions.count("upper_lid_left") && r.regions.count("upper_lid_right"));
}

TEST(TemplateShapeRecipe, MinimalFileParses) {
    const ShapeRecipes r = parse_shape_recipes(minimal_recipes(), "test.json");
    EXPECT_EQ(r.shapes.size(), 52u);
    EXPECT_EQ(r.regions.at("r_left").seeds.front(), "eye_left_ring");
}

TEST(TemplateShapeRecipe, BrokenFilesNameTheProblem) {
    expect_error_mentions("{ not json", "not valid JSON");
    expect_error_mentions(minimal_recipes("jawOpen"), "jawOpen");
    expect_error_mentions(minimal_recipes("", R"(,"smileSideways":{"meaning":"x"})"),
                          "smileSideways");
    nlohmann::json j = nlohmann::json::parse(minimal_recipes());
    j["shapes"]["jawOpen"]["moves"] = {{{"move", "translate"}, {"region", "nowhere"}}};
    expect_error_mentions(j.dump(), "nowhere");
    j = nlohmann::json::parse(minimal_recipes());
    j["shapes"]["jawOpen"]["moves"] = {{{"move", "teleport"}, {"region", "r_left"}}};
    expect_error_mentions(j.dump(), "teleport");
    j = nlohmann::json::parse(minimal_recipes());
    j["shapes"]["eyeBlinkRight"]["mirror_of"] = "eyeBlinkMiddle";
    expect_error_mentions(j.dump(), "eyeBlinkRight");
    j = nlohmann::json::parse(minimal_recipes());
    j["regions"]["bad"] = {
        {"kind", "geodesic"}, {"seeds", {"chin"}}, {"inner_cm", 2}, {"outer_cm", 1}};
    expect_error_mentions(j.dump(), "inner_cm");
}

TEST(TemplateShapeRecipe, SideSubstitution) {
    EXPECT_EQ(substitute_side("eye_{side}_upper0", "left"), "eye_left_upper0");
    EXPECT_EQ(substitute_side("lips_lower_{other}_half", "left"), "lips_lower_right_half");
    EXPECT_EQ(substitute_side("chin", "right"), "chin");
    EXPECT_EQ(arkit_mirror_name("eyeBlinkLeft"), "eyeBlinkRight");
    EXPECT_EQ(arkit_mirror_name("jawRight"), "jawLeft");
    EXPECT_EQ(arkit_mirror_name("jawOpen"), "jawOpen");
}

}  // namespace
}  // namespace likeness::face
