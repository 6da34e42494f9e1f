#include "engine/render/rasterizer.hpp"

#include <gtest/gtest.h>
#include <omp.h>

#include "engine/core/primitive_meshes.hpp"
#include "engine/render/renderer.hpp"
#include "tests/engine/render/reference_renderer.hpp"
#include "tests/engine/render/render_test_scenes.hpp"

namespace likeness::render {
namespace {

Scene sphere_scene(const core::Mesh* mesh, int width, int height) {
    Scene scene;
    scene.mesh = mesh;
    scene.camera = core::Camera::centered(width, height, 300.f);
    scene.pose.translation_cm = Eigen::Vector3f(0.f, 0.f, -30.f);
    return scene;
}

TEST(RenderRasterizer, ClosedSphereHasNoCracks) {
    const core::Mesh sphere = core::icosphere(3, 5.f);
    Scene scene = sphere_scene(&sphere, 128, 128);
    Rendering r;
    for (int trial = 0; trial < 24; ++trial) {
        scene.pose.rotation = Eigen::Vector3f(0.37f * trial, 0.21f * trial, -0.13f * trial);
        scene.pose.translation_cm.x() = 0.31f * static_cast<float>(trial % 6);
        render(scene, {}, &r);
        // Silhouette radius of a sphere of radius 5 cm at distance d: f·5/√(d² − 25).
        const Eigen::Vector2f c = scene.camera.project(scene.pose.translation_cm);
        const float d = scene.pose.translation_cm.norm();
        const float radius_px = 300.f * 5.f / std::sqrt(d * d - 25.f);
        int holes = 0, inside = 0;
        for (int y = 0; y < 128; ++y)
            for (int x = 0; x < 128; ++x)
                if ((Eigen::Vector2f(x, y) - c).norm() < 0.97f * radius_px) {
                    ++inside;
                    holes += r.triangle.at<int>(y, x) < 0;
                }
        EXPECT_GT(inside, 3000);
        EXPECT_EQ(holes, 0) << "trial " << trial;
    }
}

TEST(RenderRasterizer, VisibleFacesFaceTheCamera) {
    const core::Mesh sphere = core::icosphere(2, 5.f);
    Scene scene = sphere_scene(&sphere, 96, 96);
    RenderOptions both;
    both.culling = FaceCulling::None;
    Rendering r;
    render(scene, both, &r);
    ASSERT_FALSE(r.covered.empty());
    for (int i : r.covered) {
        const int t = r.raster.triangle[static_cast<size_t>(i)];
        const Eigen::Vector3f a = r.vertices.position_cam.row(sphere.F(t, 0));
        const Eigen::Vector3f b = r.vertices.position_cam.row(sphere.F(t, 1));
        const Eigen::Vector3f c = r.vertices.position_cam.row(sphere.F(t, 2));
        ASSERT_LT((b - a).cross(c - a).dot(a), 0.f) << "z-buffer kept a back face";
    }
}

TEST(RenderRasterizer, BackFacesAreCulledOrDrawnOnRequest) {
    const core::Mesh grid = core::grid_mesh(8, 10.f);
    Scene scene = sphere_scene(&grid, 64, 64);
    scene.pose.rotation = Eigen::Vector3f(0.f, 3.14159f, 0.f);  // seen from behind
    Rendering r;
    render(scene, {}, &r);
    EXPECT_TRUE(r.covered.empty());
    RenderOptions both;
    both.culling = FaceCulling::None;
    render(scene, both, &r);
    EXPECT_GT(r.covered.size(), 1000u);
}

TEST(RenderRasterizer, MeshBehindTheCameraRendersNothing) {
    const core::Mesh sphere = core::icosphere(2, 5.f);
    Scene scene = sphere_scene(&sphere, 64, 64);
    RenderOptions both;
    both.culling = FaceCulling::None;
    Rendering r;
    for (const float z : {30.f, 5.5f, 5.f}) {
        scene.pose.translation_cm = Eigen::Vector3f(0.f, 0.f, z);
        render(scene, both, &r);
        EXPECT_TRUE(r.covered.empty()) << "z = " << z;
        EXPECT_EQ(cv::countNonZero(r.mask), 0);
    }
    // Half in front: only faces wholly beyond the near plane are drawn, all in front.
    scene.pose.translation_cm = Eigen::Vector3f(0.f, 0.f, -2.f);
    render(scene, both, &r);
    for (int i : r.covered)
        EXPECT_GE(r.depth.ptr<float>()[i], 1.f);
}

TEST(RenderRasterizer, AnyImageSize) {
    const core::Mesh sphere = core::icosphere(2, 5.f);
    Rendering r;
    for (const auto& [w, h] : std::vector<std::pair<int, int>>{
             {1, 1}, {3, 200}, {200, 3}, {0, 0}, {17, 5}, {640, 360}}) {
        Scene scene = sphere_scene(&sphere, w, h);
        render(scene, {}, &r);
        EXPECT_EQ(r.colour.cols, w);
        EXPECT_EQ(r.colour.rows, h);
        if (w > 0 && h > 0) {
            EXPECT_GE(r.covered.size(), 1u) << w << "x" << h;
        }
    }
}

TEST(RenderRasterizer, DepthUnprojectsOntoTheVisibleFace) {
    const core::Mesh face = test::bumpy_face(20, 14.f);
    const Scene scene = test::face_scene(&face, nullptr, 120, 100);
    Rendering r;
    render(scene, {}, &r);
    ASSERT_GT(r.covered.size(), 3000u);
    double worst = 0.0;
    for (int i : r.covered) {
        const int x = i % 120, y = i / 120;
        const Eigen::Vector3f P =
            scene.camera.unproject(Eigen::Vector2f(x, y), r.depth.ptr<float>()[i]);
        const int t = r.triangle.ptr<int>()[i];
        const cv::Vec3f b = r.barycentric.at<cv::Vec3f>(y, x);
        Eigen::Vector3f Q = Eigen::Vector3f::Zero();
        for (int k = 0; k < 3; ++k)
            Q += b[k] * r.vertices.position_cam.row(face.F(t, k)).transpose();
        worst = std::max(worst, static_cast<double>((P - Q).norm()));
        // and back: the surface point projects onto its pixel
        ASSERT_LT((scene.camera.project(Q) - Eigen::Vector2f(x, y)).norm(), 2e-3f);
    }
    EXPECT_LT(worst, 2e-4 * 40.0);
}

TEST(RenderRasterizer, BarycentricsArePerspectiveCorrect) {
    const core::Mesh face = test::bumpy_face(6, 14.f);  // large faces, strong perspective
    Scene scene = test::face_scene(&face, nullptr, 100, 100);
    scene.pose.rotation = Eigen::Vector3f(0.f, 0.9f, 0.f);
    scene.pose.translation_cm.z() = -18.f;
    Rendering r;
    render(scene, {}, &r);
    const test::ReferenceParams p = test::reference_params(scene);
    const Eigen::Matrix3d R = test::rodrigues(p.omega);
    double worst = 0.0;
    for (int i : r.covered) {
        const int x = i % 100, y = i / 100, t = r.triangle.ptr<int>()[i];
        Eigen::Vector3d P[3];
        for (int k = 0; k < 3; ++k)
            P[k] = R * p.X.row(face.F(t, k)).transpose() + p.t;
        const Eigen::Vector3d d((x - p.cx) / p.focal, -(y - p.cy) / p.focal, -1.0);
        const Eigen::Vector3d N = (P[1] - P[0]).cross(P[2] - P[0]);
        const Eigen::Vector3d hit = (N.dot(P[0]) / N.dot(d)) * d;
        const cv::Vec3f b = r.barycentric.at<cv::Vec3f>(y, x);
        for (int k = 0; k < 3; ++k) {
            const double ref =
                (P[(k + 1) % 3] - hit).cross(P[(k + 2) % 3] - hit).dot(N) / N.squaredNorm();
            worst = std::max(worst, std::abs(ref - b[k]));
            EXPECT_GE(b[k], -1e-5f);
        }
    }
    EXPECT_LT(worst, 1e-4);
}

TEST(RenderRasterizer, ResultDoesNotDependOnTheThreadCount) {
    const core::Mesh face = test::bumpy_face(30, 14.f);
    const Scene scene = test::face_scene(&face, nullptr, 160, 160);
    Rendering one, many;
    RenderOptions parallel;
    parallel.min_pixels_for_threads = 0;
    const int threads = omp_get_max_threads();
    omp_set_num_threads(1);
    render(scene, parallel, &one);
    omp_set_num_threads(std::max(2, threads));
    render(scene, parallel, &many);
    omp_set_num_threads(threads);
    EXPECT_TRUE(many.threaded);
    EXPECT_EQ(one.raster.triangle, many.raster.triangle);
    EXPECT_EQ(cv::norm(one.colour, many.colour, cv::NORM_INF), 0.0);
}

}  // namespace
}  // namespace likeness::render
