#pragma once
// The timeline: transport buttons, a ruler to scrub (click or drag), the playhead, a strip that
// marks frames where the take found no face, and the frame / time readout. It drives and
// follows the FrameClock.
#include <QWidget>
#include <vector>

class QLabel;
class QToolButton;

namespace likeness::ui {

class FrameClock;

/// The ruler itself: frame ticks, face strip, playhead; scrubbing with the mouse.
class TimelineRuler : public QWidget {
    Q_OBJECT
  public:
    explicit TimelineRuler(FrameClock* clock, QWidget* parent = nullptr);
    /// One flag per frame, true where the take has a face (empty: no take).
    void setFaceFlags(std::vector<bool> flags);
    QSize sizeHint() const override { return {600, 46}; }
    QSize minimumSizeHint() const override { return {120, 40}; }
    /// The frame under widget x.
    qint64 frameAt(double x) const;
    double xOf(qint64 frame) const;

  protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;

  private:
    FrameClock* clock_;
    std::vector<bool> face_flags_;
};

class TimelinePanel : public QWidget {
    Q_OBJECT
  public:
    explicit TimelinePanel(FrameClock* clock, QWidget* parent = nullptr);
    TimelineRuler* ruler() const { return ruler_; }
    void setFaceFlags(std::vector<bool> flags);

  private:
    void updateReadout();

    FrameClock* clock_;
    TimelineRuler* ruler_ = nullptr;
    QToolButton* play_ = nullptr;
    QLabel* readout_ = nullptr;
};

}  // namespace likeness::ui
