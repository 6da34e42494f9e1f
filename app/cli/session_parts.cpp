#include "app/cli/session_parts.hpp"

#include <filesystem>

namespace likeness::cli {

bool is_session_path(const std::string& path) {
    return std::filesystem::path(path).extension() == ".likeness";
}

core::Take session_take(const fit::Session& session, const std::string& path) {
    if (session.take.frame_count() == 0)
        throw MissingSessionPart("'" + path +
                                 "' holds no take (no video was tracked with its model); make "
                                 "one with 'likeness track VIDEO --model " +
                                 path + " --out TAKE.json'");
    return session.take;
}

core::BlendshapeRig session_rig(const fit::Session& session, const std::string& path) {
    if (!session.has_model())
        throw MissingSessionPart("'" + path +
                                 "' holds no personal model (make one with 'likeness personalize "
                                 "VIDEO --out " +
                                 path + "')");
    return session.model.to_blendshape_rig(std::filesystem::path(path).stem().string());
}

std::string recorded_input_path(const std::string& input) {
    std::error_code ec;
    if (!std::filesystem::exists(input, ec)) return input;
    const std::filesystem::path absolute = std::filesystem::absolute(input, ec);
    return ec ? input : absolute.lexically_normal().string();
}

}  // namespace likeness::cli
