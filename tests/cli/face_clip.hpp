#pragma once
// Short clips of a real face for the end-to-end tests of personalize / export / retarget: the
// demo photo (tests/support/face_images.hpp) drifting right across a grey frame, so the tracker
// sees motion; optionally one frame of bare wall, or no face at all.
#include <gtest/gtest.h>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>
#include <string>

#include "tests/support/face_images.hpp"

namespace likeness::test {

struct FaceClip {
    int frames = 6;
    double fps = 25.0;
    int gap_frame = -1;  ///< this frame shows no face (-1: none)
    bool faces = true;   ///< false: every frame is bare wall
};

/// Writes `clip` as an MJPG video (320 x 240) to `path`; `face` is demo_face()'s picture.
inline void write_face_clip(const std::string& path, const cv::Mat& face, const FaceClip& clip) {
    cv::VideoWriter writer(path, cv::CAP_FFMPEG, cv::VideoWriter::fourcc('M', 'J', 'P', 'G'),
                           clip.fps, cv::Size(320, 240));
    EXPECT_TRUE(writer.isOpened()) << path;
    cv::Mat bgr;
    for (int i = 0; i < clip.frames; ++i) {
        const cv::Mat rgb = clip.faces && i != clip.gap_frame
                                ? frame_with_face(face, 320, 240, 70 + 3 * i, 5, 0.33)
                                : cv::Mat(240, 320, CV_8UC3, cv::Scalar(120, 118, 115));
        cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
        writer.write(bgr);
    }
}

}  // namespace likeness::test
