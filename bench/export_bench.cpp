// Exporting a long take: the template rig (or a grid stand-in without the model packages) with a
// synthetic 10-minute take at 60 fps (36,000 frames) to every format. Each export runs in a
// forked child so its peak memory (VmHWM) is its own; "growth" is that peak minus the child's
// resident size when it starts (rig + take already in memory): what the export itself needs. Time
// is compared with writing the same number of bytes raw through the same atomic file (no absolute
// claims).
//
//   export_bench [MINUTES] [OUT_DIR]     (defaults: 10, a temporary folder)
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "engine/eval/synthetic_take.hpp"
#include "engine/face/arkit_names.hpp"
#include "engine/face/template_blendshape_rig.hpp"
#include "engine/face/template_rig.hpp"
#include "engine/io/atomic_file.hpp"
#include "engine/io/model_paths.hpp"
#include "engine/io/rig_export.hpp"

namespace {
using namespace likeness;

long status_kb(const char* field) {
    std::ifstream in("/proc/self/status");
    for (std::string line; std::getline(in, line);)
        if (line.rfind(field, 0) == 0) return std::atol(line.c_str() + std::string(field).size());
    return -1;
}

struct Result {
    double seconds = 0;
    long start_kb = 0;  ///< the child's resident size before the export
    long peak_kb = 0;
    unsigned long long bytes = 0;
    bool ok = false;
};

/// Runs `work` in a child process; returns its wall time, peak RSS and bytes written.
template <class F>
Result in_child(F&& work) {
    int fds[2];
    if (pipe(fds) != 0) return {};
    const pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        Result r;
        r.start_kb = status_kb("VmRSS:");
        const auto t0 = std::chrono::steady_clock::now();
        try {
            r.bytes = work();
            r.ok = true;
        } catch (const std::exception& e) {
            std::fprintf(stderr, "export failed: %s\n", e.what());
        }
        r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        r.peak_kb = status_kb("VmHWM:");
        if (write(fds[1], &r, sizeof r) != static_cast<ssize_t>(sizeof r)) _exit(1);
        _exit(0);
    }
    close(fds[1]);
    Result r;
    if (read(fds[0], &r, sizeof r) != static_cast<ssize_t>(sizeof r)) r.ok = false;
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    return r;
}

core::BlendshapeRig stand_in_rig(int n) {
    core::BlendshapeRig rig;
    rig.name = "grid";
    rig.neutral.V.resize(n * n, 3);
    rig.neutral.UV.resize(n * n, 2);
    for (int j = 0; j < n; ++j)
        for (int i = 0; i < n; ++i) {
            rig.neutral.V.row(j * n + i) << float(i), float(j), 0.f;
            rig.neutral.UV.row(j * n + i) << i / float(n - 1), j / float(n - 1);
        }
    rig.neutral.F.resize(2 * (n - 1) * (n - 1), 3);
    int f = 0;
    for (int j = 0; j + 1 < n; ++j)
        for (int i = 0; i + 1 < n; ++i) {
            const int a = j * n + i;
            rig.neutral.F.row(f++) << a, a + 1, a + n + 1;
            rig.neutral.F.row(f++) << a, a + n + 1, a + n;
        }
    for (const std::string& name : face::arkit_names()) {
        rig.shape_names.push_back(name);
        rig.deltas.push_back(core::MatrixX3fR::Constant(n * n, 3, 0.1f));
    }
    rig.albedo = cv::Mat(512, 512, CV_32FC3, cv::Scalar(0.6, 0.5, 0.4));
    return rig;
}

}  // namespace

int main(int argc, char** argv) {
    const double minutes = argc > 1 ? std::atof(argv[1]) : 10.0;
    namespace fs = std::filesystem;
    const fs::path out = argc > 2 ? fs::path(argv[2])
                                  : fs::temp_directory_path() /
                                        ("likeness_export_bench_" + std::to_string(getpid()));
    fs::create_directories(out);

    core::BlendshapeRig rig;
    try {
        rig = face::template_blendshape_rig(face::build_template_rig());
    } catch (const io::ModelsNotFound&) {
        std::printf("(model packages not installed: a 85x85 grid stands in for the template)\n");
        rig = stand_in_rig(85);
    }
    eval::SyntheticTakeOptions o;
    o.seconds = minutes * 60.0;
    o.fps = 60.0;
    o.dropout_every = 600;
    o.dropout_length = 10;
    const core::Take take = eval::synthetic_take(o);
    const long baseline_kb = status_kb("VmRSS:");
    std::printf("rig '%s': %d vertices, %d shapes; take: %d frames at %g fps (%.1f min)\n",
                rig.name.c_str(), rig.vertex_count(), rig.shape_count(), take.frame_count(),
                take.fps, minutes);
    std::printf("resident before exporting (rig + take): %.1f MiB\n\n", baseline_kb / 1024.0);
    std::printf("%-6s %9s %10s %12s %12s %14s\n", "format", "seconds", "MiB out", "peak MiB",
                "growth MiB", "vs raw write");

    for (io::ExportFormat format :
         {io::ExportFormat::kGlb, io::ExportFormat::kGltf, io::ExportFormat::kFbx,
          io::ExportFormat::kCsv, io::ExportFormat::kJson, io::ExportFormat::kObj}) {
        io::ExportRequest request;
        request.format = format;
        request.rig = &rig;
        request.take = &take;
        request.path = (out / (std::string("bench") + io::export_extension(format))).string();
        if (format == io::ExportFormat::kObj) request.path = (out / "bench_obj").string();
        const Result r = in_child([&] { return io::export_files(request).bytes; });
        // Baseline: the same number of bytes written raw through an AtomicFile.
        const Result raw = in_child([&] {
            io::AtomicFile f((out / "raw.bin").string());
            const std::vector<char> block(1 << 20, 'x');
            unsigned long long left = r.bytes;
            while (left > 0) {
                const size_t n =
                    static_cast<size_t>(std::min<unsigned long long>(left, block.size()));
                f.write(block.data(), n);
                left -= n;
            }
            f.commit();
            return r.bytes;
        });
        std::printf("%-6s %9.2f %10.1f %12.1f %12.1f %13.1fx%s\n", io::export_format_name(format),
                    r.seconds, r.bytes / 1048576.0, r.peak_kb / 1024.0,
                    (r.peak_kb - r.start_kb) / 1024.0,
                    raw.seconds > 0 ? r.seconds / raw.seconds : 0.0, r.ok ? "" : "  FAILED");
    }
    if (argc <= 2) fs::remove_all(out);
    return 0;
}
