#include "engine/render/renderer.hpp"

#include <gtest/gtest.h>

#include <Eigen/Geometry>

#include "engine/core/primitive_meshes.hpp"
#include "tests/engine/render/reference_renderer.hpp"
#include "tests/engine/render/render_test_scenes.hpp"

namespace likeness::render {
namespace {

TEST(RenderRenderer, UnitAlbedoSphereUnderDcLightIsFlat) {
    const core::Mesh sphere = core::icosphere(3, 5.f);
    Scene scene;
    scene.mesh = &sphere;
    scene.camera = core::Camera::centered(96, 96, 250.f);
    scene.pose.rotation = Eigen::Vector3f(0.4f, 0.2f, -0.7f);
    scene.pose.translation_cm = Eigen::Vector3f(1.f, -0.5f, -30.f);
    scene.lighting = core::ShLighting::ambient(0.62f);
    Rendering r;
    render(scene, {}, &r);
    ASSERT_GT(r.covered.size(), 2000u);
    for (int i : r.covered) {
        const float* c = r.colour.ptr<float>() + 3 * static_cast<size_t>(i);
        for (int ch = 0; ch < 3; ++ch)
            ASSERT_NEAR(c[ch], 0.62f, 1e-5f);
    }
    EXPECT_EQ(cv::countNonZero(r.mask), static_cast<int>(r.covered.size()));
}

TEST(RenderRenderer, RotatingLightAndHeadTogetherChangesNoShading) {
    const core::Mesh face = test::bumpy_face(16, 14.f);
    Scene a = test::face_scene(&face, nullptr, 64, 64);
    a.pose.rotation.setZero();
    Scene b = a;
    const Eigen::AngleAxisf turn(0.6f, Eigen::Vector3f(0.2f, 1.f, 0.3f).normalized());
    b.pose.rotation = turn.angle() * turn.axis();
    b.lighting = core::rotated(a.lighting, turn.toRotationMatrix());
    Rendering ra, rb;
    render(a, {}, &ra);
    render(b, {}, &rb);
    EXPECT_LT((ra.vertices.shading - rb.vertices.shading).cwiseAbs().maxCoeff(), 1e-5f);
    // and the shading did change when only the head turned
    Scene c = b;
    c.lighting = a.lighting;
    Rendering rc;
    render(c, {}, &rc);
    EXPECT_GT((ra.vertices.shading - rc.vertices.shading).cwiseAbs().maxCoeff(), 1e-2f);
}

TEST(RenderRenderer, ColourMatchesTheDoublePrecisionReference) {
    const core::Mesh face = test::bumpy_face(20, 14.f);
    const cv::Mat albedo = test::smooth_texture(32, 7);
    const Scene scene = test::face_scene(&face, &albedo, 96, 96);
    Rendering r;
    render(scene, {}, &r);
    const std::vector<test::FixedPixel> pixels = test::interior_pixels(r, 0);
    ASSERT_GT(pixels.size(), 3000u);
    const auto ref = test::reference_colours(test::reference_params(scene), face, pixels);
    double worst = 0.0;
    for (size_t q = 0; q < pixels.size(); ++q) {
        const cv::Vec3f c = r.colour.at<cv::Vec3f>(pixels[q].y, pixels[q].x);
        for (int ch = 0; ch < 3; ++ch)
            worst = std::max(worst, std::abs(c[ch] - ref[q][ch]));
    }
    EXPECT_LT(worst, 2e-5);
}

TEST(RenderRenderer, MaskLeavesOutExcludedLabels) {
    const core::Mesh grid = core::grid_mesh(10, 10.f);
    cv::Mat labels(16, 16, CV_8U, cv::Scalar(1));
    labels.colRange(0, 8).setTo(4);  // u < 0.5: an "eye"
    Scene scene;
    scene.mesh = &grid;
    scene.labels_uv = &labels;
    scene.camera = core::Camera::centered(80, 80, 200.f);
    scene.pose.translation_cm = Eigen::Vector3f(0.f, 0.f, -30.f);
    RenderOptions options;
    options.mask_excluded_labels.set(4);
    Rendering r;
    render(scene, options, &r);
    ASSERT_GT(r.covered.size(), 1000u);
    const int centre = 40;  // x = 39.5 is u = 0.5
    for (int i : r.covered) {
        const int x = i % 80;
        const unsigned char label = r.labels.ptr<unsigned char>()[i];
        const unsigned char m = r.mask.ptr<unsigned char>()[i];
        if (x < centre - 1) {
            EXPECT_EQ(label, 4);
            EXPECT_EQ(m, 0);
        } else if (x > centre) {
            EXPECT_EQ(label, 1);
            EXPECT_EQ(m, 255);
        }
    }
    for (int i = 0; i < 80 * 80; ++i)
        if (r.raster.triangle[static_cast<size_t>(i)] < 0) {
            EXPECT_EQ(r.labels.ptr<unsigned char>()[i], 0);
            EXPECT_EQ(r.mask.ptr<unsigned char>()[i], 0);
        }
}

TEST(RenderRenderer, UnlitDrawsTheTextureAndBackgroundAsGiven) {
    const core::Mesh grid = core::grid_mesh(4, 10.f);
    cv::Mat tex(2, 2, CV_32FC3);
    tex.at<cv::Vec3f>(0, 0) = {1.f, 0.f, 0.f};  // top left: u < 0.5, v > 0.5
    tex.at<cv::Vec3f>(0, 1) = {0.f, 1.f, 0.f};
    tex.at<cv::Vec3f>(1, 0) = {0.f, 0.f, 1.f};
    tex.at<cv::Vec3f>(1, 1) = {1.f, 1.f, 1.f};
    Scene scene;
    scene.mesh = &grid;
    scene.albedo_uv = &tex;
    scene.camera = core::Camera::centered(141, 141, 300.f);
    scene.pose.translation_cm = Eigen::Vector3f(0.f, 0.f, -30.f);
    scene.lighting = core::ShLighting::ambient(0.1f);
    RenderOptions options;
    options.lit = false;
    options.background = {0.25f, 0.5f, 0.75f};
    options.want_albedo = true;
    Rendering r;
    render(scene, options, &r);
    // Grid spans ±5 cm → ±50 px about the centre 70: texel centres sit at ±25 px.
    const cv::Vec3f top_left = r.colour.at<cv::Vec3f>(45, 45);
    EXPECT_LT(cv::norm(top_left - cv::Vec3f(1.f, 0.f, 0.f)), 1e-4);
    EXPECT_LT(cv::norm(r.colour.at<cv::Vec3f>(95, 95) - cv::Vec3f(1.f, 1.f, 1.f)), 1e-4);
    EXPECT_LT(cv::norm(r.colour.at<cv::Vec3f>(45, 95) - cv::Vec3f(0.f, 1.f, 0.f)), 1e-4);
    EXPECT_LT(cv::norm(r.colour.at<cv::Vec3f>(95, 45) - cv::Vec3f(0.f, 0.f, 1.f)), 1e-4);
    EXPECT_EQ(r.colour.at<cv::Vec3f>(0, 0), cv::Vec3f(0.25f, 0.5f, 0.75f));
    EXPECT_EQ(cv::norm(r.albedo.at<cv::Vec3f>(45, 45), top_left), 0.0);
}

TEST(RenderRenderer, NormalsImageHoldsUnitNormalsFacingTheCamera) {
    const core::Mesh sphere = core::icosphere(3, 5.f);
    Scene scene;
    scene.mesh = &sphere;
    scene.camera = core::Camera::centered(64, 64, 200.f);
    scene.pose.translation_cm = Eigen::Vector3f(0.f, 0.f, -30.f);
    RenderOptions options;
    options.want_normals = true;
    Rendering r;
    render(scene, options, &r);
    for (int i : r.covered) {
        const cv::Vec3f n = r.normals.at<cv::Vec3f>(i / 64, i % 64);
        EXPECT_NEAR(cv::norm(n), 1.0, 1e-5);
        // the sphere's normal points back towards the viewing ray
        const Eigen::Vector3f ray = scene.camera.ray(Eigen::Vector2f(i % 64, i / 64));
        EXPECT_LT(ray.dot(Eigen::Vector3f(n[0], n[1], n[2])), 0.f);
    }
}

TEST(RenderRenderer, ReusedBuffersEqualFreshOnes) {
    // Outputs are reset only where the previous frame drew: a frame rendered into a reused
    // Rendering must equal the same frame rendered into a new one.
    const core::Mesh face = test::bumpy_face(16, 14.f);
    const cv::Mat albedo = test::smooth_texture(16, 1);
    cv::Mat labels(8, 8, CV_8U, cv::Scalar(1));
    labels.rowRange(0, 4).setTo(3);
    Scene scene = test::face_scene(&face, &albedo, 160, 120);
    scene.labels_uv = &labels;
    RenderOptions options;
    options.want_normals = true;
    options.want_albedo = true;
    Rendering reused;
    render(scene, options, &reused);
    scene.pose.translation_cm += Eigen::Vector3f(4.f, 2.f, -10.f);  // smaller, elsewhere
    options.background = {0.1f, 0.2f, 0.3f};
    render(scene, options, &reused);
    options.want_albedo = false;
    scene.pose.translation_cm += Eigen::Vector3f(-6.f, -1.f, 5.f);
    render(scene, options, &reused);
    Rendering fresh;
    render(scene, options, &fresh);
    for (const auto& [a, b] :
         std::vector<std::pair<cv::Mat, cv::Mat>>{{reused.colour, fresh.colour},
                                                  {reused.triangle, fresh.triangle},
                                                  {reused.barycentric, fresh.barycentric},
                                                  {reused.depth, fresh.depth},
                                                  {reused.mask, fresh.mask},
                                                  {reused.labels, fresh.labels},
                                                  {reused.normals, fresh.normals}}) {
        ASSERT_EQ(a.size(), b.size());
        EXPECT_EQ(cv::norm(a, b, cv::NORM_INF), 0.0);
    }
    EXPECT_TRUE(reused.albedo.empty());
    EXPECT_EQ(reused.covered, fresh.covered);
    EXPECT_EQ(reused.raster.triangle, fresh.raster.triangle);
    EXPECT_EQ(reused.raster.inverse_depth, fresh.raster.inverse_depth);
}

TEST(RenderRenderer, SameGeometryEqualsAFreshRender) {
    // render_same_geometry copies the rasterisation and the per-vertex stage: with another
    // texture, labels and lighting, lit or not, into a reused Rendering, the result is render()'s
    // (of the rasteriser's buffers, the triangle image).
    const core::Mesh face = test::bumpy_face(16, 14.f);
    const cv::Mat albedo = test::smooth_texture(16, 1), code = test::smooth_texture(8, 3);
    cv::Mat labels(8, 8, CV_8U, cv::Scalar(1));
    labels.rowRange(0, 4).setTo(3);
    Scene scene = test::face_scene(&face, &albedo, 96, 80);
    scene.labels_uv = &labels;
    RenderOptions options;
    options.mask_excluded_labels.set(3);
    Rendering colour, same;
    for (int frame = 0; frame < 2; ++frame) {
        scene.pose.translation_cm += Eigen::Vector3f(1.f, -0.5f, -2.f);  // buffers are reused
        render(scene, options, &colour);
        Scene other = scene;
        other.albedo_uv = &code;
        other.labels_uv = nullptr;
        other.lighting.gamma[4] += 0.3f;
        for (bool lit : {false, true}) {
            RenderOptions o;
            o.lit = lit;
            o.want_albedo = true;
            render_same_geometry(other, o, colour, &same);
            Rendering fresh;
            render(other, o, &fresh);
            for (const auto& [a, b] :
                 std::vector<std::pair<cv::Mat, cv::Mat>>{{same.colour, fresh.colour},
                                                          {same.triangle, fresh.triangle},
                                                          {same.barycentric, fresh.barycentric},
                                                          {same.depth, fresh.depth},
                                                          {same.mask, fresh.mask},
                                                          {same.albedo, fresh.albedo}}) {
                ASSERT_EQ(a.size(), b.size());
                EXPECT_EQ(cv::norm(a, b, cv::NORM_INF), 0.0) << (lit ? "lit" : "unlit");
            }
            EXPECT_TRUE(same.labels.empty());
            EXPECT_EQ(same.covered, fresh.covered);
            EXPECT_EQ(same.lit, lit);
            EXPECT_EQ(same.vertices.shading, fresh.vertices.shading);
            EXPECT_EQ(same.vertices.position_px, fresh.vertices.position_px);
            // The rasteriser's own buffers: the triangle image, not the set-ups and z-buffer.
            EXPECT_EQ(same.raster.triangle, fresh.raster.triangle);
        }
        // A full render into the buffers render_same_geometry left is render()'s too.
        Rendering reused = same;
        render(scene, options, &reused);
        for (const auto& [a, b] : std::vector<std::pair<cv::Mat, cv::Mat>>{
                 {reused.colour, colour.colour}, {reused.depth, colour.depth}}) {
            ASSERT_EQ(a.size(), b.size());
            EXPECT_EQ(cv::norm(a, b, cv::NORM_INF), 0.0);
        }
        EXPECT_EQ(reused.raster.inverse_depth, colour.raster.inverse_depth);
    }
}

}  // namespace
}  // namespace likeness::render
