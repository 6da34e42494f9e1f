#include "ui/studio_state_file.hpp"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <stdexcept>

#include "engine/fit/session_pipeline.hpp"
#include "engine/io/atomic_file.hpp"
#include "engine/retarget/mapping_json.hpp"

namespace likeness::ui {
namespace {
constexpr int kVersion = 1;
}

QString studio_state_path(const QString& project_path) {
    return project_path + ".studio.json";
}

void write_studio_state(const QString& project_path, const StudioState& state,
                        const std::vector<std::string>& character_shapes) {
    QJsonObject root;
    root["format"] = "likeness-studio-state";
    root["version"] = kVersion;
    root["character"] = state.character_path;
    const std::string mapping =
        retarget::mapping_json_text(state.mapping, character_shapes, &state.controls);
    root["mapping"] = QJsonDocument::fromJson(QByteArray::fromStdString(mapping)).object();
    QJsonObject settings;
    settings["frames"] = state.settings.frame_count;
    settings["ablation"] = state.settings.ablation;
    settings["estimate_focal"] = state.settings.estimate_focal;
    settings["focal_factor"] = state.settings.focal_factor;
    settings["ict_folder"] = state.settings.ict_folder;
    root["job_settings"] = settings;
    const QByteArray text = QJsonDocument(root).toJson();
    io::write_file_atomically(studio_state_path(project_path).toStdString(), text.toStdString());
}

std::optional<StudioState> read_studio_state(const QString& project_path) {
    const QString path = studio_state_path(project_path);
    if (!QFileInfo::exists(path)) return std::nullopt;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw std::runtime_error(path.toStdString() + ": " + file.errorString().toStdString());
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (doc.isNull() || !doc.isObject())
        throw std::runtime_error(path.toStdString() + ": not JSON (" +
                                 error.errorString().toStdString() + ")");
    const QJsonObject root = doc.object();
    if (root["format"].toString() != "likeness-studio-state")
        throw std::runtime_error(path.toStdString() + ": not a Likeness Studio state file");
    StudioState state;
    state.character_path = root["character"].toString();
    if (root.contains("mapping")) {
        const QByteArray mapping = QJsonDocument(root["mapping"].toObject()).toJson();
        state.mapping = retarget::parse_mapping_json(mapping.toStdString(), path.toStdString(),
                                                     &state.controls);
    }
    const QJsonObject settings = root["job_settings"].toObject();
    state.settings.frame_count = settings["frames"].toInt(state.settings.frame_count);
    state.settings.ablation = settings["ablation"].toString(state.settings.ablation);
    state.settings.estimate_focal = settings["estimate_focal"].toBool(state.settings.estimate_focal);
    const double focal_factor = settings["focal_factor"].toDouble(state.settings.focal_factor);
    if (focal_factor >= fit::kMinFocalFactor && focal_factor <= fit::kMaxFocalFactor)
        state.settings.focal_factor = focal_factor;
    state.settings.ict_folder = settings["ict_folder"].toString(state.settings.ict_folder);
    return state;
}

}  // namespace likeness::ui
