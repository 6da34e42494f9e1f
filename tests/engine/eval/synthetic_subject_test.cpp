// Synthetic subjects on the template: identity, expression deviations and wrinkles have the
// properties the scoreboard relies on (determinism, locality, smoothness, sizes).
#include "engine/eval/synthetic_subject.hpp"

#include <gtest/gtest.h>

#include "engine/eval/expression_deviation.hpp"
#include "engine/eval/face_area.hpp"
#include "engine/eval/smooth_identity.hpp"
#include "engine/nn/mesh_landmark_indices.hpp"
#include "tests/engine/face/template_fixture.hpp"

namespace likeness::eval {
namespace {

TEST(EvalSubject, SameSeedSameSubjectOtherSeedOtherPerson) {
    LIKENESS_NEED_TEMPLATE(rig);
    SubjectOptions o;
    o.seed = 5;
    const SyntheticSubject a = make_subject(*rig, o), b = make_subject(*rig, o);
    EXPECT_EQ(a.rig.neutral.V, b.rig.neutral.V);
    EXPECT_EQ(a.rig.deltas[10], b.rig.deltas[10]);
    o.seed = 6;
    const SyntheticSubject c = make_subject(*rig, o);
    EXPECT_GT((a.rig.neutral.V - c.rig.neutral.V).norm(), 0.1f);
    // Switching wrinkles off leaves the geometry's draws unchanged (separate streams).
    o.seed = 5;
    o.wrinkles = false;
    EXPECT_EQ(make_subject(*rig, o).rig.neutral.V, a.rig.neutral.V);
    EXPECT_EQ(a.albedo_source, "template") << "no photos given";
    EXPECT_EQ(a.rig.albedo.size(), rig->albedo_uv.size());
}

TEST(EvalSubject, IdentityIsAFewMillimetresAndNearlySymmetric) {
    LIKENESS_NEED_TEMPLATE(rig);
    for (std::uint64_t seed = 1; seed <= 4; ++seed) {
        Rng rng(seed);
        const core::MatrixX3fR d = smooth_identity(*rig, {}, rng);
        const float rms = rms_length(d);
        EXPECT_GT(rms, 0.1f) << "seed " << seed;
        EXPECT_LT(rms, 1.2f) << "seed " << seed;
        const core::MatrixX3fR sym = symmetrized(d, rig->mirror, 1.f);
        EXPECT_LT(rms_length(d - sym), 0.35f * rms) << "mostly symmetric";
    }
}

TEST(EvalSubject, ExpressionDeviationsStayInsideTheAttentionMasks) {
    LIKENESS_NEED_TEMPLATE(rig);
    Rng rng(3);
    const std::vector<core::MatrixX3fR> D = expression_deviations(*rig, {}, rng);
    ASSERT_EQ(static_cast<int>(D.size()), rig->shape_count());
    int changed = 0;
    for (int i = 0; i < rig->shape_count(); ++i) {
        const Eigen::VectorXf& A = rig->vertex_attention[static_cast<size_t>(i)];
        for (int v = 0; v < rig->neutral.vertex_count(); ++v)
            if (A[v] == 0.f) {
                ASSERT_EQ(D[static_cast<size_t>(i)].row(v).norm(), 0.f)
                    << rig->shape_names[static_cast<size_t>(i)];
            }
        const float max_shape = rig->deltas[static_cast<size_t>(i)].rowwise().norm().maxCoeff();
        const float max_dev = D[static_cast<size_t>(i)].rowwise().norm().maxCoeff();
        EXPECT_LT(max_dev, 1.2f * max_shape + 1e-6f) << "a deviation, not a new shape";
        changed += max_dev > 0.f ? 1 : 0;
    }
    EXPECT_EQ(D[static_cast<size_t>(rig->shape_index("tongueOut"))].norm(), 0.f);
    EXPECT_GE(changed, 48);
}

TEST(EvalSubject, PersonalModelIsTemplatePlusCorrections) {
    LIKENESS_NEED_TEMPLATE(rig);
    SubjectOptions o;
    o.seed = 9;
    const SyntheticSubject s = make_subject(*rig, o);
    std::vector<float> w(static_cast<size_t>(rig->shape_count()), 0.f);
    w[static_cast<size_t>(rig->shape_index("jawOpen"))] = 0.7f;
    const core::MatrixX3fR V = s.vertices(w.data());
    const Eigen::VectorXf wt = Eigen::Map<const Eigen::VectorXf>(w.data(), rig->shape_count());
    const core::MatrixX3fR expected =
        rig->evaluate(wt) + s.identity +
        0.7f * s.expression_deviation[static_cast<size_t>(rig->shape_index("jawOpen"))];
    EXPECT_LT((V - expected).cwiseAbs().maxCoeff(), 1e-5f);
    EXPECT_FALSE(s.wrinkles.empty());
    for (const WrinkleMap& m : s.wrinkles) {
        double lo, hi;
        cv::minMaxLoc(m.offset.reshape(1), &lo, &hi);
        EXPECT_LE(hi, 1e-6) << "wrinkles only darken";
        EXPECT_LT(lo, 0.0);
    }
}

TEST(EvalFaceArea, ScoresSkinNotEyesOrRims) {
    LIKENESS_NEED_TEMPLATE(rig);
    const std::vector<int> area = face_area_vertices(*rig);
    EXPECT_GT(area.size(), static_cast<size_t>(rig->neutral.vertex_count() / 2));
    EXPECT_LT(area.size(), static_cast<size_t>(rig->neutral.vertex_count()));
    EXPECT_TRUE(std::is_sorted(area.begin(), area.end()));
    // The template's 68 landmarks are the front end's iBUG subset.
    ASSERT_EQ(rig->ibug68.size(), nn::kIbug68FromMesh.size());
    for (size_t k = 0; k < rig->ibug68.size(); ++k)
        EXPECT_EQ(rig->ibug68[k], nn::kIbug68FromMesh[k]);
}

}  // namespace
}  // namespace likeness::eval
