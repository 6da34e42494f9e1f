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
        {"template", "build the template face rig (neutral + 52 ARKit shapes, masks, maps)",
         "Usage: likeness template --out DIR [--json REPORT] [--compare-ict DIR]\n\n"
         "Builds the template face rig from the installed MediaPipe canonical face and the\n"
         "blend-shape recipes (resources/template/arkit_shapes.json) and writes to DIR:\n"
         "neutral.obj and shapes/<ARKit name>.obj (same topology, with UVs), masks/<name>.png\n"
         "(attention masks A_i), parsing_map.png (+ parsing_preview.png), albedo.png and\n"
         "report.json (counts, per-shape max displacement in cm, region sizes, symmetry).\n\n"
         "  --json REPORT       also write the report to REPORT\n"
         "  --compare-ict DIR   register to ICT-FaceKit in DIR and report, per shape, the cosine\n"
         "                      similarity with ICT's artist shape of the same name\n\n"
         "Exit codes: 0 ok, 1 usage error, 2 bad input (missing models or parameters).\n",
         run_template},
    };
    return kCommands;
}

}  // namespace likeness::cli
