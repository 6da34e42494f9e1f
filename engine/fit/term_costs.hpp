#pragma once
// The values of eq. 3's terms for one frame or summed over frames, before weighting, and their
// weighted total — what every Summary reports per term.
#include <string>

#include "engine/fit/loss_weights.hpp"

namespace likeness::fit {

struct TermCosts {
    double photometric = 0.0;          ///< L_ph, eq. 4
    double image_gradient = 0.0;       ///< eq. 4's gradient variant
    double landmark = 0.0;             ///< L_lm (224-crop px²)
    double parsing = 0.0;              ///< L_pa, eq. 5
    double weight_l1 = 0.0;            ///< L_reg^w, eq. 8
    double lighting = 0.0;             ///< L_reg^γ, eq. 8
    double lip_contour = 0.0;          ///< seed 003 eq. 7
    double neutral = 0.0;              ///< seed 003 eq. 11
    double smoothness = 0.0;           ///< L_sd, eq. 6 (model terms: once per fit, not per frame)
    double blendshape_gradient = 0.0;  ///< L_bg, eq. 7
    double priors = 0.0;               ///< our correction priors (loss_weights.hpp), weighted
    double total = 0.0;                ///< Σ λ · term, as set by weigh()

    /// Sets `total` from the terms and `weights` (priors are stored already weighted).
    void weigh(const LossWeights& weights);
    TermCosts& operator+=(const TermCosts& other);
    /// "photometric 0.051, landmark 2.3, ..." for reports.
    std::string describe() const;
};

}  // namespace likeness::fit
