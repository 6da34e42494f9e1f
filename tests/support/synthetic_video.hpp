#pragma once
// Videos and images the tests write themselves, so video tests need no shared data.
#include <opencv2/core/mat.hpp>
#include <string>

namespace likeness::test {

/// The RGB test pattern for frame i: a gradient plus a moving square, so frames differ and
/// seeks can be verified by content. size px, CV_8UC3 RGB.
cv::Mat pattern_frame(int i, cv::Size size);

/// Writes `frames` pattern frames with cv::VideoWriter; fourcc e.g. "mp4v" or "MJPG".
/// Returns false when this OpenCV build cannot write that combination.
bool write_pattern_video(const std::string& path, const std::string& fourcc, int frames, double fps,
                         cv::Size size);

/// Copies the first `fraction` of a file's bytes to `to` (a truncated download).
void truncate_copy(const std::string& from, const std::string& to, double fraction);
/// Copies a file and overwrites `count` bytes starting at `fraction` of its length with noise.
void corrupt_copy(const std::string& from, const std::string& to, double fraction, size_t count);

}  // namespace likeness::test
