#pragma once
// The ablation rows of the paper's Table 1, as switches on what the modeling solver updates and
// which loss terms it uses:
//   A      template only: no corrections (tracking with the template prior)
//   B      + blendshape corrections: Δ0^S and Δ_i^S (eq. 1); no parsing, no gradient loss
//   C      + albedo corrections: Δ0^R and Δ_i^R (eq. 2); still no parsing or gradient loss
//   D      + parsing loss (eq. 5)
//   final  + blendshape gradient loss (eq. 7)
// ("B and C are obtained with all the loss functions other than the parsing loss and the
// gradient loss", Table 1's note.) Δ0^S counts with the blendshape corrections: it is the
// correction of the neutral S0.
#include <optional>
#include <string>

#include "engine/fit/loss_weights.hpp"

namespace likeness::fit {

enum class Ablation { A, B, C, D, Final };

/// "A", "B", "C", "D", "final".
const char* to_string(Ablation a);
/// Parses the names above (case-insensitive for the letters); nullopt otherwise.
std::optional<Ablation> parse_ablation(const std::string& text);

/// Which corrections of face::PersonalModel a solve may change.
struct CorrectionSet {
    bool identity_shape = true;     ///< Δ0^S
    bool expression_shapes = true;  ///< Δ_i^S
    bool static_albedo = true;      ///< Δ0^R
    bool dynamic_albedo = true;     ///< Δ_i^R
    bool any() const {
        return identity_shape || expression_shapes || static_albedo || dynamic_albedo;
    }
};

struct AblationSettings {
    CorrectionSet corrections;
    LossWeights weights;
};

/// The corrections and weights of row `a`, starting from `base` (whose parsing and
/// blendshape-gradient weights are zeroed for rows before D and final).
AblationSettings ablation_settings(Ablation a, const LossWeights& base = {});

}  // namespace likeness::fit
