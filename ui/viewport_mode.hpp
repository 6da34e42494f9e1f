#pragma once
// The viewport's display modes (issue 8 §2), in menu order.
#include <QMetaType>
#include <QString>
#include <array>

namespace likeness::ui {

enum class ViewportMode {
    Shape,           ///< shaded geometry
    Albedo,          ///< the albedo texture (static, or at the current w with dynamic albedo)
    Reconstruction,  ///< albedo × SH shading of the current frame
    Lighting,        ///< SH shading alone (a white face under the frame's lighting)
    Overlay,         ///< the reconstruction over the video frame, seen by the tracked camera
    ColourMap,       ///< the inspectors' per-vertex heat map
};

constexpr std::array<ViewportMode, 6> kViewportModes = {
    ViewportMode::Shape,    ViewportMode::Albedo,  ViewportMode::Reconstruction,
    ViewportMode::Lighting, ViewportMode::Overlay, ViewportMode::ColourMap};

/// Menu text ("Shape", "Albedo", ...).
QString viewport_mode_name(ViewportMode mode);
/// Stable key for settings and the command line ("shape", "albedo", ...).
QString viewport_mode_key(ViewportMode mode);
/// The mode of a key; Shape for an unknown one.
ViewportMode viewport_mode_from_key(const QString& key);

}  // namespace likeness::ui

Q_DECLARE_METATYPE(likeness::ui::ViewportMode)
