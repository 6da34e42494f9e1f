#include "engine/fit/session_file.hpp"

#include <array>
#include <cstring>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>
#include <sstream>

#include "engine/core/version.hpp"
#include "engine/io/atomic_file.hpp"

namespace likeness::fit {
namespace {

using json = nlohmann::json;
constexpr char kMagic[8] = {'L', 'I', 'K', 'E', 'N', 'E', 'S', 'S'};

uint32_t crc32(const unsigned char* data, size_t n) {
    static const std::array<uint32_t, 256> table = [] {
        std::array<uint32_t, 256> t{};
        for (uint32_t i = 0; i < 256; ++i) {
            uint32_t c = i;
            for (int k = 0; k < 8; ++k)
                c = (c & 1u) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; ++i)
        c = table[(c ^ data[i]) & 0xFFu] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

/// Appends little-endian values to a byte buffer.
class Writer {
  public:
    template <typename T>
    void put(T v) {
        const auto* p = reinterpret_cast<const unsigned char*>(&v);
        bytes.insert(bytes.end(), p, p + sizeof(T));
    }
    void put_bytes(const void* data, size_t n) {
        const auto* p = static_cast<const unsigned char*>(data);
        bytes.insert(bytes.end(), p, p + n);
    }
    void put_string(const std::string& s) {
        put<uint32_t>(static_cast<uint32_t>(s.size()));
        put_bytes(s.data(), s.size());
    }
    std::vector<unsigned char> bytes;
};

/// Reads what Writer wrote; every read is bounds-checked and names the chunk on failure.
class Reader {
  public:
    Reader(const unsigned char* data, size_t size, std::string what)
        : p_(data), end_(data + size), what_(std::move(what)) {}
    template <typename T>
    T get() {
        T v;
        need(sizeof(T));
        std::memcpy(&v, p_, sizeof(T));
        p_ += sizeof(T);
        return v;
    }
    void get_bytes(void* out, size_t n) {
        need(n);
        std::memcpy(out, p_, n);
        p_ += n;
    }
    std::string get_string() {
        const uint32_t n = get<uint32_t>();
        need(n);
        std::string s(reinterpret_cast<const char*>(p_), n);
        p_ += n;
        return s;
    }
    /// A count of items of `item_bytes` each that must fit in what is left.
    uint32_t get_count(size_t item_bytes) {
        const uint32_t n = get<uint32_t>();
        if (item_bytes > 0 && n > static_cast<size_t>(end_ - p_) / item_bytes)
            throw SessionFileError(what_ + ": a count of " + std::to_string(n) +
                                   " runs past the end of the data");
        return n;
    }
    [[noreturn]] void fail(const std::string& why) const {
        throw SessionFileError(what_ + ": " + why);
    }

  private:
    void need(size_t n) const {
        if (static_cast<size_t>(end_ - p_) < n) fail("ends early (the data is cut short)");
    }
    const unsigned char* p_;
    const unsigned char* end_;
    std::string what_;
};

// ---- maps ----

void put_map(Writer& w, const std::string& name, const cv::Mat& m) {
    w.put_string(name);
    w.put<int32_t>(m.rows);
    w.put<int32_t>(m.cols);
    w.put<int32_t>(m.channels());
    w.put<int32_t>(m.depth() == CV_8U ? 0 : 1);
    // The bounding box of the non-zero pixels: correction maps are local (A_i).
    cv::Mat nz;
    if (m.channels() == 1)
        nz = m != 0;
    else {
        cv::Mat flat = m.reshape(1, m.rows * m.cols);
        cv::Mat any;
        cv::reduce(cv::abs(flat), any, 1, cv::REDUCE_MAX);
        nz = any.reshape(1, m.rows) != 0;
    }
    const cv::Rect box = cv::boundingRect(nz);
    w.put<int32_t>(box.x);
    w.put<int32_t>(box.y);
    w.put<int32_t>(box.width);
    w.put<int32_t>(box.height);
    for (int y = box.y; y < box.y + box.height; ++y)
        w.put_bytes(m.ptr(y) + box.x * m.elemSize(), static_cast<size_t>(box.width) * m.elemSize());
}

std::pair<std::string, cv::Mat> get_map(Reader& r) {
    const std::string name = r.get_string();
    const int rows = r.get<int32_t>(), cols = r.get<int32_t>(), channels = r.get<int32_t>();
    const int depth = r.get<int32_t>();
    const int x = r.get<int32_t>(), y = r.get<int32_t>(), w = r.get<int32_t>(),
              h = r.get<int32_t>();
    if (rows < 0 || cols < 0 || rows > 16384 || cols > 16384 || channels < 1 || channels > 4 ||
        (depth != 0 && depth != 1))
        r.fail("map '" + name + "' has an impossible size or type");
    if (x < 0 || y < 0 || w < 0 || h < 0 || x + w > cols || y + h > rows)
        r.fail("map '" + name + "' has a box outside its size");
    cv::Mat m = cv::Mat::zeros(rows, cols, CV_MAKETYPE(depth == 0 ? CV_8U : CV_32F, channels));
    for (int yy = y; yy < y + h; ++yy)
        r.get_bytes(m.ptr(yy) + x * m.elemSize(), static_cast<size_t>(w) * m.elemSize());
    return {name, m};
}

// ---- chunks ----

json meta_json(const Session& s) {
    json stages = json::array();
    for (const StageReport& r : s.stages)
        stages.push_back({{"name", r.name},
                          {"photometric", r.photometric},
                          {"landmark_px", r.landmark_px},
                          {"seconds", r.seconds},
                          {"total", r.terms.total}});
    return {
        {"input", s.input},
        {"width", s.width},
        {"height", s.height},
        {"fps", s.fps},
        {"camera",
         {{"focal_px", s.camera.focal_px}, {"cx_px", s.camera.cx_px}, {"cy_px", s.camera.cy_px}}},
        {"ablation", to_string(s.ablation)},
        {"model_frames", s.model_frames},
        {"neutral_frame", s.neutral_frame},
        {"stages", stages},
        {"take_name", s.take.name},
        {"template", s.template_spec},
        {"created_by",
         s.created_by.empty() ? std::string("likeness ") + core::version() : s.created_by}};
}

void read_meta(const std::string& text, const std::string& file, Session* s) {
    json j;
    try {
        j = json::parse(text);
    } catch (const json::exception& e) {
        throw SessionFileError(file + ": the META chunk is not valid JSON (" + e.what() + ")");
    }
    try {
        s->input = j.value("input", std::string());
        s->width = j.value("width", 0);
        s->height = j.value("height", 0);
        s->fps = j.value("fps", 30.0);
        const json& c = j.at("camera");
        s->camera.focal_px = c.at("focal_px").get<float>();
        s->camera.cx_px = c.value("cx_px", (s->width - 1) * 0.5f);
        s->camera.cy_px = c.value("cy_px", (s->height - 1) * 0.5f);
        s->camera.width = s->width;
        s->camera.height = s->height;
        const auto ablation = parse_ablation(j.value("ablation", std::string("final")));
        if (!ablation) throw SessionFileError(file + ": META names an unknown ablation row");
        s->ablation = *ablation;
        s->model_frames = j.value("model_frames", std::vector<int64_t>());
        s->neutral_frame = j.value("neutral_frame", int64_t{-1});
        for (const json& r : j.value("stages", json::array())) {
            StageReport sr;
            sr.name = r.value("name", std::string());
            sr.photometric = r.value("photometric", 0.0);
            sr.landmark_px = r.value("landmark_px", 0.0);
            sr.seconds = r.value("seconds", 0.0);
            sr.terms.total = r.value("total", 0.0);
            s->stages.push_back(sr);
        }
        s->take.name = j.value("take_name", std::string("take"));
        s->take.fps = s->fps;
        s->created_by = j.value("created_by", std::string());
        s->template_spec = j.value("template", std::string("builtin"));
    } catch (const json::exception& e) {
        throw SessionFileError(file + ": the META chunk misses or mistypes a field (" + e.what() +
                               ")");
    }
}

std::vector<unsigned char> model_chunk(const face::PersonalModel& m) {
    Writer w;
    const int V = m.vertex_count();
    w.put<uint32_t>(static_cast<uint32_t>(V));
    w.put<uint32_t>(static_cast<uint32_t>(m.neutral.F.rows()));
    w.put_bytes(m.neutral.V.data(), sizeof(float) * 3 * static_cast<size_t>(V));
    w.put_bytes(m.neutral.F.data(), sizeof(int) * 3 * static_cast<size_t>(m.neutral.F.rows()));
    w.put_bytes(m.neutral.UV.data(), sizeof(float) * 2 * static_cast<size_t>(V));
    w.put<uint32_t>(static_cast<uint32_t>(m.shape_count()));
    for (int i = 0; i < m.shape_count(); ++i) {
        w.put_string(m.shape_names[static_cast<size_t>(i)]);
        w.put_bytes(m.template_deltas[static_cast<size_t>(i)].data(),
                    sizeof(float) * 3 * static_cast<size_t>(V));
    }
    return std::move(w.bytes);
}

void read_model(Reader& r, face::PersonalModel* m) {
    const uint32_t V = r.get_count(sizeof(float) * 5);
    const uint32_t F = r.get_count(sizeof(int) * 3);
    m->neutral.V.resize(V, 3);
    m->neutral.F.resize(F, 3);
    m->neutral.UV.resize(V, 2);
    r.get_bytes(m->neutral.V.data(), sizeof(float) * 3 * V);
    r.get_bytes(m->neutral.F.data(), sizeof(int) * 3 * F);
    r.get_bytes(m->neutral.UV.data(), sizeof(float) * 2 * V);
    const uint32_t n = r.get_count(sizeof(float) * 3 * V);
    for (uint32_t i = 0; i < n; ++i) {
        m->shape_names.push_back(r.get_string());
        core::MatrixX3fR d(V, 3);
        r.get_bytes(d.data(), sizeof(float) * 3 * V);
        m->template_deltas.push_back(std::move(d));
    }
}

std::vector<unsigned char> maps_chunk(const face::PersonalModel& m) {
    Writer w;
    const int n = m.shape_count();
    w.put<uint32_t>(static_cast<uint32_t>(6 + 3 * n));
    put_map(w, "parsing", m.parsing);
    put_map(w, "template_albedo", m.template_albedo);
    put_map(w, "mean_albedo", m.mean_albedo);
    put_map(w, "static_albedo", m.static_albedo);
    put_map(w, "identity_shape", m.identity_shape);
    put_map(w, "reserved", cv::Mat::zeros(1, 1, CV_32F));
    for (int i = 0; i < n; ++i) {
        const std::string k = std::to_string(i);
        put_map(w, "attention/" + k, m.attention[static_cast<size_t>(i)]);
        put_map(w, "shape/" + k, m.shape_corrections[static_cast<size_t>(i)]);
        put_map(w, "dynamic_albedo/" + k, m.dynamic_albedo[static_cast<size_t>(i)]);
    }
    return std::move(w.bytes);
}

void read_maps(Reader& r, face::PersonalModel* m, const std::string& file) {
    std::map<std::string, cv::Mat> maps;
    const uint32_t count = r.get_count(40);
    for (uint32_t i = 0; i < count; ++i)
        maps.insert(get_map(r));
    auto take = [&](const std::string& name) {
        auto it = maps.find(name);
        if (it == maps.end())
            throw SessionFileError(file + ": the model has no '" + name + "' map");
        return it->second;
    };
    m->parsing = take("parsing");
    m->template_albedo = take("template_albedo");
    m->mean_albedo = take("mean_albedo");
    m->static_albedo = take("static_albedo");
    m->identity_shape = take("identity_shape");
    for (int i = 0; i < m->shape_count(); ++i) {
        const std::string k = std::to_string(i);
        m->attention.push_back(take("attention/" + k));
        m->shape_corrections.push_back(take("shape/" + k));
        m->dynamic_albedo.push_back(take("dynamic_albedo/" + k));
    }
}

std::vector<unsigned char> take_chunk(const core::Take& take) {
    Writer w;
    w.put<uint32_t>(static_cast<uint32_t>(take.frames.size()));
    for (const core::TakeFrame& f : take.frames) {
        w.put_bytes(f.weights.data(), sizeof(float) * f.weights.size());
        w.put_bytes(f.head_rotation.data(), sizeof(float) * 3);
        w.put_bytes(f.head_translation_cm.data(), sizeof(float) * 3);
        w.put<uint8_t>(f.has_face ? 1 : 0);
    }
    return std::move(w.bytes);
}

std::vector<unsigned char> fits_chunk(const std::vector<FrameFit>& frames) {
    Writer w;
    w.put<uint32_t>(static_cast<uint32_t>(frames.size()));
    for (const FrameFit& f : frames) {
        w.put<uint8_t>(f.has_face ? 1 : 0);
        w.put_bytes(f.lighting.gamma.data(), sizeof(float) * f.lighting.gamma.size());
        w.put<float>(f.photometric);
        w.put<float>(f.landmark_px);
        w.put<int32_t>(f.iterations);
    }
    return std::move(w.bytes);
}

}  // namespace

uint64_t write_session(const Session& session, const std::string& path) {
    std::string why;
    if (!session.is_valid(&why)) throw SessionFileError("cannot save the session: " + why);
    io::AtomicFile file(path);
    file.write(kMagic, sizeof kMagic);
    file.write_le<uint32_t>(kSessionFileVersion);
    file.write_le<uint32_t>(0);
    auto chunk = [&](const char tag[4], const std::vector<unsigned char>& payload) {
        file.write(tag, 4);
        file.write_le<uint64_t>(payload.size());
        file.write(payload.data(), payload.size());
        file.write_le<uint32_t>(crc32(payload.data(), payload.size()));
    };
    const std::string meta = meta_json(session).dump();
    chunk("META", std::vector<unsigned char>(meta.begin(), meta.end()));
    if (session.has_model()) {
        chunk("MODL", model_chunk(session.model));
        chunk("MAPS", maps_chunk(session.model));
    }
    chunk("TAKE", take_chunk(session.take));
    chunk("FFIT", fits_chunk(session.frames));
    chunk("END.", {});
    const uint64_t bytes = file.tell();
    file.commit();
    return bytes;
}

Session read_session(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw SessionFileError("cannot open the project file '" + path + "'");
    std::vector<unsigned char> data((std::istreambuf_iterator<char>(in)),
                                    std::istreambuf_iterator<char>());
    if (data.size() < 16 || std::memcmp(data.data(), kMagic, sizeof kMagic) != 0)
        throw SessionFileError("'" + path +
                               "' is not a Likeness project file (no LIKENESS header)");
    Reader header(data.data() + 8, 8, path);
    const uint32_t version = header.get<uint32_t>();
    if (version == 0) throw SessionFileError(path + ": format version 0 is not valid");
    std::map<std::string, std::pair<const unsigned char*, size_t>> chunks;
    size_t at = 16;
    bool ended = false;
    while (at < data.size()) {
        if (data.size() - at < 12)
            throw SessionFileError(path +
                                   ": the file ends inside a chunk header (it is truncated)");
        const std::string tag(reinterpret_cast<const char*>(data.data() + at), 4);
        uint64_t length;
        std::memcpy(&length, data.data() + at + 4, 8);
        at += 12;
        if (length > data.size() - at || data.size() - at - length < 4)
            throw SessionFileError(path + ": chunk " + tag +
                                   " runs past the end of the file (it is truncated)");
        const unsigned char* payload = data.data() + at;
        uint32_t stored;
        std::memcpy(&stored, payload + length, 4);
        if (crc32(payload, length) != stored)
            throw SessionFileError(path + ": chunk " + tag + " is damaged (checksum mismatch)");
        at += length + 4;
        if (tag == "END.") {
            ended = true;
            break;
        }
        chunks[tag] = {payload, length};  // unknown tags are kept and ignored
    }
    if (!ended) throw SessionFileError(path + ": no end marker (the file is truncated)");
    auto need = [&](const char* tag) {
        auto it = chunks.find(tag);
        if (it == chunks.end()) throw SessionFileError(path + ": the " + tag + " chunk is missing");
        return it->second;
    };
    Session s;
    const auto meta = need("META");
    read_meta(std::string(reinterpret_cast<const char*>(meta.first), meta.second), path, &s);
    if (chunks.count("MODL")) {
        const auto modl = need("MODL");
        Reader r(modl.first, modl.second, path + ": MODL");
        read_model(r, &s.model);
        const auto maps = need("MAPS");
        Reader rm(maps.first, maps.second, path + ": MAPS");
        read_maps(rm, &s.model, path);
        std::string why;
        if (!s.model.is_valid(&why))
            throw SessionFileError(path + ": the personal model is inconsistent: " + why);
        s.model.refresh();
    }
    const auto take = need("TAKE");
    Reader rt(take.first, take.second, path + ": TAKE");
    const uint32_t frames = rt.get_count(sizeof(float) * 58 + 1);
    s.take.frames.resize(frames);
    for (core::TakeFrame& f : s.take.frames) {
        rt.get_bytes(f.weights.data(), sizeof(float) * f.weights.size());
        rt.get_bytes(f.head_rotation.data(), sizeof(float) * 3);
        rt.get_bytes(f.head_translation_cm.data(), sizeof(float) * 3);
        f.has_face = rt.get<uint8_t>() != 0;
    }
    const auto fits = need("FFIT");
    Reader rf(fits.first, fits.second, path + ": FFIT");
    const uint32_t n = rf.get_count(sizeof(float) * 29 + 5);
    if (n != frames)
        throw SessionFileError(path + ": " + std::to_string(n) + " frame fits for " +
                               std::to_string(frames) + " take frames");
    s.frames.resize(n);
    for (FrameFit& f : s.frames) {
        f.has_face = rf.get<uint8_t>() != 0;
        rf.get_bytes(f.lighting.gamma.data(), sizeof(float) * f.lighting.gamma.size());
        f.photometric = rf.get<float>();
        f.landmark_px = rf.get<float>();
        f.iterations = rf.get<int32_t>();
    }
    std::string why;
    if (!s.is_valid(&why)) throw SessionFileError(path + ": " + why);
    return s;
}

}  // namespace likeness::fit
