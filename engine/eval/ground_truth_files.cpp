#include "engine/eval/ground_truth_files.hpp"

#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "engine/eval/face_area.hpp"
#include "engine/io/atomic_file.hpp"
#include "engine/io/export_error.hpp"
#include "engine/io/take_json.hpp"

namespace likeness::eval {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr char kMagic[8] = {'L', 'K', 'G', 'T', 'S', 'U', 'B', 'J'};

template <typename M>
void write_block(io::AtomicFile& f, const M& m) {
    f.write(m.data(), sizeof(typename M::Scalar) * static_cast<size_t>(m.size()));
}

void write_mat(io::AtomicFile& f, const cv::Mat& m) {
    const cv::Mat c = m.isContinuous() ? m : m.clone();
    f.write(c.data, c.total() * c.elemSize());
}

std::string number(double x) {
    char text[32];
    std::snprintf(text, sizeof text, "%.7g", x);
    return text;
}

/// One frame as a JSON line (numbers written compactly by hand: 468 points per frame).
std::string frame_json(const GroundTruthFrame& g, const std::vector<int>& ibug68) {
    std::string s =
        "{\"index\":" + std::to_string(g.index) + ",\"label\":\"" + g.label + "\",\"w\":[";
    for (size_t i = 0; i < g.w.size(); ++i)
        s += (i ? "," : "") + number(g.w[i]);
    s += "],\"r\":[" + number(g.pose.rotation.x()) + "," + number(g.pose.rotation.y()) + "," +
         number(g.pose.rotation.z()) + "],\"t\":[" + number(g.pose.translation_cm.x()) + "," +
         number(g.pose.translation_cm.y()) + "," + number(g.pose.translation_cm.z()) +
         "],\"gamma\":[";
    for (size_t k = 0; k < g.lighting.gamma.size(); ++k)
        s += (k ? "," : "") + number(g.lighting.gamma[k]);
    s += "],\"landmarks68\":[";
    for (size_t k = 0; k < ibug68.size(); ++k)
        s += std::string(k ? "," : "") + "[" + number(g.landmarks468(ibug68[k], 0)) + "," +
             number(g.landmarks468(ibug68[k], 1)) + "]";
    s += "],\"landmarks468\":[";
    for (Eigen::Index i = 0; i < g.landmarks468.rows(); ++i)
        s += std::string(i ? "," : "") + "[" + number(g.landmarks468(i, 0)) + "," +
             number(g.landmarks468(i, 1)) + "," + number(g.depth468[i]) + "]";
    return s + "]}";
}

template <typename T>
T read_value(std::ifstream& in, const std::string& path) {
    T v{};
    in.read(reinterpret_cast<char*>(&v), sizeof v);
    if (!in) throw GroundTruthError("'" + path + "' is truncated");
    return v;
}

template <typename M>
void read_block(std::ifstream& in, M& m, const std::string& path) {
    in.read(
        reinterpret_cast<char*>(m.data()),
        static_cast<std::streamsize>(sizeof(typename M::Scalar) * static_cast<size_t>(m.size())));
    if (!in) throw GroundTruthError("'" + path + "' is truncated");
}

void read_mat(std::ifstream& in, cv::Mat& m, const std::string& path) {
    in.read(reinterpret_cast<char*>(m.data),
            static_cast<std::streamsize>(m.total() * m.elemSize()));
    if (!in) throw GroundTruthError("'" + path + "' is truncated");
}

void write_subject_bin(const std::string& path, const SyntheticSubject& s) {
    io::AtomicFile f(path);
    f.write(kMagic, sizeof kMagic);
    const core::BlendshapeRig& rig = s.rig;
    for (int v : {kGroundTruthVersion, rig.vertex_count(), rig.neutral.face_count(),
                  rig.shape_count(), rig.albedo.rows, static_cast<int>(s.wrinkles.size())})
        f.write_le<uint32_t>(static_cast<uint32_t>(v));
    write_block(f, rig.neutral.V);
    write_block(f, rig.neutral.F);
    write_block(f, rig.neutral.UV);
    write_block(f, s.identity);
    for (int i = 0; i < rig.shape_count(); ++i) {
        write_block(f, rig.deltas[static_cast<size_t>(i)]);
        write_block(f, s.expression_deviation[static_cast<size_t>(i)]);
    }
    write_mat(f, rig.albedo);
    for (const WrinkleMap& w : s.wrinkles) {
        for (int v : {w.shape, w.roi.x, w.roi.y, w.roi.width, w.roi.height})
            f.write_le<int32_t>(v);
        write_mat(f, w.offset);
    }
    f.commit();
}

void read_subject_bin(const std::string& path, SyntheticSubject& s) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw GroundTruthError("cannot open '" + path + "'");
    char magic[8];
    in.read(magic, sizeof magic);
    if (!in || std::memcmp(magic, kMagic, sizeof magic) != 0)
        throw GroundTruthError("'" + path + "' is not a Likeness ground-truth subject file");
    const auto version = read_value<uint32_t>(in, path);
    if (version != static_cast<uint32_t>(kGroundTruthVersion))
        throw GroundTruthError("'" + path + "' has version " + std::to_string(version) +
                               "; this build reads version " + std::to_string(kGroundTruthVersion));
    const auto nv = read_value<uint32_t>(in, path), nf = read_value<uint32_t>(in, path);
    const auto ns = read_value<uint32_t>(in, path), tex = read_value<uint32_t>(in, path);
    const auto nw = read_value<uint32_t>(in, path);
    if (nv == 0 || nv > 10'000'000 || nf > 20'000'000 || ns > 1000 || tex > 16384 || nw > ns)
        throw GroundTruthError("'" + path + "' has implausible sizes");
    core::BlendshapeRig& rig = s.rig;
    rig.neutral.V.resize(nv, 3);
    rig.neutral.F.resize(nf, 3);
    rig.neutral.UV.resize(nv, 2);
    read_block(in, rig.neutral.V, path);
    read_block(in, rig.neutral.F, path);
    read_block(in, rig.neutral.UV, path);
    if (rig.neutral.F.size() &&
        (rig.neutral.F.minCoeff() < 0 || rig.neutral.F.maxCoeff() >= static_cast<int>(nv)))
        throw GroundTruthError("'" + path + "' has a face index out of range");
    s.identity.resize(nv, 3);
    read_block(in, s.identity, path);
    rig.deltas.assign(ns, core::MatrixX3fR(nv, 3));
    s.expression_deviation.assign(ns, core::MatrixX3fR(nv, 3));
    for (uint32_t i = 0; i < ns; ++i) {
        read_block(in, rig.deltas[i], path);
        read_block(in, s.expression_deviation[i], path);
    }
    rig.albedo = cv::Mat(static_cast<int>(tex), static_cast<int>(tex), CV_32FC3);
    if (tex) read_mat(in, rig.albedo, path);
    s.wrinkles.clear();
    for (uint32_t k = 0; k < nw; ++k) {
        WrinkleMap w;
        w.shape = read_value<int32_t>(in, path);
        w.roi.x = read_value<int32_t>(in, path);
        w.roi.y = read_value<int32_t>(in, path);
        w.roi.width = read_value<int32_t>(in, path);
        w.roi.height = read_value<int32_t>(in, path);
        if (w.shape < 0 || w.shape >= static_cast<int>(ns) || w.roi.x < 0 || w.roi.y < 0 ||
            w.roi.width <= 0 || w.roi.height <= 0 ||
            w.roi.x + w.roi.width > static_cast<int>(tex) ||
            w.roi.y + w.roi.height > static_cast<int>(tex))
            throw GroundTruthError("'" + path + "' has a malformed wrinkle map");
        w.offset = cv::Mat(w.roi.size(), CV_32FC3);
        read_mat(in, w.offset, path);
        s.wrinkles.push_back(std::move(w));
    }
}

std::vector<int> int_list(const json& j, const char* key, const std::string& path) {
    try {
        return j.at(key).get<std::vector<int>>();
    } catch (const json::exception& e) {
        throw GroundTruthError("'" + path + "': \"" + key + "\" is missing or malformed");
    }
}

}  // namespace

void write_ground_truth(const std::string& folder, const SyntheticSubject& subject,
                        const GroundTruthSequence& seq, const face::TemplateRig& rig,
                        const std::string& video_file) {
    std::error_code ec;
    fs::create_directories(folder, ec);
    write_subject_bin(folder + "/subject.bin", subject);

    json head;
    head["format"] = "likeness-ground-truth";
    head["version"] = kGroundTruthVersion;
    head["seed"] = seq.seed;
    head["subject"] = {
        {"identity", identity_source_name(subject.identity_source)},
        {"ict_coefficients",
         std::vector<float>(subject.ict_coefficients.data(),
                            subject.ict_coefficients.data() + subject.ict_coefficients.size())},
        {"albedo", subject.albedo_source},
        {"seed", subject.seed}};
    head["camera"] = {{"width", seq.camera.width},
                      {"height", seq.camera.height},
                      {"focal_px", seq.camera.focal_px},
                      {"cx_px", seq.camera.cx_px},
                      {"cy_px", seq.camera.cy_px}};
    head["fps"] = seq.fps;
    head["video"] = video_file;
    head["weight_names"] = subject.rig.shape_names;
    head["landmarks68_vertices"] = rig.ibug68;
    head["face_area_vertices"] = face_area_vertices(rig);
    head["frame_count"] = seq.frames.size();
    std::string text = head.dump();
    text.pop_back();  // reopen the object for the streamed frames
    io::AtomicFile f(folder + "/ground_truth.json");
    f.write(text);
    f.write(",\"frames\":[\n");
    for (size_t i = 0; i < seq.frames.size(); ++i) {
        f.write(frame_json(seq.frames[i], rig.ibug68));
        f.write(i + 1 < seq.frames.size() ? ",\n" : "\n");
    }
    f.write("]}\n");
    f.commit();

    if (!cv::imwrite(folder + "/labels.png", rig.parsing_uv))
        throw io::ExportError("cannot write '" + folder + "/labels.png'");
    cv::Mat albedo8, bgr;
    subject.rig.albedo.convertTo(albedo8, CV_8UC3, 255.0);
    cv::cvtColor(albedo8, bgr, cv::COLOR_RGB2BGR);
    if (!cv::imwrite(folder + "/albedo.png", bgr))
        throw io::ExportError("cannot write '" + folder + "/albedo.png'");
    io::write_take_json(seq.take("ground_truth"), folder + "/take.json");
}

GroundTruth read_ground_truth(const std::string& folder) {
    GroundTruth gt;
    gt.folder = folder;
    const std::string path = folder + "/ground_truth.json";
    std::ifstream in(path);
    if (!in)
        throw GroundTruthError("cannot open '" + path +
                               "' (is this a folder written by `likeness synth`?)");
    json j;
    try {
        j = json::parse(in);
    } catch (const json::exception& e) {
        throw GroundTruthError("'" + path + "' is not valid JSON: " + e.what());
    }
    try {
        if (j.at("format") != "likeness-ground-truth")
            throw GroundTruthError("'" + path + "' is not a Likeness ground-truth file");
        const int version = j.at("version").get<int>();
        if (version > kGroundTruthVersion)
            throw GroundTruthError("'" + path + "' has version " + std::to_string(version) +
                                   "; this build reads up to " +
                                   std::to_string(kGroundTruthVersion));
        GroundTruthSequence& seq = gt.sequence;
        seq.seed = j.at("seed").get<std::uint64_t>();
        const json& cam = j.at("camera");
        seq.camera.width = cam.at("width").get<int>();
        seq.camera.height = cam.at("height").get<int>();
        seq.camera.focal_px = cam.at("focal_px").get<float>();
        seq.camera.cx_px = cam.at("cx_px").get<float>();
        seq.camera.cy_px = cam.at("cy_px").get<float>();
        seq.fps = j.at("fps").get<double>();
        const std::string video = j.at("video").get<std::string>();
        gt.video_path = (fs::path(folder) / video).string();
        const json& subject = j.at("subject");
        gt.subject.identity_source =
            subject.at("identity") == "ict" ? IdentitySource::Ict : IdentitySource::Smooth;
        gt.subject.albedo_source = subject.value("albedo", "");
        gt.subject.seed = subject.value("seed", seq.seed);
        const auto coeffs = subject.value("ict_coefficients", std::vector<float>{});
        gt.subject.ict_coefficients = Eigen::Map<const Eigen::VectorXf>(
            coeffs.data(), static_cast<Eigen::Index>(coeffs.size()));
        gt.subject.rig.shape_names = j.at("weight_names").get<std::vector<std::string>>();
        gt.landmarks68 = int_list(j, "landmarks68_vertices", path);
        gt.face_area = int_list(j, "face_area_vertices", path);
        const size_t names = gt.subject.rig.shape_names.size();
        for (const json& fr : j.at("frames")) {
            GroundTruthFrame g;
            g.index = fr.at("index").get<int>();
            g.label = fr.value("label", "");
            const auto w = fr.at("w").get<std::vector<float>>();
            if (w.size() != names || names != g.w.size())
                throw GroundTruthError("'" + path + "': frame " + std::to_string(g.index) +
                                       " has " + std::to_string(w.size()) +
                                       " weights, expected 52");
            std::copy(w.begin(), w.end(), g.w.begin());
            const auto r = fr.at("r").get<std::vector<float>>();
            const auto t = fr.at("t").get<std::vector<float>>();
            const auto gamma = fr.at("gamma").get<std::vector<float>>();
            if (r.size() != 3 || t.size() != 3 || gamma.size() != g.lighting.gamma.size())
                throw GroundTruthError("'" + path + "': frame " + std::to_string(g.index) +
                                       " has malformed r, t or gamma");
            g.pose.rotation = Eigen::Vector3f(r[0], r[1], r[2]);
            g.pose.translation_cm = Eigen::Vector3f(t[0], t[1], t[2]);
            std::copy(gamma.begin(), gamma.end(), g.lighting.gamma.begin());
            const json& lm = fr.at("landmarks468");
            g.landmarks468.resize(static_cast<Eigen::Index>(lm.size()), 2);
            g.depth468.resize(static_cast<Eigen::Index>(lm.size()));
            for (size_t i = 0; i < lm.size(); ++i) {
                g.landmarks468(static_cast<Eigen::Index>(i), 0) = lm[i].at(0).get<float>();
                g.landmarks468(static_cast<Eigen::Index>(i), 1) = lm[i].at(1).get<float>();
                g.depth468[static_cast<Eigen::Index>(i)] = lm[i].at(2).get<float>();
            }
            seq.frames.push_back(std::move(g));
        }
    } catch (const json::exception& e) {
        throw GroundTruthError("'" + path + "' is malformed: " + e.what());
    }
    read_subject_bin(folder + "/subject.bin", gt.subject);
    if (gt.subject.rig.shape_count() != static_cast<int>(gt.subject.rig.shape_names.size()))
        throw GroundTruthError("'" + folder +
                               "/subject.bin' and ground_truth.json disagree on the shapes");
    for (int v : gt.face_area)
        if (v < 0 || v >= gt.subject.rig.vertex_count())
            throw GroundTruthError("'" + path + "': a face-area vertex is out of range");
    for (int v : gt.landmarks68)
        if (v < 0 || v >= gt.subject.rig.vertex_count())
            throw GroundTruthError("'" + path + "': a landmark vertex is out of range");
    gt.labels_uv = cv::imread(folder + "/labels.png", cv::IMREAD_GRAYSCALE);
    if (gt.labels_uv.empty()) throw GroundTruthError("cannot read '" + folder + "/labels.png'");
    return gt;
}

}  // namespace likeness::eval
