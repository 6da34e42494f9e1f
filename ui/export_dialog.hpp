#pragma once
// File → Export…: the format (glTF, GLB, FBX, OBJ set, Live Link CSV, take JSON) and its options,
// bound to io::ExportRequest. The export itself runs as a job with progress.
#include <QDialog>

#include "engine/io/rig_export.hpp"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;

namespace likeness::ui {

class ExportDialog : public QDialog {
    Q_OBJECT
  public:
    /// `rigs`: what can be exported (the face model, a driven character); `has_take`: a take is
    /// loaded (animation, CSV, JSON); `folder`: where Browse starts.
    ExportDialog(const QStringList& rigs, bool has_take, const QString& folder,
                 const QString& base_name, QWidget* parent = nullptr);

    /// Index into `rigs` of the rig chosen.
    int rigIndex() const;

    /// The request without rig and take pointers (the caller fills them).
    io::ExportRequest request() const;
    /// Rig formats: write the take's animation too.
    bool includeAnimation() const;
    void setFormat(io::ExportFormat format);
    void setPath(const QString& path);

  private:
    void onFormatChanged();
    void browse();
    io::ExportFormat format() const;

    bool has_take_;
    QString folder_;
    QString base_name_;
    QComboBox* rig_ = nullptr;
    QComboBox* format_ = nullptr;
    QComboBox* head_ = nullptr;
    QCheckBox* texture_ = nullptr;
    QCheckBox* dynamic_ = nullptr;
    QCheckBox* animation_ = nullptr;
    QLineEdit* path_ = nullptr;
    QLabel* note_ = nullptr;
};

}  // namespace likeness::ui
