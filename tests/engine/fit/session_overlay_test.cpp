// The overlay draws the session's model where the tracked parameters put it: over a frame
// rendered from the same model and parameters it reproduces the frame's face, and a frame
// without a face comes back unchanged.
#include "engine/fit/session_overlay.hpp"

#include <gtest/gtest.h>

#include <memory>

#include "engine/face/personal_model.hpp"
#include "tests/engine/face/template_fixture.hpp"
#include "tests/engine/fit/fit_test_scenes.hpp"

namespace likeness::fit {
namespace {

TEST(SessionOverlay, DrawsTheModelWhereTheTakePutsIt) {
    std::string why;
    const face::TemplateRig* rig = likeness::test::shared_template(&why);
    if (!rig) GTEST_SKIP() << why;
    Session s;
    s.model = face::personal_model_from_template(*rig, 128);
    s.camera = fit_test::frame_camera(160);
    s.width = s.height = 160;
    const FrameParameters p = fit_test::truth_parameters(s.model, s.camera, 0.8f);
    const fit_test::SyntheticFrame frame = fit_test::render_frame(s.model, p, s.camera);
    core::TakeFrame tf;
    for (int i = 0; i < s.model.shape_count(); ++i)
        tf.weights[static_cast<size_t>(i)] = p.w[i];
    tf.head_rotation = p.pose.rotation;
    tf.head_translation_cm = p.pose.translation_cm;
    s.take.frames = {tf, tf};
    s.take.frames[1].has_face = false;
    s.frames.resize(2);
    s.frames[0].has_face = true;
    s.frames[0].lighting = p.lighting;

    // A grey frame: the overlay at full opacity must reproduce the rendered face on it.
    const cv::Mat grey(160, 160, CV_8UC3, cv::Scalar(90, 94, 102));
    OverlayOptions o;
    o.opacity = 1.f;
    o.lines = false;
    const cv::Mat drawn = session_overlay(s, 0, grey, o);
    int face_pixels = 0;
    double worst = 0.0;
    for (int y = 0; y < 160; ++y)
        for (int x = 0; x < 160; ++x) {
            const cv::Vec3b a = drawn.at<cv::Vec3b>(y, x), g = grey.at<cv::Vec3b>(y, x);
            if (a == g) continue;
            ++face_pixels;
            const cv::Vec3b b = frame.rgb8.at<cv::Vec3b>(y, x);
            for (int c = 0; c < 3; ++c)
                worst = std::max(worst, std::abs(static_cast<double>(a[c]) - b[c]));
        }
    EXPECT_GT(face_pixels, 160 * 160 / 10);
    EXPECT_LE(worst, 2.0);

    // No face in frame 1, an index past the take: the frame as it was.
    EXPECT_EQ(cv::norm(session_overlay(s, 1, frame.rgb8), frame.rgb8, cv::NORM_INF), 0.0);
    EXPECT_EQ(cv::norm(session_overlay(s, 7, frame.rgb8), frame.rgb8, cv::NORM_INF), 0.0);
    // Lines are drawn on top of a face frame.
    EXPECT_GT(cv::norm(session_overlay(s, 0, frame.rgb8), frame.rgb8, cv::NORM_L1), 0.0);
}

}  // namespace
}  // namespace likeness::fit
