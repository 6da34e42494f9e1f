#include "app/cli/commands.hpp"

namespace likeness::cli {

const std::vector<Command>& commands() {
    static const std::vector<Command> kCommands = {
        {"probe", "describe a video, image or image folder (size, fps, frames, codec)",
         "Usage: likeness probe INPUT [--json] [--quick]\n\n"
         "Describes INPUT: a video file, an image, a folder of images, or camera:N.\n"
         "Frames are counted by decoding the stream, because container headers can be wrong;\n"
         "--quick trusts the header instead.\n\n"
         "  --json     print {\"width\",\"height\",\"fps\",\"frames\",\"duration_s\",\"codec\"}\n"
         "  --quick    do not decode to count frames\n\n"
         "Exit codes: 0 ok, 1 usage error, 2 bad input.\n",
         run_probe},
    };
    return kCommands;
}

}  // namespace likeness::cli
