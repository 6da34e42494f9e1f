// likeness synth --subject SEED --frames N --out DIR [...]: a synthetic subject with known
// geometry, rendered as a video with its ground truth (engine/eval).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <numeric>

#include "app/cli/args.hpp"
#include "app/cli/commands.hpp"
#include "app/cli/progress_bar.hpp"
#include "engine/eval/synthesize.hpp"
#include "engine/face/template_error.hpp"
#include "engine/io/export_error.hpp"
#include "engine/io/model_paths.hpp"

namespace likeness::cli {
namespace {

constexpr const char* kSynthUsage =
    "Usage: likeness synth --subject SEED --frames N --out DIR [--identity smooth|ict]\n"
    "                      [--ict DIR] [--size WxH] [--fps F] [--background photo|noise]\n"
    "                      [--video NAME.avi|NAME.mp4] [--albedo photo|template] [--no-wrinkles]\n";

bool parse_size(const std::string& text, int* w, int* h) {
    const auto x = text.find('x');
    if (x == std::string::npos) return false;
    char* end = nullptr;
    const long a = std::strtol(text.c_str(), &end, 10);
    if (end != text.c_str() + x) return false;
    const long b = std::strtol(text.c_str() + x + 1, &end, 10);
    if (*end != '\0' || a < 64 || b < 64 || a > 8192 || b > 8192) return false;
    *w = static_cast<int>(a);
    *h = static_cast<int>(b);
    return true;
}

}  // namespace

int run_synth(const std::vector<std::string>& argv) {
    eval::SynthOptions options;
    eval::SynthAssetOptions asset_options;
    std::string out_dir;
    try {
        const Args args(argv, ArgSpec{{"--no-wrinkles"},
                                      {"--subject", "--frames", "--out", "--identity", "--ict",
                                       "--size", "--fps", "--background", "--video", "--albedo"},
                                      0,
                                      0});
        if (!args.value("--out")) throw UsageError("--out DIR is required");
        out_dir = *args.value("--out");
        options.seed =
            static_cast<std::uint64_t>(args.integer("--subject", 0, 1LL << 62).value_or(1));
        options.sequence.frames =
            static_cast<int>(args.integer("--frames", 1, 100000).value_or(90));
        if (auto fps = args.value("--fps")) {
            char* end = nullptr;
            options.sequence.fps = std::strtod(fps->c_str(), &end);
            if (*end != '\0' || !(options.sequence.fps > 0.0 && options.sequence.fps <= 240.0))
                throw UsageError("--fps must be a number in (0, 240]");
        }
        if (auto size = args.value("--size"))
            if (!parse_size(*size, &options.sequence.width, &options.sequence.height))
                throw UsageError("--size must be WxH with sides in [64, 8192], e.g. 640x480");
        const std::string identity = args.value("--identity").value_or("smooth");
        if (identity != "smooth" && identity != "ict")
            throw UsageError("--identity must be smooth or ict");
        options.identity =
            identity == "ict" ? eval::IdentitySource::Ict : eval::IdentitySource::Smooth;
        asset_options.ict_folder = args.value("--ict").value_or("");
        if (options.identity == eval::IdentitySource::Ict && asset_options.ict_folder.empty())
            throw UsageError("--identity ict needs --ict DIR (the ICT-FaceKit folder)");
        const std::string background = args.value("--background").value_or("photo");
        if (background != "photo" && background != "noise")
            throw UsageError("--background must be photo or noise");
        options.background =
            background == "photo" ? eval::BackgroundKind::Photo : eval::BackgroundKind::Noise;
        options.video_file = args.value("--video").value_or("video.avi");
        if (options.video_file.find('/') != std::string::npos)
            throw UsageError("--video is a file name inside DIR");
        options.subject.wrinkles = !args.flag("--no-wrinkles");
        const std::string albedo = args.value("--albedo").value_or("photo");
        if (albedo != "photo" && albedo != "template")
            throw UsageError("--albedo must be photo or template");
        asset_options.photos = albedo == "photo";
    } catch (const UsageError& e) {
        std::fprintf(stderr, "likeness synth: %s\n%s", e.what(), kSynthUsage);
        return kUsage;
    }
    try {
        eval::SynthAssets assets;
        {
            ProgressBar bar;
            assets = eval::load_synth_assets(
                asset_options,
                core::Progress([&bar](double f, const std::string& s) { bar.update(f, s); }));
        }
        for (const std::string& note : assets.notes)
            std::fprintf(stderr, "likeness synth: note: %s\n", note.c_str());
        if (options.identity == eval::IdentitySource::Ict && !assets.ict) {
            std::fprintf(stderr,
                         "likeness synth: ICT identities are not available (see the note above)\n");
            return kBadInput;
        }
        eval::SynthResult result;
        {
            ProgressBar bar;
            result = eval::synthesize(
                out_dir, options, assets,
                core::Progress([&bar](double f, const std::string& s) { bar.update(f, s); }));
        }
        std::vector<double> ms = result.render_ms;
        std::sort(ms.begin(), ms.end());
        int neutral = 0;
        for (const eval::GroundTruthFrame& f : result.sequence.frames)
            neutral += f.neutral() ? 1 : 0;
        const core::Camera& cam = result.sequence.camera;
        std::printf("subject   %llu: %s identity, albedo from %s, %zu wrinkle maps\n",
                    static_cast<unsigned long long>(options.seed),
                    eval::identity_source_name(result.subject.identity_source),
                    result.subject.albedo_source.c_str(), result.subject.wrinkles.size());
        std::printf("sequence  %zu frames at %.3g fps, %dx%d, focal %.0f px, %d neutral frames\n",
                    result.sequence.frames.size(), result.sequence.fps, cam.width, cam.height,
                    cam.focal_px, neutral);
        std::printf("render    %.1f ms per frame (median)\n", ms.empty() ? 0.0 : ms[ms.size() / 2]);
        std::printf(
            "wrote     %s (%s, ground_truth.json, subject.bin, take.json, landmarks.json,\n"
            "          labels.png, albedo.png)\n",
            out_dir.c_str(), options.video_file.c_str());
    } catch (const io::ModelsNotFound& e) {
        std::fprintf(stderr, "likeness synth: %s\n", e.what());
        return kBadInput;
    } catch (const face::TemplateError& e) {
        std::fprintf(stderr, "likeness synth: %s\n", e.what());
        return kBadInput;
    } catch (const io::ExportError& e) {
        std::fprintf(stderr, "likeness synth: %s\n", e.what());
        return kBadInput;
    } catch (const std::invalid_argument& e) {
        std::fprintf(stderr, "likeness synth: %s\n", e.what());
        return kBadInput;
    }
    return kOk;
}

}  // namespace likeness::cli
