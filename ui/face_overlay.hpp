#pragma once
// What the video panel draws over a frame: a face's landmarks in image pixels.
#include <QMetaType>
#include <QPointF>
#include <QRectF>
#include <QVector>

namespace likeness::ui {

struct FaceOverlay {
    qint64 frame = -1;        ///< the frame these landmarks belong to
    bool face = false;        ///< false: the frame has no face (nothing to draw)
    QRectF box;               ///< the crop box the mesh ran on
    QVector<QPointF> mesh;    ///< 468 FaceMesh points
    QVector<QPointF> ibug68;  ///< the 68-point subset
    QVector<QPointF> iris_centres;
    QVector<double> iris_radii;  ///< px, one per centre
};

}  // namespace likeness::ui

Q_DECLARE_METATYPE(likeness::ui::FaceOverlay)
