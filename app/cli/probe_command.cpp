// likeness probe INPUT [--json] [--quick]
#include <cstdio>
#include <nlohmann/json.hpp>

#include "app/cli/args.hpp"
#include "app/cli/commands.hpp"
#include "app/cli/progress_bar.hpp"
#include "engine/io/video_source.hpp"

namespace likeness::cli {

int run_probe(const std::vector<std::string>& argv) {
    std::unique_ptr<io::VideoSource> source;
    bool json = false, quick = false;
    try {
        const Args args(argv, ArgSpec{{"--json", "--quick"}, {}, 1, 1});
        json = args.flag("--json");
        quick = args.flag("--quick");
        source = io::VideoSource::open(args.positional()[0]);
    } catch (const UsageError& e) {
        std::fprintf(stderr, "likeness probe: %s\nUsage: likeness probe INPUT [--json] [--quick]\n",
                     e.what());
        return kUsage;
    } catch (const io::VideoError& e) {
        std::fprintf(stderr, "likeness probe: %s\n", e.what());
        return kBadInput;
    }

    if (!quick && source->info().kind == io::SourceKind::VideoFile) {
        ProgressBar bar;
        source->count_frames(
            core::Progress([&bar](double f, const std::string& stage) { bar.update(f, stage); }));
    }
    const io::VideoInfo& info = source->info();
    if (info.declared_frame_count > 0 && info.frame_count_exact &&
        info.frame_count < info.declared_frame_count - 2)
        std::fprintf(stderr,
                     "likeness probe: warning: the container declares %lld frames but only %lld "
                     "decode; the file may be truncated\n",
                     static_cast<long long>(info.declared_frame_count),
                     static_cast<long long>(info.frame_count));

    if (json) {
        const nlohmann::ordered_json out = {
            {"width", info.width},        {"height", info.height},           {"fps", info.fps},
            {"frames", info.frame_count}, {"duration_s", info.duration_s()}, {"codec", info.codec}};
        std::printf("%s\n", out.dump().c_str());
    } else {
        std::printf("input     %s (%s)\n", info.path.c_str(), io::to_string(info.kind));
        std::printf("size      %d x %d px\n", info.width, info.height);
        std::printf("fps       %.3f%s\n", info.fps, info.fps_known ? "" : " (not in the file)");
        std::printf("frames    %lld%s\n", static_cast<long long>(info.frame_count),
                    info.frame_count_exact ? "" : " (from the container header)");
        std::printf("duration  %.3f s\n", info.duration_s());
        std::printf("codec     %s\n", info.codec.empty() ? "-" : info.codec.c_str());
    }
    return kOk;
}

}  // namespace likeness::cli
