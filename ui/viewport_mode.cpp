#include "ui/viewport_mode.hpp"

#include <QCoreApplication>

namespace likeness::ui {

QString viewport_mode_name(ViewportMode mode) {
    switch (mode) {
        case ViewportMode::Shape:
            return QCoreApplication::translate("Viewport", "Shape");
        case ViewportMode::Albedo:
            return QCoreApplication::translate("Viewport", "Albedo");
        case ViewportMode::Reconstruction:
            return QCoreApplication::translate("Viewport", "Full reconstruction");
        case ViewportMode::Lighting:
            return QCoreApplication::translate("Viewport", "Lighting only");
        case ViewportMode::Overlay:
            return QCoreApplication::translate("Viewport", "Overlay on video");
        case ViewportMode::ColourMap:
            return QCoreApplication::translate("Viewport", "Colour map");
    }
    return {};
}

QString viewport_mode_key(ViewportMode mode) {
    switch (mode) {
        case ViewportMode::Shape:
            return "shape";
        case ViewportMode::Albedo:
            return "albedo";
        case ViewportMode::Reconstruction:
            return "reconstruction";
        case ViewportMode::Lighting:
            return "lighting";
        case ViewportMode::Overlay:
            return "overlay";
        case ViewportMode::ColourMap:
            return "colourmap";
    }
    return "shape";
}

ViewportMode viewport_mode_from_key(const QString& key) {
    for (ViewportMode mode : kViewportModes)
        if (viewport_mode_key(mode) == key) return mode;
    return ViewportMode::Shape;
}

}  // namespace likeness::ui
