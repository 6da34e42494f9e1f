#include "ui/export_dialog.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace likeness::ui {
namespace {

struct FormatEntry {
    io::ExportFormat format;
    const char* text;
};
const FormatEntry kFormats[] = {
    {io::ExportFormat::kGlb, "glTF binary (.glb): rig + animation"},
    {io::ExportFormat::kGltf, "glTF (.gltf + .bin + textures): rig + animation"},
    {io::ExportFormat::kFbx, "FBX binary (.fbx): rig + animation"},
    {io::ExportFormat::kObj, "OBJ set (folder): neutral + one OBJ per shape"},
    {io::ExportFormat::kCsv, "Live Link Face CSV (.csv): weights per frame"},
    {io::ExportFormat::kJson, "Take JSON (.json): weights and head pose per frame"},
};

}  // namespace

ExportDialog::ExportDialog(const QStringList& rigs, bool has_take, const QString& folder,
                           const QString& base_name, QWidget* parent)
    : QDialog(parent), has_take_(has_take), folder_(folder), base_name_(base_name) {
    setWindowTitle(tr("Export"));
    rig_ = new QComboBox(this);
    rig_->setObjectName("ExportRig");
    rig_->addItems(rigs);
    format_ = new QComboBox(this);
    format_->setObjectName("ExportFormat");
    for (const FormatEntry& f : kFormats)
        format_->addItem(tr(f.text), static_cast<int>(f.format));
    head_ = new QComboBox(this);
    head_->addItem(tr("Rotation and translation (camera space)"),
                   static_cast<int>(io::HeadMotion::kCameraSpace));
    head_->addItem(tr("Rotation only"), static_cast<int>(io::HeadMotion::kRotationOnly));
    head_->addItem(tr("None (blend shapes only)"), static_cast<int>(io::HeadMotion::kNone));
    animation_ = new QCheckBox(tr("Include the take's animation"), this);
    animation_->setChecked(has_take);
    animation_->setEnabled(has_take);
    texture_ = new QCheckBox(tr("Albedo textures"), this);
    texture_->setChecked(true);
    dynamic_ = new QCheckBox(tr("Per-shape dynamic albedo (OBJ)"), this);
    dynamic_->setChecked(true);
    path_ = new QLineEdit(this);
    path_->setObjectName("ExportPath");
    auto* browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, &ExportDialog::browse);
    auto* path_row = new QHBoxLayout;
    path_row->addWidget(path_, 1);
    path_row->addWidget(browse);
    note_ = new QLabel(this);
    note_->setWordWrap(true);

    auto* form = new QFormLayout;
    form->addRow(tr("Rig"), rig_);
    form->addRow(tr("Format"), format_);
    form->addRow(tr("Head motion"), head_);
    form->addRow(QString(), animation_);
    form->addRow(QString(), texture_);
    form->addRow(QString(), dynamic_);
    form->addRow(tr("Save to"), path_row);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note_);
    layout->addWidget(buttons);
    connect(format_, QOverload<int>::of(&QComboBox::currentIndexChanged), this,
            &ExportDialog::onFormatChanged);
    connect(path_, &QLineEdit::textChanged, this, [this, buttons] {
        buttons->button(QDialogButtonBox::Ok)
            ->setEnabled(!path_->text().isEmpty() && (has_take_ || io::exports_rig(format())));
    });
    onFormatChanged();
}

io::ExportFormat ExportDialog::format() const {
    return static_cast<io::ExportFormat>(format_->currentData().toInt());
}

void ExportDialog::setFormat(io::ExportFormat format) {
    format_->setCurrentIndex(format_->findData(static_cast<int>(format)));
}

void ExportDialog::setPath(const QString& path) {
    path_->setText(path);
}

void ExportDialog::onFormatChanged() {
    const io::ExportFormat f = format();
    const bool rig = io::exports_rig(f);
    const bool animated =
        f == io::ExportFormat::kGlb || f == io::ExportFormat::kGltf || f == io::ExportFormat::kFbx;
    head_->setEnabled(animated && has_take_);
    animation_->setEnabled(animated && has_take_);
    texture_->setEnabled(rig);
    dynamic_->setEnabled(f == io::ExportFormat::kObj);
    if (!rig && !has_take_)
        note_->setText(tr("This format writes a take: track a video or open a take first."));
    else if (f == io::ExportFormat::kObj)
        note_->setText(tr("The path is a folder; it is created if needed."));
    else
        note_->clear();
    const QString current = path_->text();
    const QString base =
        current.isEmpty()
            ? QDir(folder_).filePath(base_name_)
            : QFileInfo(current).dir().filePath(QFileInfo(current).completeBaseName());
    path_->setText(base + QString::fromLatin1(io::export_extension(f)));
}

void ExportDialog::browse() {
    const io::ExportFormat f = format();
    QString path;
    if (f == io::ExportFormat::kObj)
        path = QFileDialog::getExistingDirectory(this, tr("Export to folder"), folder_);
    else
        path = QFileDialog::getSaveFileName(this, tr("Export"), path_->text(),
                                            QString("*%1").arg(io::export_extension(f)));
    if (!path.isEmpty()) path_->setText(path);
}

int ExportDialog::rigIndex() const {
    return rig_->currentIndex();
}

bool ExportDialog::includeAnimation() const {
    return animation_->isEnabled() && animation_->isChecked();
}

io::ExportRequest ExportDialog::request() const {
    io::ExportRequest r;
    r.format = format();
    r.path = path_->text().toStdString();
    r.head_motion = static_cast<io::HeadMotion>(head_->currentData().toInt());
    r.texture = texture_->isChecked();
    r.dynamic_albedo = dynamic_->isChecked();
    return r;
}

}  // namespace likeness::ui
