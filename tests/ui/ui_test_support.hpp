#pragma once
// Helpers shared by the GUI tests: grabbing the Qt3D viewport and judging images.
#include <QElapsedTimer>
#include <QImage>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <Qt3DRender/QRenderCaptureReply>
#include <cmath>
#include <ctime>
#include <memory>

#include "ui/viewport_panel.hpp"

namespace likeness::test {

/// Share of pixels that differ clearly from the top-left (background) pixel.
inline double foreground_fraction(const QImage& image) {
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    const QRgb background = rgb.pixel(0, 0);
    qint64 differ = 0;
    for (int y = 0; y < rgb.height(); ++y)
        for (int x = 0; x < rgb.width(); ++x) {
            const QRgb p = rgb.pixel(x, y);
            if (std::abs(qRed(p) - qRed(background)) + std::abs(qGreen(p) - qGreen(background)) +
                    std::abs(qBlue(p) - qBlue(background)) >
                30)
                ++differ;
        }
    return static_cast<double>(differ) / (static_cast<double>(rgb.width()) * rgb.height());
}

/// Mean absolute difference per channel (0..255) of two images of the same size; 255 when the
/// sizes differ.
inline double mean_difference(const QImage& a, const QImage& b) {
    if (a.size() != b.size() || a.isNull()) return 255.0;
    const QImage x = a.convertToFormat(QImage::Format_RGB32);
    const QImage y = b.convertToFormat(QImage::Format_RGB32);
    double sum = 0.0;
    for (int r = 0; r < x.height(); ++r)
        for (int c = 0; c < x.width(); ++c) {
            const QRgb p = x.pixel(c, r), q = y.pixel(c, r);
            sum += std::abs(qRed(p) - qRed(q)) + std::abs(qGreen(p) - qGreen(q)) +
                   std::abs(qBlue(p) - qBlue(q));
        }
    return sum / (3.0 * x.width() * x.height());
}

/// Number of distinct colours (quantised to 5 bits per channel): a blank image has one or two.
inline int colour_count(const QImage& image) {
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    QSet<int> colours;
    for (int y = 0; y < rgb.height(); y += 2)
        for (int x = 0; x < rgb.width(); x += 2) {
            const QRgb p = rgb.pixel(x, y);
            colours.insert((qRed(p) >> 3) << 10 | (qGreen(p) >> 3) << 5 | (qBlue(p) >> 3));
        }
    return colours.size();
}

/// Measures how long the UI thread goes between event-loop turns while it runs: on the wall
/// clock (what a user feels, but on a shared machine also time the thread was not scheduled)
/// and in the UI thread's own CPU time (the work the studio itself does between turns).
class StallProbe {
  public:
    StallProbe() {
        QObject::connect(&timer_, &QTimer::timeout, [this] { tick(); });
    }
    void start() {
        wall_.start();
        last_wall_ = 0;
        last_cpu_ = cpu_ms();
        timer_.start(5);
    }
    void stop() { timer_.stop(); }
    qint64 worstWallMs() const { return worst_wall_; }
    double worstCpuMs() const { return worst_cpu_; }

  private:
    static double cpu_ms() {
        timespec t{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
        return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
    }
    void tick() {
        const qint64 now = wall_.elapsed();
        const double cpu = cpu_ms();
        worst_wall_ = std::max(worst_wall_, now - last_wall_);
        worst_cpu_ = std::max(worst_cpu_, cpu - last_cpu_);
        last_wall_ = now;
        last_cpu_ = cpu;
    }
    QTimer timer_;
    QElapsedTimer wall_;
    qint64 last_wall_ = 0, worst_wall_ = 0;
    double last_cpu_ = 0.0, worst_cpu_ = 0.0;
};

/// One rendered frame of the viewport (null on timeout).
inline QImage capture(ui::ViewportPanel* viewport) {
    std::unique_ptr<Qt3DRender::QRenderCaptureReply> reply(viewport->requestCapture());
    QSignalSpy done(reply.get(), &Qt3DRender::QRenderCaptureReply::completed);
    if (done.count() == 0 && !done.wait(5000)) return {};
    return reply->image();
}

/// The viewport once what it shows has settled: captures until two grabs in a row agree and
/// something covers at least `min_fraction` of it (or ~6 s pass).
inline QImage settled_capture(ui::ViewportPanel* viewport, double min_fraction = 0.02) {
    QImage last;
    for (int attempt = 0; attempt < 30; ++attempt) {
        QTest::qWait(60);
        const QImage image = capture(viewport);
        if (!image.isNull() && !last.isNull() && foreground_fraction(image) >= min_fraction &&
            mean_difference(image, last) < 0.5)
            return image;
        last = image;
    }
    return last;
}

}  // namespace likeness::test
