// Block and diagonal forms of J^T W J (vertex 3×3 blocks, albedo texel diagonal) against the
// dense Jacobian assembled column by column from forward mode.
#include <gtest/gtest.h>

#include "engine/render/albedo_normal_equations.hpp"
#include "engine/render/colour_differential.hpp"
#include "engine/render/renderer.hpp"
#include "engine/render/vertex_normal_equation_blocks.hpp"
#include "tests/engine/render/render_test_scenes.hpp"

namespace likeness::render {
namespace {

class RenderNormalEquationBlocks : public ::testing::TestWithParam<bool> {
  protected:
    void SetUp() override {
        face_ = test::bumpy_face(6, 14.f);
        albedo_ = test::smooth_texture(8, 2);
        scene_ = test::face_scene(&face_, &albedo_, 64, 64);
        options_.lit = GetParam();
        render(scene_, options_, &rendering_);
        weight_.create(64, 64, CV_32F);
        cv::randu(weight_, 0.f, 2.f);
        residual_.create(64, 64, CV_32FC3);
        cv::randu(residual_, -0.5f, 0.5f);
    }
    /// 3·covered rows of the colour change for one direction.
    Eigen::VectorXd column(const SceneDirection& dir) const {
        cv::Mat dc;
        colour_differential(scene_, rendering_, dir, &dc);
        Eigen::VectorXd col(3 * rendering_.covered.size());
        for (size_t j = 0; j < rendering_.covered.size(); ++j)
            for (int c = 0; c < 3; ++c)
                col[static_cast<Eigen::Index>(3 * j) + c] =
                    dc.ptr<float>()[3 * rendering_.covered[j] + c];
        return col;
    }
    Eigen::VectorXd row_weights() const {
        Eigen::VectorXd w(3 * rendering_.covered.size());
        for (size_t j = 0; j < rendering_.covered.size(); ++j)
            w.segment<3>(static_cast<Eigen::Index>(3 * j))
                .setConstant(weight_.ptr<float>()[rendering_.covered[j]]);
        return w;
    }

    core::Mesh face_;
    cv::Mat albedo_, weight_, residual_;
    Scene scene_;
    RenderOptions options_;
    Rendering rendering_;
};

TEST_P(RenderNormalEquationBlocks, VertexBlocksEqualDenseProducts) {
    const int n = face_.vertex_count();
    const Eigen::VectorXd w = row_weights();
    std::vector<Eigen::Matrix3f> blocks;
    vertex_normal_equation_blocks(scene_, rendering_, weight_, &blocks);
    ASSERT_EQ(static_cast<int>(blocks.size()), n);
    double worst = 0.0, scale = 0.0;
    int seen = 0;
    for (int v = 0; v < n; ++v) {
        Eigen::MatrixXd Jv(3 * rendering_.covered.size(), 3);
        for (int a = 0; a < 3; ++a) {
            core::MatrixX3fR dX = core::MatrixX3fR::Zero(n, 3);
            dX(v, a) = 1.f;
            SceneDirection dir;
            dir.vertices = &dX;
            Jv.col(a) = column(dir);
        }
        const Eigen::Matrix3d dense = Jv.transpose() * w.asDiagonal() * Jv;
        seen += dense.norm() > 0.0;
        worst = std::max(worst, (dense - blocks[static_cast<size_t>(v)].cast<double>()).norm());
        scale = std::max(scale, dense.norm());
    }
    EXPECT_GT(seen, n / 2);
    EXPECT_LT(worst, 1e-4 * scale);
}

TEST_P(RenderNormalEquationBlocks, AlbedoDiagonalAndGradientEqualDenseProducts) {
    cv::Mat H, g;
    albedo_normal_equations(scene_, rendering_, residual_, weight_, &H, &g);
    ASSERT_EQ(H.size(), albedo_.size());
    const Eigen::VectorXd w = row_weights();
    Eigen::VectorXd r(3 * rendering_.covered.size());
    for (size_t j = 0; j < rendering_.covered.size(); ++j)
        for (int c = 0; c < 3; ++c)
            r[static_cast<Eigen::Index>(3 * j) + c] =
                residual_.ptr<float>()[3 * rendering_.covered[j] + c];
    double worst = 0.0, scale = 0.0;
    for (int i = 0; i < 3 * static_cast<int>(albedo_.total()); ++i) {
        cv::Mat d_tex = cv::Mat::zeros(albedo_.size(), CV_32FC3);
        d_tex.ptr<float>()[i] = 1.f;
        SceneDirection dir;
        dir.albedo = &d_tex;
        const Eigen::VectorXd col = column(dir);
        const double diag = col.dot(w.asDiagonal() * col), rhs = col.dot(w.asDiagonal() * r);
        worst = std::max(
            {worst, std::abs(diag - H.ptr<float>()[i]), std::abs(rhs - g.ptr<float>()[i])});
        scale = std::max({scale, diag, std::abs(rhs)});
    }
    EXPECT_GT(scale, 0.0);
    EXPECT_LT(worst, 1e-4 * scale);
}

INSTANTIATE_TEST_SUITE_P(LitAndUnlit, RenderNormalEquationBlocks, ::testing::Values(true, false),
                         [](const auto& info) { return info.param ? "Lit" : "Unlit"; });

}  // namespace
}  // namespace likeness::render
