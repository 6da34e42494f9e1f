#include "engine/fit/term_costs.hpp"

#include <cstdio>

namespace likeness::fit {

void TermCosts::weigh(const LossWeights& w) {
    total = w.photometric * photometric + w.image_gradient * image_gradient +
            w.landmark * landmark + w.parsing * parsing +
            w.regularization * (weight_l1 + lighting) + w.lip_contour * lip_contour +
            w.neutral * neutral + w.smoothness * smoothness +
            w.blendshape_gradient * blendshape_gradient + priors;
}

TermCosts& TermCosts::operator+=(const TermCosts& o) {
    photometric += o.photometric;
    image_gradient += o.image_gradient;
    landmark += o.landmark;
    parsing += o.parsing;
    weight_l1 += o.weight_l1;
    lighting += o.lighting;
    lip_contour += o.lip_contour;
    neutral += o.neutral;
    smoothness += o.smoothness;
    blendshape_gradient += o.blendshape_gradient;
    priors += o.priors;
    total += o.total;
    return *this;
}

std::string TermCosts::describe() const {
    char buf[512];
    std::snprintf(buf, sizeof buf,
                  "total %.5g: photometric %.5g, image gradient %.5g, landmark %.5g, parsing "
                  "%.5g, w l1 %.5g, lighting %.5g, lip contour %.5g, neutral %.5g, smoothness "
                  "%.5g, blendshape gradient %.5g, priors %.5g",
                  total, photometric, image_gradient, landmark, parsing, weight_l1, lighting,
                  lip_contour, neutral, smoothness, blendshape_gradient, priors);
    return buf;
}

}  // namespace likeness::fit
