#include "engine/nn/image_sampling.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace likeness::nn {
namespace {

/// Reads pixel (y, x) of an 8/16/32-bit, 1/3/4-channel frame as RGB on the 0..255 scale.
template <typename T>
struct PixelReader {
    const cv::Mat& frame;
    int channels;
    double to_255;  // 16-bit values are rescaled, others are already 0..255

    void rgb(int y, int x, double out[3]) const {
        const T* p = frame.ptr<T>(y) + static_cast<std::ptrdiff_t>(x) * channels;
        if (channels == 1) {
            out[0] = out[1] = out[2] = p[0] * to_255;
        } else {
            out[0] = p[0] * to_255;
            out[1] = p[1] * to_255;
            out[2] = p[2] * to_255;
        }
    }
};

/// Calls body(reader) with the PixelReader matching the frame's depth.
template <typename Body>
void with_reader(const cv::Mat& frame, Body&& body) {
    const int channels = frame.channels();
    switch (frame.depth()) {
        case CV_8U:
            body(PixelReader<std::uint8_t>{frame, channels, 1.0});
            break;
        case CV_16U:
            body(PixelReader<std::uint16_t>{frame, channels, 255.0 / 65535.0});
            break;
        default:
            body(PixelReader<float>{frame, channels, 1.0});
            break;
    }
}

/// Reads RGB from a packed h × w × 3 float image.
struct FloatReader {
    const float* image;
    int w;
    void rgb(int y, int x, double out[3]) const {
        const float* p = image + (static_cast<std::ptrdiff_t>(y) * w + x) * 3;
        out[0] = p[0];
        out[1] = p[1];
        out[2] = p[2];
    }
};

/// tfjs bilinear blend: interpolate along x on both rows, then along y.
template <typename Reader>
void blend(const Reader& reader, int top, int bottom, double y_lerp, int left, int right,
           double x_lerp, double out[3]) {
    double tl[3], tr[3], bl[3], br[3];
    reader.rgb(top, left, tl);
    reader.rgb(top, right, tr);
    reader.rgb(bottom, left, bl);
    reader.rgb(bottom, right, br);
    for (int c = 0; c < 3; ++c) {
        const double t = tl[c] + (tr[c] - tl[c]) * x_lerp;
        const double b = bl[c] + (br[c] - bl[c]) * x_lerp;
        out[c] = t + (b - t) * y_lerp;
    }
}

template <typename Reader>
void crop_with(const Reader& reader, int h, int w, const NormalizedBox& box, int out_w, int out_h,
               float divisor, float* out) {
    // The box arrives as a float32 tensor in tfjs; its coordinates are used as float32 values.
    const double y1 = box.y1, x1 = box.x1, y2 = box.y2, x2 = box.x2;
    const double height_scale = out_h > 1 ? (y2 - y1) * (h - 1) / (out_h - 1) : 0.0;
    const double width_scale = out_w > 1 ? (x2 - x1) * (w - 1) / (out_w - 1) : 0.0;
    for (int y = 0; y < out_h; ++y) {
        float* row = out + static_cast<std::ptrdiff_t>(y) * out_w * 3;
        const double y_in = out_h > 1 ? y1 * (h - 1) + y * height_scale : 0.5 * (y1 + y2) * (h - 1);
        if (!(y_in >= 0 && y_in <= h - 1)) {  // also catches NaN
            std::fill(row, row + out_w * 3, 0.0f);
            continue;
        }
        const int top = static_cast<int>(std::floor(y_in));
        const int bottom = static_cast<int>(std::ceil(y_in));
        const double y_lerp = y_in - top;
        for (int x = 0; x < out_w; ++x) {
            const double x_in =
                out_w > 1 ? x1 * (w - 1) + x * width_scale : 0.5 * (x1 + x2) * (w - 1);
            float* px = row + x * 3;
            if (!(x_in >= 0 && x_in <= w - 1)) {
                px[0] = px[1] = px[2] = 0.0f;
                continue;
            }
            const int left = static_cast<int>(std::floor(x_in));
            const int right = static_cast<int>(std::ceil(x_in));
            double v[3];
            blend(reader, top, bottom, y_lerp, left, right, x_in - left, v);
            for (int c = 0; c < 3; ++c)
                px[c] = static_cast<float>(v[c]) / divisor;
        }
    }
}

}  // namespace

void check_frame(const cv::Mat& frame) {
    if (frame.empty() || frame.rows < 1 || frame.cols < 1)
        throw std::invalid_argument("the image is empty");
    const int depth = frame.depth(), channels = frame.channels();
    if ((depth != CV_8U && depth != CV_16U && depth != CV_32F) ||
        (channels != 1 && channels != 3 && channels != 4) || frame.dims != 2)
        throw std::invalid_argument(
            "unsupported image type " + cv::typeToString(frame.type()) +
            ": the face front end takes grey, RGB or RGBA images of 8-bit, 16-bit or float "
            "(0..255) values");
}

void resize_bilinear(const cv::Mat& frame, int out_w, int out_h, float divisor, float offset,
                     float* out) {
    check_frame(frame);
    const int h = frame.rows, w = frame.cols;
    const double row_ratio = static_cast<double>(h) / out_h;
    const double col_ratio = static_cast<double>(w) / out_w;
    with_reader(frame, [&](const auto& reader) {
        for (int y = 0; y < out_h; ++y) {
            const double src_y = row_ratio * y;
            const int top = std::max(0, static_cast<int>(std::floor(src_y)));
            const int bottom = std::min(h - 1, static_cast<int>(std::ceil(src_y)));
            const double y_lerp = src_y - top;
            for (int x = 0; x < out_w; ++x) {
                const double src_x = col_ratio * x;
                const int left = std::max(0, static_cast<int>(std::floor(src_x)));
                const int right = std::min(w - 1, static_cast<int>(std::ceil(src_x)));
                double v[3];
                blend(reader, top, bottom, y_lerp, left, right, src_x - left, v);
                float* px = out + (static_cast<std::ptrdiff_t>(y) * out_w + x) * 3;
                // As tfjs: the resized float32 tensor, then x / divisor + offset in float32.
                for (int c = 0; c < 3; ++c)
                    px[c] = static_cast<float>(v[c]) / divisor + offset;
            }
        }
    });
}

void crop_and_resize(const cv::Mat& frame, const NormalizedBox& box, int out_w, int out_h,
                     float divisor, float* out) {
    check_frame(frame);
    with_reader(frame, [&](const auto& reader) {
        crop_with(reader, frame.rows, frame.cols, box, out_w, out_h, divisor, out);
    });
}

void crop_and_resize(const float* image, int h, int w, const NormalizedBox& box, int out_w,
                     int out_h, float* out) {
    crop_with(FloatReader{image, w}, h, w, box, out_w, out_h, 1.0f, out);
}

}  // namespace likeness::nn
