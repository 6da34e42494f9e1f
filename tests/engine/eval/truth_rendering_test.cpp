// The bench's perfect face parser (truth_rendering.hpp): the fitter's parsing code drawn on a
// subject's true surface lands where the true landmarks' polygons are, and follows the face.
#include "engine/eval/truth_rendering.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "engine/fit/crop_window.hpp"
#include "engine/fit/parsing_term.hpp"
#include "tests/engine/face/template_fixture.hpp"

namespace likeness::eval {
namespace {

/// RMS code difference of two parsing images over the pixels where either shows a part.
double part_rms(const cv::Mat& a, const cv::Mat& b, cv::Vec3d* sum_a, cv::Vec3d* sum_b) {
    double d2 = 0.0;
    int n = 0;
    *sum_a = *sum_b = cv::Vec3d(0, 0, 0);
    for (int y = 0; y < a.rows; ++y)
        for (int x = 0; x < a.cols; ++x) {
            const cv::Vec3f p = a.at<cv::Vec3f>(y, x), q = b.at<cv::Vec3f>(y, x);
            for (int c = 0; c < 3; ++c) {
                (*sum_a)[c] += p[c];
                (*sum_b)[c] += q[c];
            }
            if (p[0] + p[1] + p[2] < 0.05f && q[0] + q[1] + q[2] < 0.05f) continue;
            d2 += cv::norm(p - q, cv::NORM_L2SQR);
            ++n;
        }
    return n ? std::sqrt(d2 / n) : 0.0;
}

TEST(EvalTruthRendering, TrueParsingSitsOnTheTrueLandmarksPolygons) {
    LIKENESS_NEED_TEMPLATE(rig);
    SubjectOptions o;
    o.seed = 5;
    const SyntheticSubject subject = make_subject(*rig, o);
    const core::Camera camera = core::Camera::centered(320, 320, 420.f);
    GroundTruthFrame frame;
    frame.w.fill(0.f);
    frame.pose.rotation = Eigen::Vector3f(0.05f, 0.25f, 0.02f);
    frame.pose.translation_cm = Eigen::Vector3f(0.3f, 0.8f, -40.f);
    const core::MatrixX3fR V = subject.vertices(frame.w.data());
    core::MatrixX2fR landmarks(468, 2);
    for (int i = 0; i < 468; ++i)
        landmarks.row(i) = camera.project(frame.pose.to_camera(V.row(i).transpose())).transpose();

    const fit::CropWindow window = fit::crop_window_around(landmarks, 128, 1.25f);
    core::MatrixX2fR in_crop(468, 2);
    for (int i = 0; i < 468; ++i)
        in_crop.row(i) = window.to_crop(landmarks.row(i).transpose()).transpose();
    const cv::Mat code = fit::parsing_code_texture(rig->parsing_uv, 256);
    const cv::Mat truth = render_truth_texture(subject, frame, window.crop_camera(camera), code);
    ASSERT_EQ(truth.type(), CV_32FC3);
    ASSERT_EQ(truth.size(), cv::Size(128, 128));
    EXPECT_EQ(truth.at<cv::Vec3f>(0, 0), cv::Vec3f(0.f, 0.f, 0.f)) << "nothing off the face";

    cv::Vec3d s_truth, s_polygons;
    const double rms = part_rms(truth, fit::parsing_target(in_crop, 128), &s_truth, &s_polygons);
    EXPECT_LT(rms, 0.25) << "the two parsers agree up to the polygons' straight edges";
    for (int c = 0; c < 3; ++c) {
        EXPECT_GT(s_truth[c], 20.0) << "channel " << c << " (lips, eyes, brows) is drawn";
        EXPECT_NEAR(s_truth[c] / s_polygons[c], 1.0, 0.35) << "channel " << c;
    }

    // The face moved by 1 cm: the drawing moves with it, far beyond that agreement.
    GroundTruthFrame moved = frame;
    moved.pose.translation_cm.x() += 1.f;
    cv::Vec3d s_moved, unused;
    const double moved_rms =
        part_rms(render_truth_texture(subject, moved, window.crop_camera(camera), code),
                 fit::parsing_target(in_crop, 128), &s_moved, &unused);
    EXPECT_GT(moved_rms, 2.0 * rms);
}

}  // namespace
}  // namespace likeness::eval
