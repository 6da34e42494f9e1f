#pragma once
// The lighting panel (issue 8 §5): the frame's 27 SH coefficients γ (paper §3.3) as a lit sphere
// (a white Lambertian ball seen by the camera, so the light's direction and colour read at a
// glance) and as numbers, 9 bands × R, G, B.
#include <QWidget>

#include "engine/core/sh_lighting.hpp"

class QLabel;
class QTableWidget;

namespace likeness::ui {

class FrameView;

/// A size-square image of a unit sphere shaded by `lighting` (camera frame: +x right, +y up,
/// +z towards the viewer), on a dark background.
QImage lit_sphere_image(const core::ShLighting& lighting, int size);

class LightingPanel : public QWidget {
    Q_OBJECT
  public:
    explicit LightingPanel(QWidget* parent = nullptr);
    /// `tracked` false: the lighting is the default (nothing tracked for this frame).
    void setLighting(const core::ShLighting& lighting, bool tracked);
    QImage sphereImage() const;
    QTableWidget* table() const { return table_; }

  private:
    FrameView* sphere_ = nullptr;
    QTableWidget* table_ = nullptr;
    QLabel* caption_ = nullptr;
    core::ShLighting shown_;
    bool has_shown_ = false;
};

}  // namespace likeness::ui
