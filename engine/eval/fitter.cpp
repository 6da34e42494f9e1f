#include "engine/eval/fitter.hpp"

#include <algorithm>
#include <cctype>
#include <map>

namespace likeness::eval {
namespace {

std::map<std::string, Fitter>& registry() {
    static std::map<std::string, Fitter> fitters;
    return fitters;
}

}  // namespace

const char* ablation_stage_name(AblationStage stage) {
    switch (stage) {
        case AblationStage::A:
            return "A";
        case AblationStage::B:
            return "B";
        case AblationStage::C:
            return "C";
        case AblationStage::D:
            return "D";
        case AblationStage::Final:
            return "final";
    }
    return "?";
}

const char* ablation_stage_description(AblationStage stage) {
    switch (stage) {
        case AblationStage::A:
            return "template only";
        case AblationStage::B:
            return "+ blendshape corrections";
        case AblationStage::C:
            return "+ albedo corrections";
        case AblationStage::D:
            return "+ parsing loss";
        case AblationStage::Final:
            return "+ gradient loss";
    }
    return "?";
}

std::optional<AblationStage> parse_ablation_stage(const std::string& text) {
    std::string t = text;
    std::transform(t.begin(), t.end(), t.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (AblationStage s : kAblationStages) {
        std::string name = ablation_stage_name(s);
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (t == name) return s;
    }
    return std::nullopt;
}

const char* landmark_source_name(LandmarkSource source) {
    return source == LandmarkSource::GroundTruth ? "ground_truth" : "front_end";
}

void register_fitter(const std::string& name, Fitter fitter) {
    registry()[name] = std::move(fitter);
}

const Fitter* find_fitter(const std::string& name) {
    const auto it = registry().find(name);
    return it == registry().end() ? nullptr : &it->second;
}

std::vector<std::string> fitter_names() {
    std::vector<std::string> names;
    for (const auto& [name, fitter] : registry())
        names.push_back(name);
    return names;
}

}  // namespace likeness::eval
