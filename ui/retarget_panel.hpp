#pragma once
// The retarget panel (issue 9 §5, §6): the imported character, its mapping table (the 52 ARKit
// channels → target shapes with gains, how each was matched; searchable), an editor for the
// selected channel's targets and controls (gain, offset, clamp, smoothing), the global
// expression intensity and head rotation, and the mapping file. Every edit is an undoable
// session edit; imports and deformation transfer are jobs the main window runs.
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSlider;
class QTableWidget;

namespace likeness::ui {

class StudioSession;

class RetargetPanel : public QWidget {
    Q_OBJECT
  public:
    explicit RetargetPanel(StudioSession* session, QWidget* parent = nullptr);

    QTableWidget* table() const { return table_; }
    /// The channel the editor shows (-1: none).
    int selectedChannel() const { return channel_; }
    void selectChannel(int channel);
    /// The summary line ("51 of 52 channels mapped …").
    QString summary() const;

  public slots:
    void autoMap();
    void loadMapping(const QString& path);
    void saveMapping(const QString& path);

  signals:
    void importRequested();
    void transferRequested();
    /// A mapping file could not be read or written.
    void failed(const QString& title, const QString& message);

  private:
    void onCharacterChanged();
    void refreshTable();
    void refreshEditor();
    void refreshControls();
    void applyFilter();
    void setTarget(bool add);
    void editChannelControl();

    StudioSession* session_;
    int channel_ = -1;
    bool updating_ = false;
    QLabel* character_ = nullptr;
    QPushButton* transfer_ = nullptr;
    QLineEdit* filter_ = nullptr;
    QTableWidget* table_ = nullptr;
    QLabel* summary_ = nullptr;
    QLabel* channel_label_ = nullptr;
    QComboBox* target_ = nullptr;
    QDoubleSpinBox* target_gain_ = nullptr;
    QDoubleSpinBox* gain_ = nullptr;
    QDoubleSpinBox* offset_ = nullptr;
    QDoubleSpinBox* min_ = nullptr;
    QDoubleSpinBox* max_ = nullptr;
    QDoubleSpinBox* smoothing_ = nullptr;
    QSlider* intensity_ = nullptr;
    QLabel* intensity_value_ = nullptr;
    QCheckBox* head_rotation_ = nullptr;
};

}  // namespace likeness::ui
