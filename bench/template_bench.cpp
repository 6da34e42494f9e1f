// Timing of the template rig: building it (mesh, subdivision, 52 shapes, masks, maps) and
// evaluating eq. 1's template part S0 + sum_i w_i dS_i per frame. Prints medians and the ratio
// of the dense evaluation to a copy of S0 measured in the same run (no absolute claims).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <vector>

#include "engine/face/template_rig.hpp"

namespace {

template <class F>
double median_ms(int runs, F&& f) {
    std::vector<double> t;
    for (int i = 0; i < runs; ++i) {
        const auto a = std::chrono::steady_clock::now();
        f();
        t.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - a)
                        .count());
    }
    std::sort(t.begin(), t.end());
    return t[t.size() / 2];
}

}  // namespace

int main() {
    using namespace likeness;
    face::TemplateRig rig;
    const double build = median_ms(3, [&] { rig = face::build_template_rig(); });
    std::mt19937 rng(7);
    std::uniform_real_distribution<float> u(0.f, 1.f);
    Eigen::VectorXf w(rig.shape_count());
    for (int i = 0; i < w.size(); ++i)
        w[i] = u(rng) < 0.3f ? u(rng) : 0.f;
    core::MatrixX3fR S;
    double sink = 0;
    const double copy = median_ms(200, [&] {
        S = rig.neutral.V;
        sink += S(0, 0);
    });
    const double eval = median_ms(200, [&] {
        S = rig.evaluate(w);
        sink += S(0, 0);
    });
    std::printf("template build          %8.1f ms (median of 3)\n", build);
    std::printf("copy S0 (baseline)      %8.3f ms\n", copy);
    std::printf(
        "eq. 1 template part     %8.3f ms  (%.1fx the copy; %d vertices, %d of 52 weights "
        "non-zero)\n",
        eval, eval / std::max(copy, 1e-9), rig.neutral.vertex_count(),
        static_cast<int>((w.array() != 0.f).count()));
    return sink == 12345.678 ? 1 : 0;
}
