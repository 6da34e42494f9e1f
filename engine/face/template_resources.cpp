#include "engine/face/template_resources.hpp"

#include <cstdlib>
#include <filesystem>

#include "engine/face/template_error.hpp"

namespace likeness::face {
namespace fs = std::filesystem;

std::vector<std::string> template_resource_search_path() {
    std::vector<std::string> folders;
    if (const char* env = std::getenv(kTemplateResourcesEnvVar); env && *env)
        folders.emplace_back(env);
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec)
        folders.push_back((exe.parent_path().parent_path() / "share/likeness/template").string());
    // The engine knows where models are installed and where the source tree keeps them; the
    // template parameters sit beside them (share/likeness/template, <source>/resources/template).
    folders.push_back((fs::path(LIKENESS_INSTALL_MODELS_DIR).parent_path() / "template").string());
    folders.push_back(
        (fs::path(LIKENESS_SOURCE_MODELS_DIR).parent_path() / "resources/template").string());
    return folders;
}

std::string find_template_resource(const std::string& file) {
    const auto folders = template_resource_search_path();
    std::error_code ec;
    for (const std::string& folder : folders) {
        const fs::path p = fs::path(folder) / file;
        if (fs::is_regular_file(p, ec)) return p.string();
    }
    std::string message = "template parameter file '" + file + "' not found. Looked in:";
    for (const std::string& folder : folders)
        message += "\n  " + folder;
    message += "\nReinstall Likeness, or set " + std::string(kTemplateResourcesEnvVar) +
               " to a folder that holds it.";
    throw TemplateError(message);
}

}  // namespace likeness::face
