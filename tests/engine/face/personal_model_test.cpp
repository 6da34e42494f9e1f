// PersonalModel's eq. 2 (albedo) summed over the dynamic corrections' supports only: the same
// albedo as the sum over whole maps, with or without a reused scratch.
#include "engine/face/personal_model.hpp"

#include <gtest/gtest.h>

#include <random>

#include "engine/face/uv_resample.hpp"
#include "tests/engine/face/template_fixture.hpp"

namespace likeness::face {
namespace {

/// base + resample(Σ_i w_i A_i Δ_i^R) over whole maps (the definition).
cv::Mat full_sum_albedo(const PersonalModel& m, const Eigen::VectorXf& w) {
    cv::Mat out = m.base_albedo.clone();
    cv::Mat sum = cv::Mat::zeros(m.uv_size(), m.uv_size(), CV_32FC3);
    for (int i = 0; i < m.shape_count(); ++i)
        if (std::abs(w[i]) >= 1e-6f)
            cv::scaleAdd(m.masked_dynamic_albedo[static_cast<size_t>(i)], w[i], sum, sum);
    add_resampled(sum, 1.f, m.albedo_size(), &out);
    return out;
}

TEST(PersonalModel, AlbedoOverTheSupportsEqualsTheFullSum) {
    std::string why;
    const TemplateRig* rig = test::shared_template(&why);
    if (!rig) GTEST_SKIP() << why;
    PersonalModel m = personal_model_from_template(*rig);  // 128² maps, 256² albedo
    std::mt19937 rng(11);
    std::normal_distribution<float> n(0.f, 0.05f);
    for (int i : {3, 17, 40, 51})
        for (auto it = m.dynamic_albedo[static_cast<size_t>(i)].begin<cv::Vec3f>();
             it != m.dynamic_albedo[static_cast<size_t>(i)].end<cv::Vec3f>(); ++it)
            *it = cv::Vec3f(n(rng), n(rng), n(rng));
    m.refresh();
    ASSERT_TRUE(m.has_dynamic_albedo);
    for (int i = 0; i < m.shape_count(); ++i) {
        // Every non-zero texel lies inside the support.
        cv::Mat outside = m.masked_dynamic_albedo[static_cast<size_t>(i)].clone();
        outside(m.dynamic_albedo_support[static_cast<size_t>(i)]).setTo(0.f);
        EXPECT_EQ(cv::countNonZero(outside.reshape(1)), 0) << i;
    }
    EXPECT_FALSE(m.dynamic_albedo_support[3].empty());
    EXPECT_TRUE(m.dynamic_albedo_support[5].empty());  // no correction on shape 5

    std::uniform_real_distribution<float> u(0.f, 1.f);
    cv::Mat scratch, out;
    for (int trial = 0; trial < 3; ++trial) {
        Eigen::VectorXf w = Eigen::VectorXf::Zero(m.shape_count());
        for (int i : {3, 5, 17, 51})
            w[i] = u(rng);
        if (trial == 1) w[40] = 0.7f;
        if (trial == 2) w.setZero();
        const cv::Mat expected = full_sum_albedo(m, w);
        m.albedo(w, &out, &scratch);
        EXPECT_EQ(cv::norm(out, expected, cv::NORM_INF), 0.0) << trial;
        EXPECT_EQ(cv::norm(m.albedo(w), expected, cv::NORM_INF), 0.0) << trial;
        if (!scratch.empty()) {
            EXPECT_EQ(cv::countNonZero(scratch.reshape(1)), 0);  // left zero for the next call
        }
    }
}

}  // namespace
}  // namespace likeness::face
