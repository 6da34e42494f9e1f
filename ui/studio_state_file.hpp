#pragma once
// What the studio keeps beside a project file (PROJECT.likeness.studio.json): the parts of a
// session the engine's project file does not hold — the driven character (its path), the
// mapping table and controls (in the mapping file's JSON, mapping_json.hpp) and the job
// settings. Written atomically with the project; a missing or unreadable side file only loses
// these extras, never the project.
#include <QString>
#include <optional>

#include "engine/retarget/channel_mapping.hpp"
#include "engine/retarget/retarget_controls.hpp"
#include "ui/studio_session.hpp"

namespace likeness::ui {

struct StudioState {
    QString character_path;  ///< empty: no character
    retarget::ChannelMapping mapping;
    retarget::RetargetControls controls;
    JobSettings settings;
};

/// The side file's path for a project file.
QString studio_state_path(const QString& project_path);

/// Writes the side file. Throws std::runtime_error naming the file when it cannot be written.
void write_studio_state(const QString& project_path, const StudioState& state,
                        const std::vector<std::string>& character_shapes);

/// Reads the side file; nullopt when there is none. Throws std::runtime_error naming the file
/// and what is wrong when it exists but cannot be read.
std::optional<StudioState> read_studio_state(const QString& project_path);

}  // namespace likeness::ui
