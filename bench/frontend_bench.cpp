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
#include <ctime>
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

/// CPU time of this thread: unlike wall time it does not count the time other processes on
/// a shared machine hold the core (cache pollution by them still shows).
double thread_cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec * 1e-6;
}

struct Timing {
    double median_ms = 0.0, min_ms = 0.0;  ///< thread CPU time per run
    double wall_median_ms = 0.0;
};

template <typename F>
Timing time_ms(int runs, F&& body) {
    std::vector<double> cpu, wall;
    for (int r = 0; r < runs; ++r) {
        const auto start = Clock::now();
        const double cpu_start = thread_cpu_ms();
        body();
        cpu.push_back(thread_cpu_ms() - cpu_start);
        wall.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    std::sort(cpu.begin(), cpu.end());
    std::sort(wall.begin(), wall.end());
    return {cpu[cpu.size() / 2], cpu.front(), wall[wall.size() / 2]};
}

Timing model_ms(GraphModel& model, int runs) {
    std::vector<float> input(model.input_size());
    for (std::size_t k = 0; k < input.size(); ++k)
        input[k] = std::sin(0.01f * k);
    for (int w = 0; w < 10; ++w)
        model.run(input.data(), input.size());
    return time_ms(runs, [&] { model.run(input.data(), input.size()); });
}

/// The 1-minute load average: other processes sharing the cores inflate medians.
double load_average() {
    double load = -1.0;
    if (FILE* f = std::fopen("/proc/loadavg", "r")) {
        if (std::fscanf(f, "%lf", &load) != 1) load = -1.0;
        std::fclose(f);
    }
    return load;
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
    const double ms = time_ms(9, product).min_ms;  // best run: the ceiling, not the load
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
    std::printf(
        "Front-end inference, one thread, %d runs after 10 warm-up runs (load average %.1f)\n",
        runs, load_average());
    std::printf("Single-thread GEMM ceiling (512x512x512, same kernels, best run): %.1f GFLOP/s\n",
                peak);
    std::printf(
        "Times are thread CPU ms per inference (wall-clock median in brackets); GFLOP/s =\n"
        "2 x MAC count of the graph / median; 'unfused' = median without operator fusion\n"
        "and in-place steps (baseline measured in the same run)\n\n");
    std::printf("%-10s %9s %7s %9s %7s %8s %8s %7s %8s %7s\n", "model", "input", "MMAC",
                "median ms", "(wall)", "min ms", "GFLOP/s", "ceiling", "unfused", "target");
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
        const Timing t = model_ms(model, runs);
        const double ms = t.median_ms;
        const double unfused_ms = model_ms(unfused, runs).median_ms;
        const double gflops = 2.0 * model.macs() / (ms * 1e6);
        const auto& s = model.input_shape();
        char input[32], target[32] = "-";
        std::snprintf(input, sizeof input, "%dx%dx%d", s[1], s[2], s[3]);
        if (e.target_ms > 0)
            std::snprintf(target, sizeof target, "%s%.0f", ms <= e.target_ms ? "<=" : "MISS ",
                          e.target_ms);
        char wall[32];
        std::snprintf(wall, sizeof wall, "(%.2f)", t.wall_median_ms);
        std::printf("%-10s %9s %7.1f %9.3f %7s %8.3f %8.1f %6.0f%% %8.3f %7s\n", e.name, input,
                    model.macs() / 1e6, ms, wall, t.min_ms, gflops, 100.0 * gflops / peak,
                    unfused_ms, target);
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
            const double track_ms =
                time_ms(runs, [&] { landmarker.landmarks(rgb, box); }).median_ms;
            const double detect_ms =
                time_ms(std::max(5, runs / 4), [&] { landmarker.detect(rgb); }).median_ms;
            std::printf(
                "\nPer frame on %dx%d demo photo: detect %.3f ms, landmarks (mesh + 2 iris) "
                "%.3f ms\n",
                rgb.cols, rgb.rows, detect_ms, track_ms);
        }
    }
    return 0;
}
