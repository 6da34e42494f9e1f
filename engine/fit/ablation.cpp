#include "engine/fit/ablation.hpp"

namespace likeness::fit {

const char* to_string(Ablation a) {
    switch (a) {
        case Ablation::A:
            return "A";
        case Ablation::B:
            return "B";
        case Ablation::C:
            return "C";
        case Ablation::D:
            return "D";
        case Ablation::Final:
            return "final";
    }
    return "?";
}

std::optional<Ablation> parse_ablation(const std::string& text) {
    if (text == "A" || text == "a") return Ablation::A;
    if (text == "B" || text == "b") return Ablation::B;
    if (text == "C" || text == "c") return Ablation::C;
    if (text == "D" || text == "d") return Ablation::D;
    if (text == "final" || text == "Final" || text == "FINAL") return Ablation::Final;
    return std::nullopt;
}

AblationSettings ablation_settings(Ablation a, const LossWeights& base) {
    AblationSettings s;
    s.weights = base;
    const int row = static_cast<int>(a);
    s.corrections.identity_shape = s.corrections.expression_shapes = row >= 1;
    s.corrections.static_albedo = s.corrections.dynamic_albedo = row >= 2;
    if (row < 3) s.weights.parsing = 0.0;
    if (row < 4) s.weights.blendshape_gradient = 0.0;
    return s;
}

}  // namespace likeness::fit
