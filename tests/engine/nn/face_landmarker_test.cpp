// The face front end end to end: pre-processing against the reference tensors, landmarks
// against the reference from test_face.png, and awkward frames (no face, tiny face, grey,
// 16-bit, float, 8K, several faces) that must give clear results.
#include "engine/nn/face_landmarker.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "engine/nn/image_sampling.hpp"
#include "engine/nn/mesh_landmark_indices.hpp"
#include "tests/engine/nn/reference_data.hpp"

namespace likeness::nn {
namespace {

using test::kReference;

class FaceLandmarkerTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        const auto models = test::installed_models();
        if (models) landmarker_ = std::make_unique<FaceLandmarker>(*models);
        const auto png = likeness::test::shared_file(kReference + "test_face.png");
        if (png) {
            const cv::Mat bgr = cv::imread(*png, cv::IMREAD_COLOR);
            cv::cvtColor(bgr, face_rgb_, cv::COLOR_BGR2RGB);
        }
    }
    static void TearDownTestSuite() { landmarker_.reset(); }

    void SetUp() override {
        if (!landmarker_) GTEST_SKIP() << "model files not installed (run packaging/setup.sh)";
        if (face_rgb_.empty())
            GTEST_SKIP() << likeness::test::missing_shared_message(kReference + "test_face.png");
    }

    static std::unique_ptr<FaceLandmarker> landmarker_;
    static cv::Mat face_rgb_;  // 520x640 RGB, one face
};
std::unique_ptr<FaceLandmarker> FaceLandmarkerTest::landmarker_;
cv::Mat FaceLandmarkerTest::face_rgb_;

double max_abs_diff(const float* a, const std::vector<float>& b) {
    double worst = 0.0;
    for (std::size_t k = 0; k < b.size(); ++k)
        worst = std::max(worst, std::abs(static_cast<double>(a[k]) - b[k]));
    return worst;
}

/// Largest |Δx|, |Δy| between two 468-point meshes.
double max_xy_error(const MeshPoints& a, const MeshPoints& b) {
    return (a.leftCols<2>() - b.leftCols<2>()).cwiseAbs().maxCoeff();
}

/// Mean 2-D distance between two meshes.
double mean_xy_error(const MeshPoints& a, const MeshPoints& b) {
    return (a.leftCols<2>() - b.leftCols<2>()).rowwise().norm().mean();
}

TEST_F(FaceLandmarkerTest, DetectorInputMatchesReferenceTensor) {
    LIKENESS_REQUIRE_SHARED(path, kReference + "ref_det_input_1x256x256x3.f32");
    const std::vector<float> expected = test::read_f32(path);
    std::vector<float> input(256 * 256 * 3);
    landmarker_->detector().make_input(face_rgb_, input.data());
    ASSERT_EQ(input.size(), expected.size());
    EXPECT_LT(max_abs_diff(input.data(), expected), 1e-6);
}

TEST_F(FaceLandmarkerTest, DetectionMatchesReference) {
    const auto faces = landmarker_->detect(face_rgb_);
    ASSERT_EQ(faces.size(), 1u);
    const FaceDetection& face = faces[0];
    EXPECT_EQ(face.anchor, 722);
    EXPECT_NEAR(face.score, 0.8809697, 1e-4);
    EXPECT_NEAR(face.raw_box.x0, 103.43141675, 2e-3);
    EXPECT_NEAR(face.raw_box.y0, 224.59056318, 2e-3);
    EXPECT_NEAR(face.raw_box.x1, 310.31156063, 2e-3);
    EXPECT_NEAR(face.raw_box.y1, 479.21195447, 2e-3);
    EXPECT_NEAR(face.keypoints[0].x(), 154.72760797, 2e-3);
    EXPECT_NEAR(face.keypoints[5].y(), 338.75647545, 2e-3);
    EXPECT_EQ(face.crop.x0, 29);
    EXPECT_EQ(face.crop.y0, 174);
    EXPECT_EQ(face.crop.x1, 385);
    EXPECT_EQ(face.crop.y1, 530);
}

TEST_F(FaceLandmarkerTest, MeshInputMatchesReferenceTensor) {
    LIKENESS_REQUIRE_SHARED(path, kReference + "ref_mesh_input_1x192x192x3.f32");
    const std::vector<float> expected = test::read_f32(path);
    landmarker_->mesh().run(face_rgb_, Box{29, 174, 385, 530});
    const std::vector<float>& input = landmarker_->mesh().last_input();
    ASSERT_EQ(input.size(), expected.size());
    EXPECT_LT(max_abs_diff(input.data(), expected), 1e-6);
}

TEST_F(FaceLandmarkerTest, EndToEndLandmarksMatchReference) {
    LIKENESS_REQUIRE_SHARED(path, kReference + "ref_landmarks_image.txt");
    const std::vector<double> expected = test::read_numbers(path);
    ASSERT_EQ(expected.size(), 468u * 3);
    const auto result = landmarker_->find_face(face_rgb_);
    ASSERT_TRUE(result.has_value());
    const FrameLandmarks& lm = *result;
    ASSERT_EQ(lm.mesh.rows(), 468);
    EXPECT_GT(lm.face_flag, 0.99f);
    EXPECT_NEAR(lm.detector_score, 0.881f, 1e-3);
    const double z_scale = lm.box.width() / 192.0;  // reference z is in crop units
    double worst_xy = 0.0, worst_z = 0.0;
    for (int k = 0; k < 468; ++k) {
        worst_xy = std::max({worst_xy, std::abs(lm.mesh(k, 0) - expected[3 * k]),
                             std::abs(lm.mesh(k, 1) - expected[3 * k + 1])});
        worst_z = std::max(worst_z, std::abs(lm.mesh(k, 2) / z_scale - expected[3 * k + 2]));
    }
    EXPECT_LT(worst_xy, 0.05) << "max |error| in image px";
    EXPECT_LT(worst_z, 0.05) << "max |z error| in crop px";
    RecordProperty("max_xy_error_px", std::to_string(worst_xy));
}

TEST_F(FaceLandmarkerTest, IrisAndIbug68AreWhereTheEyesAre) {
    const auto lm = landmarker_->find_face(face_rgb_);
    ASSERT_TRUE(lm && lm->has_iris);
    ASSERT_EQ(lm->iris_left.rows(), 5);
    ASSERT_EQ(lm->eye_contour_right.rows(), 71);
    const std::pair<const MeshPoints*, std::array<int, 2>> eyes[] = {
        {&lm->iris_left, kLeftEyeCorners}, {&lm->iris_right, kRightEyeCorners}};
    for (const auto& [iris, corners] : eyes) {
        const Eigen::Vector2f a = lm->mesh.row(corners[0]).head<2>(),
                              b = lm->mesh.row(corners[1]).head<2>();
        const Eigen::Vector2f centre = iris->row(0).head<2>();
        const float eye_width = (a - b).norm();
        // The iris centre lies between the corners, the rim ~ a fifth of the eye width away.
        EXPECT_LT((centre - (a + b) / 2).norm(), 0.3f * eye_width);
        for (int k = 1; k < 5; ++k) {
            const float radius = (iris->row(k).head<2>() - iris->row(0).head<2>()).norm();
            EXPECT_GT(radius, 0.08f * eye_width);
            EXPECT_LT(radius, 0.4f * eye_width);
        }
    }
    // Subject's left eye is on the image's right.
    EXPECT_GT(lm->iris_left(0, 0), lm->iris_right(0, 0));
    const MeshPoints ibug = lm->ibug68();
    ASSERT_EQ(ibug.rows(), 68);
    EXPECT_EQ(ibug.row(30), lm->mesh.row(4));         // nose tip
    EXPECT_LT(ibug(8, 1), lm->mesh.row(4)(1) + 200);  // chin below the nose, within the face
    EXPECT_GT(ibug(8, 1), lm->mesh.row(4)(1));
}

TEST_F(FaceLandmarkerTest, MirroredImageSwapsEyes) {
    cv::Mat mirrored;
    cv::flip(face_rgb_, mirrored, 1);
    const auto a = landmarker_->find_face(face_rgb_);
    const auto b = landmarker_->find_face(mirrored);
    ASSERT_TRUE(a && b);
    const float w = static_cast<float>(face_rgb_.cols);
    // Pixel centres map x → w − 1 − x; resampling and JS-rounded boxes differ a little.
    EXPECT_NEAR(b->iris_left(0, 0), w - 1 - a->iris_right(0, 0), 2.5f);
    EXPECT_NEAR(b->iris_left(0, 1), a->iris_right(0, 1), 2.5f);
    EXPECT_NEAR(b->iris_right(0, 0), w - 1 - a->iris_left(0, 0), 2.5f);
}

TEST_F(FaceLandmarkerTest, NextCropBoxFollowsTheFace) {
    const auto first = landmarker_->find_face(face_rgb_);
    ASSERT_TRUE(first);
    const Box next = next_crop_box(*first);
    const Box bounds = first->mesh_bounds();
    EXPECT_NEAR(next.width(), kFollowScale * std::max(bounds.width(), bounds.height()), 1e-9);
    EXPECT_NEAR(next.height(), next.width(), 1e-9);
    EXPECT_NEAR(next.center_x(), bounds.center_x(), 1e-9);
    EXPECT_NEAR(next.center_y(), bounds.center_y(), 1e-9);
    // Re-running on the followed box (shifted ~6 px here) gives nearly the same landmarks:
    // FaceMesh moves by about a pixel when its crop moves, so tracking is stable.
    const FrameLandmarks again = landmarker_->landmarks(face_rgb_, next);
    EXPECT_LT(mean_xy_error(again.mesh, first->mesh), 2.5);
    EXPECT_LT(max_xy_error(again.mesh, first->mesh), 6.0);
    EXPECT_GT(again.face_flag, 0.99f);
    EXPECT_EQ(again.detector_score, -1.0f);
}

TEST_F(FaceLandmarkerTest, NoFaceGivesNoDetectionAndLowFlag) {
    const cv::Mat blank(480, 640, CV_8UC3, cv::Scalar(128, 128, 128));
    EXPECT_TRUE(landmarker_->detect(blank).empty());
    EXPECT_FALSE(landmarker_->find_face(blank).has_value());
    const FrameLandmarks lm = landmarker_->landmarks(blank, Box{100, 100, 300, 300});
    EXPECT_LT(lm.face_flag, 0.5f);
    EXPECT_TRUE(lm.mesh.allFinite());

    cv::Mat noise(480, 640, CV_8UC3);
    cv::randu(noise, cv::Scalar::all(0), cv::Scalar::all(255));
    for (const FaceDetection& face : landmarker_->detect(noise))
        EXPECT_LT(face.score, 0.9f);
    EXPECT_LT(landmarker_->landmarks(noise, Box{0, 0, 640, 640}).face_flag, 0.5f);

    // A box entirely outside the frame reads only zeros: no crash, no face.
    EXPECT_LT(landmarker_->landmarks(blank, Box{-5000, -5000, -4000, -4000}).face_flag, 0.5f);

    // Degenerate frame sizes.
    for (const cv::Size size : {cv::Size(1, 1), cv::Size(3, 2), cv::Size(1, 900)}) {
        const cv::Mat tiny(size, CV_8UC3, cv::Scalar(10, 200, 30));
        EXPECT_TRUE(landmarker_->detect(tiny).empty()) << size;
        EXPECT_TRUE(landmarker_->landmarks(tiny, Box{0, 0, 1, 1}).mesh.allFinite());
    }
}

TEST_F(FaceLandmarkerTest, RegionOfInterestViewsAreRead) {
    // A non-continuous view into a larger frame gives the same result as a copy of it.
    cv::Mat frame(900, 1000, CV_8UC3, cv::Scalar(0, 0, 0));
    face_rgb_.copyTo(frame(cv::Rect(300, 100, face_rgb_.cols, face_rgb_.rows)));
    const cv::Mat view = frame(cv::Rect(300, 100, face_rgb_.cols, face_rgb_.rows));
    ASSERT_FALSE(view.isContinuous());
    const auto a = landmarker_->find_face(view);
    const auto b = landmarker_->find_face(face_rgb_);
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a->mesh, b->mesh);
}

TEST_F(FaceLandmarkerTest, CopiesRunInParallelThreads) {
    // Copies share the weights but not their memory: one per thread gives identical results.
    const FrameLandmarks expected = *landmarker_->find_face(face_rgb_);
    std::vector<FaceLandmarker> copies(4, *landmarker_);
    std::vector<MeshPoints> results(copies.size());
#pragma omp parallel for num_threads(2)
    for (int k = 0; k < static_cast<int>(copies.size()); ++k)
        results[static_cast<std::size_t>(k)] =
            copies[static_cast<std::size_t>(k)].landmarks(face_rgb_, expected.box).mesh;
    for (const MeshPoints& mesh : results)
        EXPECT_EQ(mesh, expected.mesh);
}

TEST_F(FaceLandmarkerTest, TinyFaceIsHandled) {
    cv::Mat canvas(720, 1280, CV_8UC3, cv::Scalar(90, 100, 110)), tiny;
    cv::resize(face_rgb_, tiny, cv::Size(26, 32), 0, 0, cv::INTER_AREA);
    tiny.copyTo(canvas(cv::Rect(600, 300, tiny.cols, tiny.rows)));
    const auto faces = landmarker_->detect(canvas);  // likely none: 256-px input sees ~6 px
    for (const FaceDetection& face : faces) {
        const FrameLandmarks lm = landmarker_->landmarks(canvas, face);
        EXPECT_TRUE(lm.mesh.allFinite());
    }
    // Given the box, the mesh still runs on the tiny face.
    const FrameLandmarks lm = landmarker_->landmarks(canvas, Box{595, 300, 631, 336});
    EXPECT_TRUE(lm.mesh.allFinite());
    EXPECT_EQ(lm.mesh.rows(), 468);
}

TEST_F(FaceLandmarkerTest, GreySixteenBitAndFloatFrames) {
    const auto reference = landmarker_->find_face(face_rgb_);
    ASSERT_TRUE(reference);

    cv::Mat wide, as_float;
    face_rgb_.convertTo(wide, CV_16UC3, 257.0);
    face_rgb_.convertTo(as_float, CV_32FC3);
    for (const cv::Mat& frame : {wide, as_float}) {
        const auto lm = landmarker_->find_face(frame);
        ASSERT_TRUE(lm);
        EXPECT_LT(max_xy_error(lm->mesh, reference->mesh), 1e-3) << cv::typeToString(frame.type());
    }

    cv::Mat grey;
    cv::cvtColor(face_rgb_, grey, cv::COLOR_RGB2GRAY);
    const auto lm = landmarker_->find_face(grey);
    ASSERT_TRUE(lm);
    EXPECT_GT(lm->face_flag, 0.9f);
    EXPECT_LT(max_xy_error(lm->mesh, reference->mesh), 8.0);  // colour matters a little

    EXPECT_THROW(landmarker_->detect(cv::Mat()), std::invalid_argument);
    EXPECT_THROW(landmarker_->detect(cv::Mat(10, 10, CV_64FC3, cv::Scalar::all(0))),
                 std::invalid_argument);
    EXPECT_THROW(landmarker_->detect(cv::Mat(10, 10, CV_8UC2, cv::Scalar::all(0))),
                 std::invalid_argument);
    EXPECT_THROW(landmarker_->landmarks(face_rgb_, Box{10, 10, 10, 50}), std::invalid_argument);
    EXPECT_THROW(landmarker_->landmarks(face_rgb_, Box{NAN, 10, 20, 50}), std::invalid_argument);
}

TEST_F(FaceLandmarkerTest, EightKFrame) {
    // The photo upscaled 6.75x (3510x4320) inside a 7680x4320 frame.
    const double scale = 6.75;
    const int left = 2000;
    cv::Mat big, frame(4320, 7680, CV_8UC3, cv::Scalar(40, 40, 40));
    cv::resize(face_rgb_, big, cv::Size(), scale, scale, cv::INTER_LINEAR);
    big.copyTo(frame(cv::Rect(left, 0, big.cols, big.rows)));
    big.release();
    // Photo pixel → frame pixel (pixel centres: x_frame + 0.5 = scale · (x + 0.5)).
    auto to_frame = [&](double x, double offset) { return (x + 0.5) * scale - 0.5 + offset; };
    const auto reference = landmarker_->find_face(face_rgb_);
    ASSERT_TRUE(reference);

    const auto faces = landmarker_->detect(frame);
    ASSERT_EQ(faces.size(), 1u);
    const FrameLandmarks lm = landmarker_->landmarks(frame, faces[0]);
    EXPECT_GT(lm.face_flag, 0.99f);
    // The 16:9 frame is squashed into the square detector input (as human does), which makes
    // the box larger than on the photo; its centre stays on the face.
    const double side = reference->box.width() * scale;
    EXPECT_NEAR(lm.box.center_x(), to_frame(reference->box.center_x(), left), 0.1 * side);
    EXPECT_NEAR(lm.box.center_y(), to_frame(reference->box.center_y(), 0), 0.1 * side);
    EXPECT_TRUE(lm.mesh.allFinite());

    // With the photo's crop box carried over, the mesh agrees to resampling accuracy.
    const Box box{to_frame(reference->box.x0, left), to_frame(reference->box.y0, 0),
                  to_frame(reference->box.x1, left), to_frame(reference->box.y1, 0)};
    const FrameLandmarks same_box = landmarker_->landmarks(frame, box);
    MeshPoints in_photo = same_box.mesh;
    for (int k = 0; k < 468; ++k) {
        in_photo(k, 0) = static_cast<float>((same_box.mesh(k, 0) - left + 0.5) / scale - 0.5);
        in_photo(k, 1) = static_cast<float>((same_box.mesh(k, 1) + 0.5) / scale - 0.5);
    }
    EXPECT_LT(mean_xy_error(in_photo, reference->mesh), 1.0) << "mean difference, photo px";
}

TEST_F(FaceLandmarkerTest, SeveralFacesAreAllFound) {
    cv::Mat small, frame(700, 1300, CV_8UC3, cv::Scalar(200, 200, 200));
    face_rgb_.copyTo(frame(cv::Rect(700, 30, face_rgb_.cols, face_rgb_.rows)));
    cv::resize(face_rgb_, small, cv::Size(), 0.6, 0.6, cv::INTER_AREA);
    small.copyTo(frame(cv::Rect(80, 200, small.cols, small.rows)));
    const auto faces = landmarker_->detect(frame);
    ASSERT_EQ(faces.size(), 2u);
    const FaceDetection& big = faces[largest_face(faces)];
    EXPECT_GT(big.crop.center_x(), 700);
    const auto by_index = landmarker_->find_face(frame, faces[0].crop.center_x() < 650 ? 0 : 1);
    ASSERT_TRUE(by_index);
    EXPECT_LT(by_index->box.center_x(), 650);  // the small face, picked by index
    EXPECT_FALSE(landmarker_->find_face(frame, 2).has_value());
}

}  // namespace
}  // namespace likeness::nn
