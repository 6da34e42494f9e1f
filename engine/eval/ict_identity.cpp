#include "engine/eval/ict_identity.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "engine/face/ict_comparison.hpp"
#include "engine/face/indexed_obj.hpp"
#include "engine/face/mesh_registration.hpp"

namespace likeness::eval {
namespace {

namespace fs = std::filesystem;

std::string identity_file(int k) {
    char name[32];
    std::snprintf(name, sizeof name, "identity%03d.obj", k);
    return name;
}

std::string shell_quoted(const std::string& s) {
    std::string out = "'";
    for (char c : s)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

bool all_present(const std::string& folder, int modes) {
    for (int k = 0; k < modes; ++k)
        if (!fs::exists(fs::path(folder) / identity_file(k))) return false;
    return true;
}

}  // namespace

std::string default_ict_cache_folder() {
    std::string base;
    if (const char* c = std::getenv("LIKENESS_CACHE"); c && *c)
        base = c;
    else if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x)
        base = std::string(x) + "/likeness";
    else if (const char* h = std::getenv("HOME"); h && *h)
        base = std::string(h) + "/.cache/likeness";
    else
        base = fs::temp_directory_path().string() + "/likeness";
    return base + "/ict-identities";
}

std::string extract_ict_identities(const std::string& ict_folder, const std::string& cache_folder,
                                   int modes) {
    if (modes < 0 || modes > kIctIdentityModeCount)
        throw std::runtime_error("ICT identities: modes must be in [0, 80]");
    if (all_present(cache_folder, modes)) return cache_folder;
    const std::string archive = ict_folder + "/" + kIctIdentityArchive;
    if (!fs::exists(archive))
        throw std::runtime_error("ICT identities: '" + archive +
                                 "' not found (is the ICT-FaceKit folder complete?)");
    std::error_code ec;
    fs::create_directories(cache_folder, ec);
    if (ec)
        throw std::runtime_error("ICT identities: cannot create the cache folder '" + cache_folder +
                                 "': " + ec.message());
    // Extract into a private folder, then rename file by file: a concurrent reader sees a file
    // either complete or not at all.
    const fs::path staging =
        fs::path(cache_folder) / (".extract-" + std::to_string(static_cast<long>(getpid())));
    fs::create_directories(staging, ec);
    std::string command =
        "tar -xJf " + shell_quoted(archive) + " -C " + shell_quoted(staging.string()) + " 2>&1";
    for (int k = 0; k < modes; ++k)
        command += " " + identity_file(k);
    std::string message;
    int status = -1;
    if (FILE* pipe = popen(command.c_str(), "r")) {
        char buffer[256];
        while (std::fgets(buffer, sizeof buffer, pipe))
            if (message.size() < 2000) message += buffer;
        status = pclose(pipe);
    }
    if (status != 0) {
        fs::remove_all(staging, ec);
        throw std::runtime_error("ICT identities: extracting '" + archive +
                                 "' with tar failed (needs tar and xz): " + message);
    }
    for (int k = 0; k < modes; ++k) {
        const fs::path target = fs::path(cache_folder) / identity_file(k);
        if (!fs::exists(target)) fs::rename(staging / identity_file(k), target, ec);
    }
    fs::remove_all(staging, ec);
    if (!all_present(cache_folder, modes))
        throw std::runtime_error("ICT identities: '" + archive + "' lacks identity files");
    return cache_folder;
}

IctIdentityBasis ict_identity_basis(const face::TemplateRig& rig, const std::string& ict_folder,
                                    const std::string& identities_folder, int modes,
                                    const core::Progress& progress) {
    if (modes < 0 || modes > kIctIdentityModeCount)
        throw std::runtime_error("ICT identities: modes must be in [0, 80]");
    const face::IctFace ict = face::read_ict_face(ict_folder);
    const core::Mesh& N = ict.neutral;
    const std::vector<bool> face_area = ict.triangles_below(ict.face_area_vertices);
    const std::vector<bool> skin = ict.triangles_below(ict.skin_vertices);
    progress.report(0.0, "registering the template to ICT");
    const face::RegistrationResult reg = face::register_mesh(
        rig.neutral, rig.ibug68, N, ict.landmarks, {}, {}, face_area,
        core::Progress([&](double f, const std::string& s) { progress.report(0.4 * f, s); }));
    const std::vector<face::SurfacePoint> hits = face::closest_points(N.V, N.F, reg.V, 100.f, skin);

    IctIdentityBasis basis;
    basis.registration_landmark_rms_cm = reg.landmark_rms_cm;
    basis.registration_surface_cm = reg.mean_surface_distance_cm;
    basis.scale = reg.similarity.scale;
    basis.offset = face::sample_ict_field(N.V, N.F, hits, reg, true) - rig.neutral.V;
    for (int k = 0; k < modes; ++k) {
        progress.check();
        const std::string path = identities_folder + "/" + identity_file(k);
        if (!fs::exists(path))
            throw std::runtime_error("ICT identities: '" + path +
                                     "' not found (run extract_ict_identities first)");
        const core::Mesh person = face::read_indexed_obj(path, false);
        if (person.vertex_count() != N.vertex_count())
            throw std::runtime_error("ICT identities: '" + path +
                                     "' does not have the neutral's vertex count");
        basis.modes.push_back(face::sample_ict_field(person.V - N.V, N.F, hits, reg, false));
        progress.report(0.4 + 0.6 * (k + 1) / std::max(1, modes), "sampling ICT identity modes");
    }
    return basis;
}

Eigen::VectorXf random_ict_coefficients(int modes, Rng& rng) {
    Eigen::VectorXf c(modes);
    for (int k = 0; k < modes; ++k)
        c[k] = static_cast<float>(rng.clamped_normal(3.0));
    return c;
}

core::MatrixX3fR ict_identity(const IctIdentityBasis& basis, const Eigen::VectorXf& c) {
    core::MatrixX3fR delta = basis.offset;
    const Eigen::Index k_max = std::min<Eigen::Index>(c.size(), basis.modes.size());
    for (Eigen::Index k = 0; k < k_max; ++k)
        delta += c[k] * basis.modes[static_cast<size_t>(k)];
    return delta;
}

}  // namespace likeness::eval
