#include "engine/face/shape_recipe.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "engine/face/arkit_names.hpp"
#include "engine/face/template_error.hpp"

namespace likeness::face {
namespace {

using nlohmann::json;

struct Where {
    std::string origin, context;
    [[noreturn]] void fail(const std::string& what) const {
        throw TemplateError("'" + origin + "': " + context + ": " + what);
    }
};

float number(const json& j, const char* key, float fallback, const Where& where) {
    if (!j.contains(key)) return fallback;
    if (!j.at(key).is_number()) where.fail(std::string("'") + key + "' must be a number");
    const double v = j.at(key).get<double>();
    if (!std::isfinite(v)) where.fail(std::string("'") + key + "' must be finite");
    return static_cast<float>(v);
}

Eigen::Vector3f vec3(const json& j, const char* key, const Eigen::Vector3f& fallback,
                     const Where& where) {
    if (!j.contains(key)) return fallback;
    const json& a = j.at(key);
    if (!a.is_array() || a.size() != 3 || !a[0].is_number() || !a[1].is_number() ||
        !a[2].is_number())
        where.fail(std::string("'") + key + "' must be an array of 3 numbers");
    return {a[0].get<float>(), a[1].get<float>(), a[2].get<float>()};
}

std::string text(const json& j, const char* key, const Where& where, bool required) {
    if (!j.contains(key)) {
        if (required) where.fail(std::string("missing '") + key + "'");
        return {};
    }
    if (!j.at(key).is_string()) where.fail(std::string("'") + key + "' must be a string");
    return j.at(key).get<std::string>();
}

std::vector<std::string> names(const json& j, const char* key, const Where& where) {
    std::vector<std::string> out;
    if (!j.contains(key)) return out;
    if (!j.at(key).is_array()) where.fail(std::string("'") + key + "' must be an array");
    for (const json& e : j.at(key)) {
        if (e.is_string())
            out.push_back(e.get<std::string>());
        else if (e.is_number_integer() && e.get<int>() >= 0)
            out.push_back(std::to_string(e.get<int>()));
        else
            where.fail(std::string("'") + key + "' entries must be group names or indices");
    }
    return out;
}

RegionRecipe parse_region(const json& j, const Where& where) {
    if (!j.is_object()) where.fail("must be an object");
    RegionRecipe r;
    const std::string kind = text(j, "kind", where, true);
    if (kind == "geodesic") {
        r.kind = RegionRecipe::Kind::Geodesic;
        r.seeds = names(j, "seeds", where);
        if (r.seeds.empty()) where.fail("'seeds' must list at least one landmark group");
        r.inner_cm = number(j, "inner_cm", 0.f, where);
        r.outer_cm = number(j, "outer_cm", 1.f, where);
        if (r.inner_cm < 0.f || r.outer_cm <= r.inner_cm)
            where.fail("need 0 <= inner_cm < outer_cm");
    } else if (kind == "harmonic") {
        r.kind = RegionRecipe::Kind::Harmonic;
        r.one = names(j, "one", where);
        r.zero = names(j, "zero", where);
        if (r.one.empty()) where.fail("'one' must list at least one landmark group");
        r.zero_beyond_cm = number(j, "zero_beyond_cm", 4.f, where);
        if (r.zero_beyond_cm <= 0.f) where.fail("'zero_beyond_cm' must be positive");
    } else {
        where.fail("'kind' must be \"geodesic\" or \"harmonic\", not \"" + kind + "\"");
    }
    r.midline_fade_cm = number(j, "midline_fade_cm", 0.f, where);
    if (r.midline_fade_cm < 0.f) where.fail("'midline_fade_cm' must be >= 0");
    return r;
}

MoveRecipe parse_move(const json& j, const Where& where) {
    if (!j.is_object()) where.fail("each move must be an object");
    MoveRecipe m;
    const std::string kind = text(j, "move", where, true);
    m.region = text(j, "region", where, true);
    if (kind == "translate") {
        m.kind = MoveRecipe::Kind::Translate;
        m.vector_cm = vec3(j, "cm", m.vector_cm, where);
    } else if (kind == "rotate" || kind == "scale") {
        m.kind = kind == "rotate" ? MoveRecipe::Kind::Rotate : MoveRecipe::Kind::Scale;
        m.pivot_group = text(j, "pivot_group", where, false);
        m.pivot_cm = vec3(j, "pivot_cm", m.pivot_cm, where);
        if (kind == "rotate") {
            m.axis = vec3(j, "axis", m.axis, where);
            if (m.axis.norm() < 1e-6f) where.fail("'axis' must not be zero");
            m.axis.normalize();
            m.degrees = number(j, "degrees", 0.f, where);
        } else {
            m.factors = vec3(j, "factors", m.factors, where);
        }
    } else if (kind == "normal") {
        m.kind = MoveRecipe::Kind::Normal;
        m.distance_cm = number(j, "cm", 0.f, where);
    } else if (kind == "close_gap") {
        m.kind = MoveRecipe::Kind::CloseGap;
        m.moving = text(j, "moving", where, true);
        m.onto = text(j, "onto", where, true);
        m.fraction = number(j, "fraction", 1.f, where);
    } else {
        where.fail("unknown move '" + kind + "' (translate, rotate, scale, normal or close_gap)");
    }
    return m;
}

}  // namespace

std::string substitute_side(const std::string& text, const std::string& side) {
    const std::string other = side == "left" ? "right" : side == "right" ? "left" : "";
    std::string out = text;
    for (const auto& [key, value] : {std::pair<std::string, std::string>{"{side}", side},
                                     std::pair<std::string, std::string>{"{other}", other}}) {
        for (size_t pos = out.find(key); pos != std::string::npos; pos = out.find(key, pos))
            out.replace(pos, key.size(), value);
    }
    return out;
}

ShapeRecipes parse_shape_recipes(const std::string& json_text, const std::string& origin) {
    json root;
    try {
        root = json::parse(json_text, nullptr, true, /*ignore_comments=*/true);
    } catch (const json::parse_error& e) {
        throw TemplateError("'" + origin + "' is not valid JSON: " + e.what());
    }
    Where where{origin, "top level"};
    if (!root.is_object() || !root.contains("regions") || !root.contains("shapes"))
        where.fail("expected an object with \"regions\" and \"shapes\"");
    ShapeRecipes out;
    for (const auto& [name, value] : root.at("regions").items()) {
        const RegionRecipe r = parse_region(value, Where{origin, "region '" + name + "'"});
        if (name.find("{side}") == std::string::npos) {
            out.regions[name] = r;
            continue;
        }
        for (const std::string side : {"left", "right"}) {
            RegionRecipe sided = r;
            sided.side = side;
            for (auto* list : {&sided.seeds, &sided.one, &sided.zero})
                for (std::string& g : *list)
                    g = substitute_side(g, side);
            out.regions[substitute_side(name, side)] = sided;
        }
    }

    std::map<std::string, ShapeRecipe> by_name;
    if (!root.at("shapes").is_object()) where.fail("\"shapes\" must be an object keyed by name");
    for (const auto& [name, value] : root.at("shapes").items()) {
        const Where w{origin, "shape '" + name + "'"};
        if (arkit_index(name) < 0) w.fail("not an ARKit blend-shape name");
        if (!value.is_object()) w.fail("must be an object");
        ShapeRecipe s;
        s.name = name;
        s.meaning = text(value, "meaning", w, true);
        s.side = text(value, "side", w, false);
        if (!s.side.empty() && s.side != "left" && s.side != "right")
            w.fail("'side' must be \"left\", \"right\" or absent");
        s.mirror_of = text(value, "mirror_of", w, false);
        if (value.contains("moves")) {
            if (!value.at("moves").is_array()) w.fail("'moves' must be an array");
            for (const json& m : value.at("moves"))
                s.moves.push_back(parse_move(m, w));
        }
        by_name[name] = std::move(s);
    }
    for (const std::string& name : arkit_names()) {
        auto it = by_name.find(name);
        if (it == by_name.end())
            Where{origin, "shapes"}.fail("missing the ARKit shape '" + name +
                                         "' (all 52 must be present, even if they do not move)");
        ShapeRecipe s = it->second;
        if (!s.mirror_of.empty()) {
            const auto src = by_name.find(s.mirror_of);
            const Where w{origin, "shape '" + name + "'"};
            if (src == by_name.end()) w.fail("mirror_of names an unknown shape");
            if (!src->second.mirror_of.empty()) w.fail("mirror_of must name an authored shape");
            if (!s.moves.empty()) w.fail("has both 'moves' and 'mirror_of'");
            s.moves = src->second.moves;
            s.side = src->second.side == "left"    ? "right"
                     : src->second.side == "right" ? "left"
                                                   : "";
            s.mirrored = true;
        }
        for (const MoveRecipe& m : s.moves) {
            const std::string region = substitute_side(m.region, s.side);
            if (!out.regions.count(region))
                Where{origin, "shape '" + name + "'"}.fail("unknown region '" + region + "'");
        }
        out.shapes.push_back(std::move(s));
    }
    return out;
}

ShapeRecipes read_shape_recipes(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw TemplateError("cannot open the template shape parameters '" + path + "'");
    std::stringstream ss;
    ss << in.rdbuf();
    return parse_shape_recipes(ss.str(), path);
}

}  // namespace likeness::face
