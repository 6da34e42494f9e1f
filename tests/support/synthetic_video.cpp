#include "tests/support/synthetic_video.hpp"

#include <fstream>
#include <iterator>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>
#include <random>
#include <vector>

namespace likeness::test {

cv::Mat pattern_frame(int i, cv::Size size) {
    cv::Mat rgb(size, CV_8UC3);
    for (int y = 0; y < size.height; ++y)
        for (int x = 0; x < size.width; ++x)
            rgb.at<cv::Vec3b>(y, x) = cv::Vec3b(static_cast<uchar>(255 * x / size.width),
                                                static_cast<uchar>(255 * y / size.height),
                                                static_cast<uchar>((i * 7) % 256));
    const int side = size.width / 6;
    const int x0 = (i * 5) % (size.width - side);
    cv::rectangle(rgb, cv::Rect(x0, size.height / 3, side, side), cv::Scalar(255, 255, 255),
                  cv::FILLED);
    return rgb;
}

bool write_pattern_video(const std::string& path, const std::string& fourcc, int frames, double fps,
                         cv::Size size) {
    cv::VideoWriter writer(path, cv::CAP_FFMPEG,
                           cv::VideoWriter::fourcc(fourcc[0], fourcc[1], fourcc[2], fourcc[3]), fps,
                           size);
    if (!writer.isOpened()) return false;
    cv::Mat bgr;
    for (int i = 0; i < frames; ++i) {
        cv::cvtColor(pattern_frame(i, size), bgr, cv::COLOR_RGB2BGR);
        writer.write(bgr);
    }
    return true;
}

namespace {
std::vector<char> read_all(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::vector<char>(std::istreambuf_iterator<char>(in), {});
}
void write_all(const std::string& path, const std::vector<char>& bytes) {
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}
}  // namespace

void truncate_copy(const std::string& from, const std::string& to, double fraction) {
    std::vector<char> bytes = read_all(from);
    bytes.resize(static_cast<size_t>(bytes.size() * fraction));
    write_all(to, bytes);
}

void corrupt_copy(const std::string& from, const std::string& to, double fraction, size_t count) {
    std::vector<char> bytes = read_all(from);
    std::mt19937 rng(1234);
    const size_t start = static_cast<size_t>(bytes.size() * fraction);
    for (size_t i = start; i < std::min(bytes.size(), start + count); ++i)
        bytes[i] = static_cast<char>(rng() & 0xFF);
    write_all(to, bytes);
}

}  // namespace likeness::test
