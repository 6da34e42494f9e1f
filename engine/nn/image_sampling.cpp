#include "engine/nn/image_sampling.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace likeness::nn {
namespace {

/// Reads RGB on the 0..255 scale from an 8/16/32-bit frame of `Channels` channels (1 = grey,
/// 3 = RGB, 4 = RGBA).
template <typename T, int Channels>
struct PixelReader {
    const cv::Mat& frame;
    double to_255;  // 16-bit values are rescaled, others are already 0..255

    const T* row(int y) const { return frame.ptr<T>(y); }
    void rgb(const T* row, int x, double out[3]) const {
        const T* p = row + static_cast<std::ptrdiff_t>(x) * Channels;
        if constexpr (Channels == 1) {
            out[0] = out[1] = out[2] = p[0] * to_255;
        } else {
            out[0] = p[0] * to_255;
            out[1] = p[1] * to_255;
            out[2] = p[2] * to_255;
        }
    }
};

template <typename T, typename Body>
void with_channels(const cv::Mat& frame, double to_255, Body&& body) {
    switch (frame.channels()) {
        case 1:
            body(PixelReader<T, 1>{frame, to_255});
            break;
        case 3:
            body(PixelReader<T, 3>{frame, to_255});
            break;
        default:
            body(PixelReader<T, 4>{frame, to_255});
            break;
    }
}

/// Calls body(reader) with the PixelReader matching the frame's type.
template <typename Body>
void with_reader(const cv::Mat& frame, Body&& body) {
    switch (frame.depth()) {
        case CV_8U:
            with_channels<std::uint8_t>(frame, 1.0, body);
            break;
        case CV_16U:
            with_channels<std::uint16_t>(frame, 255.0 / 65535.0, body);
            break;
        default:
            with_channels<float>(frame, 1.0, body);
            break;
    }
}

/// Reads RGB from a packed h × w × 3 float image.
struct FloatReader {
    const float* image;
    int w;
    const float* row(int y) const { return image + static_cast<std::ptrdiff_t>(y) * w * 3; }
    void rgb(const float* row, int x, double out[3]) const {
        const float* p = row + static_cast<std::ptrdiff_t>(x) * 3;
        out[0] = p[0];
        out[1] = p[1];
        out[2] = p[2];
    }
};

/// Where one output row or column samples: its two neighbours and the blend weight.
struct Tap {
    int lo = 0, hi = 0;
    double lerp = 0.0;
    bool inside = true;  ///< false: outside the image (cropAndResize extrapolates 0)
};

/// tfjs bilinear blend of one output pixel: interpolate along x on both rows, then along y.
template <typename Reader, typename Row>
void blend(const Reader& reader, const Row* top, const Row* bottom, double y_lerp, const Tap& x,
           double out[3]) {
    double tl[3], tr[3], bl[3], br[3];
    reader.rgb(top, x.lo, tl);
    reader.rgb(top, x.hi, tr);
    reader.rgb(bottom, x.lo, bl);
    reader.rgb(bottom, x.hi, br);
    for (int c = 0; c < 3; ++c) {
        const double t = tl[c] + (tr[c] - tl[c]) * x.lerp;
        const double b = bl[c] + (br[c] - bl[c]) * x.lerp;
        out[c] = t + (b - t) * y_lerp;
    }
}

/// resizeBilinear taps (no half-pixel centres): source = ratio · destination, clamped.
std::vector<Tap> resize_taps(int in, int out) {
    std::vector<Tap> taps(static_cast<std::size_t>(out));
    const double ratio = static_cast<double>(in) / out;
    for (int k = 0; k < out; ++k) {
        const double src = ratio * k;
        Tap& t = taps[static_cast<std::size_t>(k)];
        t.lo = std::max(0, static_cast<int>(std::floor(src)));
        t.hi = std::min(in - 1, static_cast<int>(std::ceil(src)));
        t.lerp = src - t.lo;
    }
    return taps;
}

/// cropAndResize taps for normalised span [a, b] of an axis of `in` pixels.
std::vector<Tap> crop_taps(double a, double b, int in, int out) {
    std::vector<Tap> taps(static_cast<std::size_t>(out));
    const double scale = out > 1 ? (b - a) * (in - 1) / (out - 1) : 0.0;
    for (int k = 0; k < out; ++k) {
        const double src = out > 1 ? a * (in - 1) + k * scale : 0.5 * (a + b) * (in - 1);
        Tap& t = taps[static_cast<std::size_t>(k)];
        t.inside = src >= 0 && src <= in - 1;  // also false for NaN
        if (!t.inside) continue;
        t.lo = static_cast<int>(std::floor(src));
        t.hi = static_cast<int>(std::ceil(src));
        t.lerp = src - t.lo;
    }
    return taps;
}

/// Samples rows × columns taps; each value is stored as float32 v / divisor + offset (as the
/// tfjs tensor ops do); extrapolated pixels are exactly 0.
template <typename Reader>
void sample(const Reader& reader, const std::vector<Tap>& rows, const std::vector<Tap>& cols,
            float divisor, float offset, float* out) {
    const int out_w = static_cast<int>(cols.size());
    for (std::size_t y = 0; y < rows.size(); ++y) {
        float* px = out + y * static_cast<std::size_t>(out_w) * 3;
        const Tap& ty = rows[y];
        if (!ty.inside) {
            std::fill(px, px + out_w * 3, 0.0f);
            continue;
        }
        const auto* top = reader.row(ty.lo);
        const auto* bottom = reader.row(ty.hi);
        for (const Tap& tx : cols) {
            if (!tx.inside) {
                px[0] = px[1] = px[2] = 0.0f;
            } else {
                double v[3];
                blend(reader, top, bottom, ty.lerp, tx, v);
                for (int c = 0; c < 3; ++c)
                    px[c] = static_cast<float>(v[c]) / divisor + offset;
            }
            px += 3;
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
    const std::vector<Tap> rows = resize_taps(frame.rows, out_h),
                           cols = resize_taps(frame.cols, out_w);
    with_reader(frame,
                [&](const auto& reader) { sample(reader, rows, cols, divisor, offset, out); });
}

void crop_and_resize(const cv::Mat& frame, const NormalizedBox& box, int out_w, int out_h,
                     float divisor, float* out) {
    check_frame(frame);
    // The box arrives as a float32 tensor in tfjs; its coordinates are used as float32 values.
    const std::vector<Tap> rows = crop_taps(box.y1, box.y2, frame.rows, out_h);
    const std::vector<Tap> cols = crop_taps(box.x1, box.x2, frame.cols, out_w);
    with_reader(frame, [&](const auto& reader) { sample(reader, rows, cols, divisor, 0.0f, out); });
}

void crop_and_resize(const float* image, int h, int w, const NormalizedBox& box, int out_w,
                     int out_h, float* out) {
    const std::vector<Tap> rows = crop_taps(box.y1, box.y2, h, out_h);
    const std::vector<Tap> cols = crop_taps(box.x1, box.x2, w, out_w);
    sample(FloatReader{image, w}, rows, cols, 1.0f, 0.0f, out);
}

}  // namespace likeness::nn
