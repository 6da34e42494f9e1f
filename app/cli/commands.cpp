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
        {"landmarks", "468 face landmarks + iris per frame of a video or image (JSON, overlay)",
         "Usage: likeness landmarks INPUT [--max-frames N] [--every K] [--json OUT] [--overlay OUT]\n"
         "                          [--face N] [--smooth]\n\n"
         "Finds the face in the first frame (BlazeFace), then follows it frame to frame with\n"
         "FaceMesh (468 points) and Iris, detecting again when it is lost. Frames without a face\n"
         "are reported as such. A summary goes to stderr; a progress bar too for videos.\n\n"
         "  --max-frames N  stop after N processed frames\n"
         "  --every K       process every K-th frame (default 1)\n"
         "  --json OUT      write {\"input\",\"width\",\"height\",\"fps\",\"frames\":[{\"index\",\"face\",\n"
         "                  \"flag\",\"box\",\"landmarks468\",\"landmarks68\",\"iris\"}],\"summary\"}\n"
         "                  (image pixels; OUT - for stdout)\n"
         "  --overlay OUT   draw the points: a PNG for an image input, a video (.mp4/.avi) otherwise\n"
         "  --face N        follow the N-th face by detector score (default: the largest)\n"
         "  --smooth        One-Euro smoothing over time (for display; fitting uses raw points)\n\n"
         "Exit codes: 0 ok, 1 usage error, 2 bad input or missing models.\n",
         run_landmarks},
        {"template", "build the template face rig (neutral + 52 ARKit shapes, masks, maps)",
         "Usage: likeness template --out DIR [--json REPORT] [--compare-ict DIR]\n\n"
         "Builds the template face rig from the installed MediaPipe canonical face and the\n"
         "blend-shape recipes (resources/template/arkit_shapes.json) and writes to DIR:\n"
         "neutral.obj (+ neutral.mtl, neutral.png: the mean albedo) and shapes/<ARKit name>.obj\n"
         "(same topology, with UVs), masks/<name>.png (attention masks A_i), parsing_map.png\n"
         "(+ parsing_preview.png) and\n"
         "report.json (counts, per-shape max displacement in cm, region sizes, symmetry).\n\n"
         "  --json REPORT       also write the report to REPORT\n"
         "  --compare-ict DIR   register to ICT-FaceKit in DIR and report, per shape, the cosine\n"
         "                      similarity with ICT's artist shape of the same name\n\n"
         "Exit codes: 0 ok, 1 usage error, 2 bad input (missing models or parameters).\n",
         run_template},
        {"personalize", "personal face model + tracking of a video (the paper's ModelNet + TrackNet)",
         "Usage: likeness personalize INPUT --out S.likeness [--frames K]\n"
         "                            [--ablation A|B|C|D|final] [--template builtin] [--face N]\n"
         "                            [--max-frames N] [--json REPORT] [--quick]\n\n"
         "Finds the face in every frame of INPUT (video, image or image folder), picks K frames\n"
         "spread over the video and diverse in expression (default 16), solves one personal\n"
         "model for the person (identity and 52 blend-shape corrections, static and dynamic\n"
         "albedo: eq. 1, 2 of the paper) together with the frames' expression, pose and light,\n"
         "then tracks every frame with the finished model. Writes the session S.likeness (model,\n"
         "take, per-frame lighting and residuals), which export, track and eval reopen.\n\n"
         "  --frames K       modeling frames (1 = single-image reconstruction)\n"
         "  --ablation ROW   Table 1 row: A template only, B + shape corrections, C + albedo\n"
         "                   corrections, D + parsing loss, final + blend-shape gradient loss\n"
         "  --template T     the prior: builtin (the template face rig)\n"
         "  --face N         follow the N-th face by detector score (default: the largest)\n"
         "  --max-frames N   use the first N frames only\n"
         "  --json REPORT    per-stage loss terms, photometric and landmark error, seconds per\n"
         "                   stage, frames without a face (REPORT - for stdout)\n"
         "  --quick          preview quality: K <= 4, smaller crops, fewer iterations\n\n"
         "Exit codes: 0 ok, 1 usage error, 2 bad input (no face, unreadable input, models).\n",
         run_personalize},
        {"track", "track a video with a personal model (one person's model on any video)",
         "Usage: likeness track INPUT --model S.likeness --out TAKE.json [--face N]\n"
         "                      [--max-frames N] [--session OUT.likeness]\n\n"
         "Tracks every frame of INPUT with the personal model of S.likeness (w, head pose and\n"
         "light per frame, warm-started from the previous frame) and writes the take as JSON:\n"
         "the input of retargeting when INPUT shows another person.\n\n"
         "  --session OUT    also save a session (the model with this take)\n\n"
         "Exit codes: 0 ok, 1 usage error, 2 bad input.\n",
         run_track},
        {"export",
         "export a rig and its take (glTF, GLB, binary FBX, OBJ set, Live Link CSV, JSON)",
         "Usage: likeness export INPUT --format gltf|glb|fbx|obj|csv|json --out PATH\n"
         "                       [--take TAKE.json | --demo-take SECONDS]\n"
         "                       [--head camera|rotation|none] [--no-texture]\n\n"
         "INPUT is 'template' (the built-in template rig: neutral + 52 ARKit shapes + albedo)\n"
         "or, for csv and json, a take file (.json), or a session (.likeness from likeness\n"
         "personalize): its personal rig (corrected shapes, static and dynamic albedo) and take.\n\n"
         "Formats (all written atomically: a reader never sees a half-written file):\n"
         "  gltf   PATH.gltf + PATH.bin + PATH.png: metres, named morph targets\n"
         "         (mesh.extras.targetNames), the take as a LINEAR weights animation + head pose\n"
         "  glb    the same in one binary file\n"
         "  fbx    binary FBX 7.4, cm: BlendShape deformer with one channel per shape,\n"
         "         DeformPercent and head curves at the take's fps, texture PATH.png (embedded)\n"
         "  obj    a folder: NAME.obj/.mtl/.png + shapes/<shape>.obj (+ per-shape textures)\n"
         "  csv    the take in Epic's Live Link Face layout (52 ARKit columns, head, eyes)\n"
         "  json   the take as a Likeness take file (versioned)\n\n"
         "  --take TAKE.json      animate the rig with this take\n"
         "  --demo-take SECONDS   animate it with a synthetic 60 fps take (every shape sweeps)\n"
         "  --head MODE           head pose in gltf/fbx: camera (rotation + translation, the\n"
         "                        default), rotation (head stays at the origin) or none\n"
         "  --no-texture          leave the albedo out\n\n"
         "Exit codes: 0 ok, 1 usage error, 2 bad input (unreadable take, unwritable path).\n",
         run_export},
        {"retarget", "drive a character or another rig with a take (ARKit name mapping, transfer)",
         "Usage: likeness retarget --take TAKE.json --to CHARACTER|template --out PATH\n"
         "                         [--format gltf|glb|fbx|obj|csv|json] [--map MAP.json]\n"
         "                         [--transfer [--landmarks PAIRS.json]] [--json REPORT]\n"
         "                         [--save-map MAP.json] [--intensity X] [--smooth SECONDS]\n"
         "                         [--head rotation|camera|none] [--no-head-rotation]\n"
         "                         [--swap-sides] [--unit-cm X] [--neutral NAME] [--no-texture]\n\n"
         "Plays TAKE on CHARACTER and writes the animated character. CHARACTER is an FBX,\n"
         "glTF/GLB, DAE or OBJ file, a folder of OBJs (a neutral plus one OBJ per shape, shape\n"
         "names from the file names; our OBJ-set export too), or 'template'. Its blend shapes are\n"
         "mapped to the 52 ARKit channels by name (exact, any case / separators / prefixes,\n"
         "_L/_R, Left/Right, L_/R_, left+right halves of a whole shape); channels and shapes\n"
         "left over are listed. Sessions (.likeness) will be accepted once they exist.\n\n"
         "  --out PATH          the animated character; the format follows the extension\n"
         "                      (.glb .gltf .fbx .csv .json; no extension: an OBJ-set folder)\n"
         "  --format F          gltf, glb, fbx, obj, csv or json, overriding the extension\n"
         "  --map MAP.json      the mapping (and controls) to use instead of the automatic one\n"
         "  --save-map MAP.json write the mapping and controls used, to edit and reuse\n"
         "  --transfer          give the channels no shape maps ARKit shapes made by deformation\n"
         "                      transfer from the template (all 52 for a mesh without shapes);\n"
         "                      landmarks are found automatically on a frontal rendering\n"
         "  --landmarks FILE    landmark pairs instead: {\"pairs\": [[template, character], ...]},\n"
         "                      {\"ibug68\": [68 vertices]} or ICT-FaceKit's vertex_indices.json\n"
         "  --json REPORT       mapped / unmatched channels, unused and all target shapes,\n"
         "                      transfer timings, written files (REPORT - for stdout)\n"
         "  --intensity X       global expression intensity (0 neutral .. 1 as tracked .. 3)\n"
         "  --smooth SECONDS    temporal smoothing of every channel (Gaussian sigma)\n"
         "  --head MODE         rotation (default), camera (rotation + translation) or none\n"
         "  --no-head-rotation  keep the head still\n"
         "  --swap-sides        the character's Left/Right are the viewer's, not its own\n"
         "  --unit-cm X         centimetres per file unit (default: from the format)\n"
         "  --neutral NAME      the neutral's file stem in a shape folder\n"
         "  --no-texture        leave the albedo out\n\n"
         "Exit codes: 0 ok, 1 usage error, 2 bad input (unreadable or unsupported files, a\n"
         "mapping naming shapes the character lacks, no face found for --transfer).\n",
         run_retarget},
        {"synth", "render a synthetic subject with known geometry as a video + ground truth",
         "Usage: likeness synth --subject SEED --frames N --out DIR [--identity smooth|ict]\n"
         "                      [--ict DIR] [--size WxH] [--fps F] [--background photo|noise]\n"
         "                      [--video NAME.avi|NAME.mp4] [--albedo photo|template]\n"
         "                      [--no-wrinkles]\n\n"
         "Makes synthetic person SEED (identity, personal blend-shape deviations, albedo from a\n"
         "real photo plus expression wrinkles) and renders N frames of it (head motion, ARKit\n"
         "pose sequences and random expressions, SH lighting) over a background of photo\n"
         "regions or noise. The same SEED always gives the same person and the same frames.\n"
         "DIR receives video.avi (MJPG) and the ground truth: ground_truth.json (camera; per\n"
         "frame w, R, t, SH lighting, 68 and 468 landmarks), subject.bin (the true personal\n"
         "model), take.json (the true motion as a take), landmarks.json (true landmarks in the\n"
         "layout of `likeness landmarks --json`), labels.png and albedo.png.\n\n"
         "  --subject SEED     which synthetic person (default 1)\n"
         "  --frames N         sequence length (default 90)\n"
         "  --identity KIND    smooth: random smooth identity on our template (default);\n"
         "                     ict: ICT-FaceKit identity modes (needs --ict DIR)\n"
         "  --ict DIR          the ICT-FaceKit folder (identities are extracted to a cache)\n"
         "  --size WxH         frame size (default 640x480)\n"
         "  --fps F            frame rate (default 30)\n"
         "  --background KIND  photo: collage of real photo regions (default); noise\n"
         "  --video NAME       video file name in DIR: .avi (MJPG) or .mp4 (MPEG-4)\n"
         "  --albedo KIND      photo: a real face from the demo photos (default); template:\n"
         "                     the template's mean albedo in a random skin tone (faster)\n"
         "  --no-wrinkles      no expression-specific (dynamic) albedo\n\n"
         "Exit codes: 0 ok, 1 usage error, 2 bad input (missing models, unwritable DIR).\n",
         run_synth},
        {"eval", "score a reconstruction or a front end against a synthetic ground truth",
         "Usage: likeness eval --gt DIR (--session S.likeness | --take TAKE.json [--rig RIG] |\n"
         "                     --truth) [--lighting truth] [--landmarks LANDMARKS.json]\n"
         "                     [--json OUT] [--frames-3d N]\n\n"
         "Scores against the ground truth in DIR (written by `likeness synth`):\n"
         "  3D error   mm, point-to-surface from the true face-area vertices to the\n"
         "             reconstruction after rigid alignment (68 landmarks, then ICP)\n"
         "  NME        68 projected landmarks, % of the true landmarks' box size\n"
         "  weights    mean absolute error of the 52 ARKit weights\n"
         "  photo      RGB distance (0-255) in the face mask (needs per-frame lighting)\n"
         "  AE         expression deformation (mm) on truly neutral frames\n\n"
         "  --session S       a session written by `likeness personalize` (once available)\n"
         "  --take TAKE.json  a take (one frame per video frame) animating --rig\n"
         "  --rig RIG         template (default), a .glb/.gltf, or an OBJ-set folder\n"
         "  --truth           score the ground truth itself (a self-check: all errors ~0)\n"
         "  --lighting truth  render the reconstruction with the true lighting\n"
         "  --landmarks FILE  also score a front end: a `likeness landmarks --json` file\n"
         "  --json OUT        write every number as JSON\n"
         "  --frames-3d N     frames scored in 3D (default 16, 0 = all)\n\n"
         "Exit codes: 0 ok, 1 usage error, 2 bad input.\n",
         run_eval},
    };
    return kCommands;
}

}  // namespace likeness::cli
