// Front-end speed: median milliseconds per inference of BlazeFace, FaceMesh and Iris on one
// core, the GFLOP/s that achieves (FLOPs = 2 × multiply-accumulates counted from each graph),
// and, as baselines measured in the same run, the unfused plan and a large single-threaded
// GEMM (what this core can do at best).
//
//   frontend_bench [--runs N] [--profile]
//
// --profile adds a per-op-type breakdown of each model.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

#include "engine/io/model_paths.hpp"
#include "engine/nn/aligned_buffer.hpp"
#include "engine/nn/face_landmarker.hpp"
#include "engine/nn/gemm.hpp"
#include "engine/nn/graph_model.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using likeness::nn::GraphModel;

template <typename F>
double median_ms(int runs, F&& body) {
    std::vector<double> ms;
    for (int r = 0; r < runs; ++r) {
        const auto start = Clock::now();
        body();
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    std::nth_element(ms.begin(), ms.begin() + runs / 2, ms.end());
    return ms[static_cast<std::size_t>(runs / 2)];
}

double model_ms(GraphModel& model, int runs) {
    std::vector<float> input(model.input_size());
    for (std::size_t k = 0; k < input.size(); ++k)
        input[k] = std::sin(0.01f * k);
    for (int w = 0; w < 10; ++w)
        model.run(input.data(), input.size());
    return median_ms(runs, [&] { model.run(input.data(), input.size()); });
}

/// Single-threaded GFLOP/s of a 512³ packed GEMM: the ceiling for this core.
double gemm_peak_gflops() {
    const long n = 512;
    const auto blocking = likeness::nn::gemm_blocking(n, n, n);
    likeness::nn::AlignedBuffer a(n * n), b(n * n), c(n * n), pa(blocking.packed_lhs_floats()),
        pb(blocking.packed_rhs_floats());
    std::fill(a.data(), a.data() + a.size(), 0.5f);
    std::fill(b.data(), b.data() + b.size(), 0.25f);
    std::fill(c.data(), c.data() + c.size(), 0.0f);
    auto product = [&] {
        likeness::nn::gemm_accumulate(blocking, n, n, n, a.data(), n, b.data(), n, c.data(), n,
                                      pa.data(), pb.data());
    };
    product();
    const double ms = median_ms(7, product);
    return 2.0 * n * n * n / (ms * 1e6);
}

void print_profile(GraphModel& model) {
    std::vector<float> input(model.input_size(), 0.1f);
    const auto steps = model.profile(input.data(), input.size(), 30);
    std::map<std::string, std::pair<double, double>> by_op;  // op → (ms, MMAC)
    double total = 0.0;
    for (const auto& s : steps) {
        by_op[s.op].first += s.seconds * 1e3;
        by_op[s.op].second += s.macs / 1e6;
        total += s.seconds * 1e3;
    }
    for (const auto& [op, v] : by_op)
        std::printf("      %-34s %7.3f ms %5.1f%%  %8.2f MMAC  %6.1f GFLOP/s\n", op.c_str(),
                    v.first, 100.0 * v.first / total, v.second,
                    v.first > 0 ? 2.0 * v.second / v.first : 0.0);
}

}  // namespace

int main(int argc, char** argv) {
    int runs = 100;
    bool profile = false;
    for (int k = 1; k < argc; ++k) {
        if (!std::strcmp(argv[k], "--runs") && k + 1 < argc)
            runs = std::max(5, std::atoi(argv[++k]));
        if (!std::strcmp(argv[k], "--profile")) profile = true;
    }
    likeness::io::ModelPaths paths;
    try {
        paths = likeness::io::find_models();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
    cv::setNumThreads(1);
    const double peak = gemm_peak_gflops();
    std::printf("Front-end inference, one thread, median of %d runs after 10 warm-up runs\n", runs);
    std::printf("Single-thread GEMM ceiling (512x512x512, same kernels): %.1f GFLOP/s\n\n", peak);
    std::printf("%-10s %9s %10s %10s %9s %11s %8s %8s\n", "model", "input", "MMAC", "ms", "GFLOP/s",
                "of ceiling", "unfused", "target");
    struct Entry {
        const char* name;
        std::string path;
        double target_ms;
    };
    const Entry entries[] = {{"BlazeFace", paths.blazeface_json(), 15.0},
                             {"FaceMesh", paths.facemesh_json(), 5.0},
                             {"Iris", paths.iris_json(), 0.0}};
    for (const Entry& e : entries) {
        GraphModel model = GraphModel::load(e.path);
        GraphModel unfused = GraphModel::load(e.path, likeness::nn::PlanOptions{false});
        const double ms = model_ms(model, runs);
        const double unfused_ms = model_ms(unfused, runs);
        const double gflops = 2.0 * model.macs() / (ms * 1e6);
        const auto& s = model.input_shape();
        char input[32], target[32] = "-";
        std::snprintf(input, sizeof input, "%dx%dx%d", s[1], s[2], s[3]);
        if (e.target_ms > 0)
            std::snprintf(target, sizeof target, "%s%.0f", ms <= e.target_ms ? "<=" : "MISS ",
                          e.target_ms);
        std::printf("%-10s %9s %10.2f %10.3f %9.1f %10.0f%% %7.3f %8s\n", e.name, input,
                    model.macs() / 1e6, ms, gflops, 100.0 * gflops / peak, unfused_ms, target);
        if (profile) print_profile(model);
    }

    // Whole-frame cost as the tracker pays it: crop + FaceMesh + 2×Iris (+ detection).
    const cv::Mat bgr = cv::imread(paths.demo_image());
    if (!bgr.empty()) {
        cv::Mat rgb;
        cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
        likeness::nn::FaceLandmarker landmarker(paths);
        const auto faces = landmarker.detect(rgb);
        if (!faces.empty()) {
            const auto box = faces[likeness::nn::largest_face(faces)].crop;
            for (int w = 0; w < 5; ++w)
                landmarker.landmarks(rgb, box);
            const double track_ms = median_ms(runs, [&] { landmarker.landmarks(rgb, box); });
            const double detect_ms =
                median_ms(std::max(5, runs / 4), [&] { landmarker.detect(rgb); });
            std::printf(
                "\nPer frame on %dx%d demo photo: detect %.3f ms, landmarks (mesh + 2 iris) "
                "%.3f ms\n",
                rgb.cols, rgb.rows, detect_ms, track_ms);
        }
    }
    return 0;
}
