// Properties of the template rig: counts, landmark embedding, the 52 ARKit channels, mirror
// symmetry, locality, plausible magnitudes, blink and jaw behaviour, masks and parsing map.
#include "engine/face/template_rig.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <opencv2/imgproc.hpp>

#include "engine/face/arkit_names.hpp"
#include "engine/face/canonical_mesh.hpp"
#include "engine/face/parsing_map.hpp"
#include "engine/face/template_export.hpp"
#include "engine/io/model_paths.hpp"
#include "tests/engine/face/template_fixture.hpp"

namespace likeness::face {
namespace {

const core::MatrixX3fR& delta(const TemplateRig& rig, const std::string& name) {
    const int i = rig.shape_index(name);
    EXPECT_GE(i, 0) << name;
    return rig.deltas[static_cast<size_t>(std::max(i, 0))];
}

TEST(TemplateRig, DenseMeshKeepsTheLandmarksExactly) {
    LIKENESS_NEED_TEMPLATE(rig);
    EXPECT_GE(rig->neutral.vertex_count(), 7000);
    EXPECT_EQ(rig->neutral.UV.rows(), rig->neutral.vertex_count());
    EXPECT_EQ(rig->triangle_parts.size(), static_cast<size_t>(rig->neutral.face_count()));
    const core::Mesh canonical = read_canonical_mesh(io::find_models().mediapipe_face_mesh());
    const float err = (rig->neutral.V.topRows(468) - canonical.V).cwiseAbs().maxCoeff();
    EXPECT_LT(err, 1e-4f) << "vertex i < 468 must be FaceMesh landmark i";
    EXPECT_EQ(rig->mouth_cap.rows(), 18);
    ASSERT_EQ(rig->ibug68.size(), 68u);
    EXPECT_EQ(rig->ibug68[8], 152) << "iBUG 8 is the chin";
}

TEST(TemplateRig, HasAll52ArkitChannelsInApplesOrderWithAMeaning) {
    LIKENESS_NEED_TEMPLATE(rig);
    ASSERT_EQ(rig->shape_count(), kArkitShapeCount);
    ASSERT_EQ(rig->shape_names.size(), 52u);
    EXPECT_EQ(rig->shape_names.front(), "eyeBlinkLeft");
    EXPECT_EQ(rig->shape_names[17], "jawOpen");
    EXPECT_EQ(rig->shape_names.back(), "tongueOut");
    for (int i = 0; i < 52; ++i) {
        EXPECT_EQ(rig->shape_names[static_cast<size_t>(i)], arkit_names()[static_cast<size_t>(i)]);
        EXPECT_GT(rig->shape_meanings[static_cast<size_t>(i)].size(), 20u)
            << rig->shape_names[static_cast<size_t>(i)];
        EXPECT_EQ(rig->deltas[static_cast<size_t>(i)].rows(), rig->neutral.vertex_count());
        EXPECT_TRUE(rig->deltas[static_cast<size_t>(i)].allFinite());
    }
}

TEST(TemplateRig, LeftRightPairsMirrorAcrossTheSymmetryPlane) {
    LIKENESS_NEED_TEMPLATE(rig);
    int pairs = 0;
    for (int i = 0; i < rig->shape_count(); ++i) {
        const std::string& name = rig->shape_names[static_cast<size_t>(i)];
        const std::string partner = arkit_mirror_name(name);
        if (partner == name) {
            // Unsided shapes are themselves symmetric.
            EXPECT_LT(mirror_error_cm(*rig, i, i), 1e-3f) << name;
            continue;
        }
        ++pairs;
        const float err = mirror_error_cm(*rig, i, rig->shape_index(partner));
        const float max = delta(*rig, name).rowwise().norm().maxCoeff();
        EXPECT_LT(err, 1e-3f * std::max(1.f, max)) << name << " vs " << partner;
    }
    EXPECT_EQ(pairs, 40);  // 20 pairs, each seen from both sides
}

// Every moving vertex (> 0.1 mm) of a shape lies in its anatomical zone.
TEST(TemplateRig, EachShapeMovesOnlyItsRegion) {
    LIKENESS_NEED_TEMPLATE(rig);
    const core::MatrixX3fR& V = rig->neutral.V;
    const float nose_tip_y = V(1, 1), brow_y = V(105, 1), eye_y = V(159, 1);
    const float lower_lid_y = V(145, 1);
    for (int i = 0; i < rig->shape_count(); ++i) {
        const std::string& name = rig->shape_names[static_cast<size_t>(i)];
        const core::MatrixX3fR& d = rig->deltas[static_cast<size_t>(i)];
        const bool left = name.size() > 4 && name.compare(name.size() - 4, 4, "Left") == 0 &&
                          name.rfind("jaw", 0) != 0 && name != "mouthLeft";
        const bool right = name.size() > 5 && name.compare(name.size() - 5, 5, "Right") == 0 &&
                           name.rfind("jaw", 0) != 0 && name != "mouthRight";
        double own = 0, other = 0;
        for (Eigen::Index v = 0; v < d.rows(); ++v) {
            const float m = d.row(v).norm();
            if (m <= 1e-3f) continue;
            const float x = V(v, 0), y = V(v, 1);
            (left ? x > 0 : right ? x < 0 : true) ? own += m* m : other += m * m;
            if (name.rfind("eye", 0) == 0) {
                ASSERT_GT(y, nose_tip_y) << name << " moves vertex " << v << " below the nose tip";
            } else if (name.rfind("brow", 0) == 0) {
                ASSERT_GT(y, lower_lid_y - 0.5f)
                    << name << " moves vertex " << v << " below the lower eyelid";
            } else if (name.rfind("jaw", 0) == 0 || name.rfind("mouth", 0) == 0) {
                ASSERT_LT(y, eye_y - 1.0f) << name << " moves vertex " << v << " at the eyes";
            } else if (name.rfind("cheekSquint", 0) == 0) {
                ASSERT_LT(y, brow_y) << name << " moves vertex " << v << " above the brow";
            }
            if (name.rfind("eye", 0) == 0 || name.rfind("brow", 0) == 0) {
                if (left) {
                    ASSERT_GT(x, -0.5f) << name << " crosses the midline at " << v;
                }
                if (right) {
                    ASSERT_LT(x, 0.5f) << name << " crosses the midline at " << v;
                }
            }
        }
        if (left || right) {
            EXPECT_LT(other, 0.1 * (own + other)) << name << " moves the other side too much";
        }
    }
    EXPECT_EQ(delta(*rig, "tongueOut").cwiseAbs().maxCoeff(), 0.f);
}

TEST(TemplateRig, MagnitudesAreAnatomicallyPlausible) {
    LIKENESS_NEED_TEMPLATE(rig);
    for (int i = 0; i < rig->shape_count(); ++i) {
        const std::string& name = rig->shape_names[static_cast<size_t>(i)];
        if (name == "tongueOut") continue;
        const float max = rig->deltas[static_cast<size_t>(i)].rowwise().norm().maxCoeff();
        EXPECT_GT(max, 0.1f) << name << " barely moves";
        EXPECT_LT(max, 5.0f) << name << " moves more than a face can";
    }
    // jawOpen at 1 is a wide-open mouth: the chin (landmark 152) drops 3-5 cm (ICT's artist
    // shape: 4.05 cm), mostly down and back.
    const Eigen::Vector3f chin = delta(*rig, "jawOpen").row(152).transpose();
    EXPECT_GT(chin.norm(), 3.0f);
    EXPECT_LT(chin.norm(), 5.0f);
    EXPECT_LT(chin.y(), -2.0f);
    EXPECT_LT(chin.z(), -1.0f);
    // Brows lift by millimetres, not centimetres.
    EXPECT_NEAR(delta(*rig, "browInnerUp").row(107).y(), 0.5f, 0.2f);
}

TEST(TemplateRig, EyeBlinkClosesEveryEyelidGap) {
    LIKENESS_NEED_TEMPLATE(rig);
    const core::MatrixX3fR& V = rig->neutral.V;
    // Upper/lower lid landmark pairs facing each other across each eye opening.
    const std::pair<const char*, std::vector<std::pair<int, int>>> eyes[] = {
        {"eyeBlinkLeft",
         {{466, 249}, {388, 390}, {387, 373}, {386, 374}, {385, 380}, {384, 381}, {398, 382}}},
        {"eyeBlinkRight",
         {{246, 7}, {161, 163}, {160, 144}, {159, 145}, {158, 153}, {157, 154}, {173, 155}}}};
    for (const auto& [name, pairs] : eyes) {
        const core::MatrixX3fR S = V + delta(*rig, name);
        for (const auto& [up, lo] : pairs) {
            const float before = (V.row(up) - V.row(lo)).norm();
            const float after = (S.row(up) - S.row(lo)).norm();
            EXPECT_LT(after, 0.15f * before + 0.02f)
                << name << ": lids " << up << "/" << lo << " gap " << before << " -> " << after;
        }
    }
    // The other eye stays open.
    EXPECT_EQ(delta(*rig, "eyeBlinkLeft").row(159).norm(), 0.f);
}

TEST(TemplateRig, JawOpenPartsTheLipsAndKeepsTheUpperLip) {
    LIKENESS_NEED_TEMPLATE(rig);
    const core::MatrixX3fR& V = rig->neutral.V;
    const core::MatrixX3fR S = V + delta(*rig, "jawOpen");
    const float before = (V.row(13) - V.row(14)).norm();
    const float after = (S.row(13) - S.row(14)).norm();
    EXPECT_GT(after, before + 2.0f) << "inner lips 13/14 part by more than 2 cm";
    EXPECT_LT(delta(*rig, "jawOpen").row(0).norm(), 0.3f) << "upper lip (0) stays";
    // mouthClose brings them back together when combined with jawOpen.
    Eigen::VectorXf w = Eigen::VectorXf::Zero(rig->shape_count());
    w[rig->shape_index("jawOpen")] = 1.f;
    w[rig->shape_index("mouthClose")] = 1.f;
    const core::MatrixX3fR closed = rig->evaluate(w);
    EXPECT_LT((closed.row(13) - closed.row(14)).norm(), 0.5f * after);
}

TEST(TemplateRig, EvaluateIsEquationOneWithoutCorrections) {
    LIKENESS_NEED_TEMPLATE(rig);
    Eigen::VectorXf w = Eigen::VectorXf::Zero(rig->shape_count());
    EXPECT_TRUE(rig->evaluate(w).isApprox(rig->neutral.V));
    w[0] = 0.3f;
    w[17] = 0.5f;
    const core::MatrixX3fR S = rig->evaluate(w);
    // w0 S0 + sum w_i S_i with w0 = 1 - sum w_i
    const core::MatrixX3fR S0 = rig->neutral.V;
    const core::MatrixX3fR expected =
        (1.f - 0.8f) * S0 + 0.3f * (S0 + rig->deltas[0]) + 0.5f * (S0 + rig->deltas[17]);
    EXPECT_LT((S - expected).cwiseAbs().maxCoeff(), 1e-4f);
}

TEST(TemplateRig, AttentionMasksFollowTheirShapes) {
    LIKENESS_NEED_TEMPLATE(rig);
    for (int i = 0; i < rig->shape_count(); ++i) {
        const auto& a = rig->vertex_attention[static_cast<size_t>(i)];
        const cv::Mat& uv = rig->attention_uv[static_cast<size_t>(i)];
        const std::string& name = rig->shape_names[static_cast<size_t>(i)];
        ASSERT_EQ(uv.rows, rig->uv_size);
        ASSERT_EQ(uv.type(), CV_32F);
        double lo = 0, hi = 0;
        cv::minMaxLoc(uv, &lo, &hi);
        EXPECT_GE(lo, 0.0);
        EXPECT_LE(hi, 1.0);
        if (name == "tongueOut") {
            EXPECT_EQ(a.maxCoeff(), 0.f);
            EXPECT_EQ(hi, 0.0);
            continue;
        }
        EXPECT_FLOAT_EQ(a.maxCoeff(), 1.f) << name;
        EXPECT_GT(hi, 0.5) << name;
        // Still vertices have zero attention.
        const Eigen::VectorXf m = rig->deltas[static_cast<size_t>(i)].rowwise().norm();
        for (Eigen::Index v = 0; v < m.size(); ++v)
            if (m[v] <= 0.01f) {
                ASSERT_EQ(a[v], 0.f) << name << " vertex " << v;
            }
    }
    // Masks are local: a blink's mask covers a small part of the UV square.
    EXPECT_LT(cv::countNonZero(rig->attention_uv[0] > 0.01), rig->uv_size * rig->uv_size / 10);
}

TEST(TemplateRig, ParsingMapHasEveryPartSymmetrically) {
    LIKENESS_NEED_TEMPLATE(rig);
    const cv::Mat& T = rig->parsing_uv;
    ASSERT_EQ(T.type(), CV_8U);
    ASSERT_EQ(T.rows, rig->texture_size);
    std::array<int, kParsingLabelCount> counts{};
    for (int l = 0; l < kParsingLabelCount; ++l)
        counts[static_cast<size_t>(l)] = cv::countNonZero(T == l);
    for (int l = 0; l < kParsingLabelCount; ++l)
        EXPECT_GT(counts[static_cast<size_t>(l)], 100)
            << parsing_label_names()[static_cast<size_t>(l)];
    auto near = [](int a, int b) { return std::abs(a - b) <= std::max(a, b) / 20; };
    EXPECT_TRUE(near(counts[2], counts[3])) << "brows " << counts[2] << " vs " << counts[3];
    EXPECT_TRUE(near(counts[4], counts[5])) << "eyes " << counts[4] << " vs " << counts[5];
    EXPECT_GT(counts[1], counts[6]) << "more skin than nose";
    EXPECT_FALSE(photometric_label(ParsingLabel::EyeLeft));
    EXPECT_FALSE(photometric_label(ParsingLabel::MouthInterior));
    EXPECT_TRUE(photometric_label(ParsingLabel::UpperLip));
    // The subject's left brow is on the +u half of the UV square.
    const cv::Moments m = cv::moments(T == static_cast<int>(ParsingLabel::BrowLeft), true);
    EXPECT_GT(m.m10 / m.m00, T.cols / 2.0);
    // Albedo: finite, in [0,1], lips redder than skin relative to green.
    ASSERT_EQ(rig->albedo_uv.type(), CV_32FC3);
    const cv::Vec3f skin = rig->albedo_uv.at<cv::Vec3f>(T.rows / 2, T.cols / 4);
    EXPECT_GT(skin[0], skin[2]);
}

}  // namespace
}  // namespace likeness::face
