#include "ui/retarget_panel.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSlider>
#include <QTableWidget>
#include <QUndoStack>
#include <QVBoxLayout>
#include <cmath>

#include "engine/face/arkit_names.hpp"
#include "engine/retarget/auto_map.hpp"
#include "engine/retarget/character.hpp"
#include "engine/retarget/mapping_json.hpp"
#include "engine/retarget/retarget_error.hpp"
#include "ui/studio_session.hpp"

namespace likeness::ui {
namespace {

enum Column { kChannel, kTargets, kGain, kMatch, kColumnCount };

QString targets_text(const retarget::ChannelEntry& entry) {
    QStringList parts;
    for (const retarget::MappedShape& t : entry.targets)
        parts << (t.gain == 1.f ? QString::fromStdString(t.shape)
                                : QString("%1 ×%2")
                                      .arg(QString::fromStdString(t.shape))
                                      .arg(t.gain, 0, 'g', 3));
    return parts.isEmpty() ? QStringLiteral("—") : parts.join(" + ");
}

QDoubleSpinBox* spin(QWidget* parent, double lo, double hi, double step, int decimals) {
    auto* s = new QDoubleSpinBox(parent);
    s->setRange(lo, hi);
    s->setSingleStep(step);
    s->setDecimals(decimals);
    s->setKeyboardTracking(false);
    return s;
}

}  // namespace

RetargetPanel::RetargetPanel(StudioSession* session, QWidget* parent)
    : QWidget(parent), session_(session) {
    setObjectName("RetargetPanel");
    auto* import = new QPushButton(tr("Import character…"), this);
    import->setToolTip(tr("FBX, glTF/GLB, OBJ, DAE, or a folder of per-shape OBJs"));
    connect(import, &QPushButton::clicked, this, &RetargetPanel::importRequested);
    transfer_ = new QPushButton(tr("Give it ARKit shapes"), this);
    transfer_->setToolTip(
        tr("Deformation transfer (Sumner & Popović 2004) of the 52 shapes of "
           "the face model onto the character, landmarks found automatically"));
    connect(transfer_, &QPushButton::clicked, this, &RetargetPanel::transferRequested);
    character_ = new QLabel(tr("No character: import one to drive it with the take."), this);
    character_->setWordWrap(true);

    filter_ = new QLineEdit(this);
    filter_->setPlaceholderText(tr("Search channels and shapes"));
    filter_->setClearButtonEnabled(true);
    connect(filter_, &QLineEdit::textChanged, this, &RetargetPanel::applyFilter);
    table_ = new QTableWidget(face::kArkitShapeCount, kColumnCount, this);
    table_->setObjectName("MappingTable");
    table_->setHorizontalHeaderLabels(
        {tr("Channel"), tr("Target shapes"), tr("Gain"), tr("Match")});
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->verticalHeader()->setVisible(false);
    table_->verticalHeader()->setDefaultSectionSize(20);
    table_->horizontalHeader()->setSectionResizeMode(kTargets, QHeaderView::Stretch);
    for (int c = 0; c < face::kArkitShapeCount; ++c)
        for (int col = 0; col < kColumnCount; ++col)
            table_->setItem(c, col, new QTableWidgetItem);
    connect(table_, &QTableWidget::currentCellChanged, this,
            [this](int row) { selectChannel(row); });
    summary_ = new QLabel(this);
    summary_->setObjectName("MappingSummary");
    summary_->setWordWrap(true);

    auto* automap = new QPushButton(tr("Auto map"), this);
    connect(automap, &QPushButton::clicked, this, &RetargetPanel::autoMap);
    auto* load = new QPushButton(tr("Load…"), this);
    connect(load, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Load mapping"), QString(),
                                                          tr("Mappings (*.json)"));
        if (!path.isEmpty()) loadMapping(path);
    });
    auto* save = new QPushButton(tr("Save…"), this);
    connect(save, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save mapping"), "mapping.json",
                                                          tr("Mappings (*.json)"));
        if (!path.isEmpty()) saveMapping(path);
    });

    // The selected channel: its targets and its controls.
    channel_label_ = new QLabel(this);
    target_ = new QComboBox(this);
    target_->setObjectName("MappingTarget");
    target_gain_ = spin(this, -10.0, 10.0, 0.1, 2);
    target_gain_->setValue(1.0);
    auto* set = new QPushButton(tr("Set"), this);
    set->setToolTip(tr("This shape alone drives the channel"));
    connect(set, &QPushButton::clicked, this, [this] { setTarget(false); });
    auto* add = new QPushButton(tr("Add"), this);
    add->setToolTip(tr("Also drive this shape (e.g. a left and a right half)"));
    connect(add, &QPushButton::clicked, this, [this] { setTarget(true); });
    auto* unmap = new QPushButton(tr("Unmap"), this);
    connect(unmap, &QPushButton::clicked, this, [this] {
        if (channel_ < 0) return;
        retarget::ChannelMapping m = session_->mapping();
        m.clear(channel_);
        session_->editMapping(
            m, tr("Unmap %1").arg(face::arkit_names()[static_cast<size_t>(channel_)].c_str()));
    });
    gain_ = spin(this, 0.0, 10.0, 0.05, 2);
    offset_ = spin(this, -1.0, 1.0, 0.05, 2);
    min_ = spin(this, 0.0, 1.0, 0.05, 2);
    max_ = spin(this, 0.0, 1.0, 0.05, 2);
    smoothing_ = spin(this, 0.0, 2.0, 0.01, 3);
    smoothing_->setSuffix(" s");
    for (QDoubleSpinBox* s : {gain_, offset_, min_, max_, smoothing_})
        connect(s, QOverload<double>::of(&QDoubleSpinBox::valueChanged), this,
                &RetargetPanel::editChannelControl);

    intensity_ = new QSlider(Qt::Horizontal, this);
    intensity_->setObjectName("RetargetIntensity");
    intensity_->setRange(0, 300);
    intensity_value_ = new QLabel(this);
    connect(intensity_, &QSlider::valueChanged, this, [this](int v) {
        intensity_value_->setText(QString::number(v / 100.0, 'f', 2));
        if (updating_) return;
        retarget::RetargetControls c = session_->controls();
        c.intensity = static_cast<float>(v / 100.0);
        session_->editControls(c, tr("Expression intensity"));
    });
    head_rotation_ = new QCheckBox(tr("Head rotation"), this);
    connect(head_rotation_, &QCheckBox::toggled, this, [this](bool on) {
        if (updating_) return;
        retarget::RetargetControls c = session_->controls();
        c.head_rotation = on;
        session_->editControls(c, on ? tr("Head rotation on") : tr("Head rotation off"));
    });

    auto* top = new QHBoxLayout;
    top->addWidget(import);
    top->addWidget(transfer_);
    top->addStretch(1);
    auto* files = new QHBoxLayout;
    files->addWidget(filter_, 1);
    files->addWidget(automap);
    files->addWidget(load);
    files->addWidget(save);
    auto* editor = new QGroupBox(tr("Selected channel"), this);
    auto* form = new QFormLayout(editor);
    form->addRow(channel_label_);
    auto* target_row = new QHBoxLayout;
    target_row->addWidget(target_, 1);
    target_row->addWidget(new QLabel(tr("×"), this));
    target_row->addWidget(target_gain_);
    target_row->addWidget(set);
    target_row->addWidget(add);
    target_row->addWidget(unmap);
    form->addRow(tr("Target"), target_row);
    auto* control_row = new QHBoxLayout;
    control_row->addWidget(new QLabel(tr("gain"), this));
    control_row->addWidget(gain_);
    control_row->addWidget(new QLabel(tr("offset"), this));
    control_row->addWidget(offset_);
    control_row->addWidget(new QLabel(tr("clamp"), this));
    control_row->addWidget(min_);
    control_row->addWidget(max_);
    control_row->addWidget(new QLabel(tr("smooth"), this));
    control_row->addWidget(smoothing_);
    form->addRow(tr("Controls"), control_row);
    auto* global = new QHBoxLayout;
    global->addWidget(new QLabel(tr("Expression intensity"), this));
    global->addWidget(intensity_, 1);
    global->addWidget(intensity_value_);
    global->addWidget(head_rotation_);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(top);
    layout->addWidget(character_);
    layout->addLayout(files);
    layout->addWidget(table_, 1);
    layout->addWidget(summary_);
    layout->addWidget(editor);
    layout->addLayout(global);

    connect(session_, &StudioSession::characterChanged, this, &RetargetPanel::onCharacterChanged);
    connect(session_, &StudioSession::mappingChanged, this, &RetargetPanel::refreshTable);
    connect(session_, &StudioSession::controlsChanged, this, &RetargetPanel::refreshControls);
    onCharacterChanged();
    refreshControls();
}

void RetargetPanel::onCharacterChanged() {
    const auto character = session_->character();
    transfer_->setEnabled(character != nullptr);
    character_->setText(character ? QString::fromStdString(retarget::describe(*character))
                                  : tr("No character: import one to drive it with the take."));
    character_->setToolTip(character && !character->warnings.empty()
                               ? QString::fromStdString(character->warnings.front())
                               : QString());
    refreshTable();
}

void RetargetPanel::refreshTable() {
    const retarget::ChannelMapping& m = session_->mapping();
    const auto& names = face::arkit_names();
    for (int c = 0; c < face::kArkitShapeCount; ++c) {
        const retarget::ChannelEntry& e = m.channels[static_cast<size_t>(c)];
        table_->item(c, kChannel)->setText(QString::fromStdString(names[static_cast<size_t>(c)]));
        table_->item(c, kTargets)->setText(targets_text(e));
        table_->item(c, kGain)->setText(
            QString::number(session_->controls().channels[static_cast<size_t>(c)].gain, 'f', 2));
        table_->item(c, kMatch)->setText(retarget::match_kind_name(e.match));
        const QColor colour = e.targets.empty() ? QColor(200, 80, 80) : palette().text().color();
        for (int col = 0; col < kColumnCount; ++col)
            table_->item(c, col)->setForeground(colour);
    }
    summary_->setText(summary());
    applyFilter();
    refreshEditor();
}

QString RetargetPanel::summary() const {
    const auto character = session_->character();
    if (!character) return tr("No character.");
    const retarget::ChannelMapping& m = session_->mapping();
    QString text = tr("%1 of 52 channels mapped.").arg(m.mapped_count());
    const auto unmatched = m.unmatched_channels();
    if (!unmatched.empty()) {
        QStringList names;
        for (const std::string& n : unmatched)
            names << QString::fromStdString(n);
        text += tr(" Unmatched: %1.").arg(names.join(", "));
    }
    const auto unused = m.unused_shapes(character->rig.shape_names);
    if (!unused.empty())
        text += tr(" %n character shape(s) unused.", "", static_cast<int>(unused.size()));
    return text;
}

void RetargetPanel::selectChannel(int channel) {
    if (channel == channel_) return;
    channel_ = channel;
    if (channel >= 0 && table_->currentRow() != channel) table_->selectRow(channel);
    refreshEditor();
}

void RetargetPanel::refreshEditor() {
    updating_ = true;
    const auto character = session_->character();
    const bool valid = channel_ >= 0 && channel_ < face::kArkitShapeCount;
    channel_label_->setText(
        valid ? QString("<b>%1</b>: %2")
                    .arg(face::arkit_names()[static_cast<size_t>(channel_)].c_str(),
                         targets_text(session_->mapping().channels[static_cast<size_t>(channel_)]))
              : tr("Select a channel in the table"));
    target_->clear();
    if (valid && character) {
        for (const retarget::ShapeCandidate& c :
             retarget::shape_candidates(channel_, character->rig.shape_names))
            target_->addItem(QString("%1  (%2)")
                                 .arg(QString::fromStdString(c.shape))
                                 .arg(c.match == retarget::MatchKind::kNone
                                          ? QString::number(c.score, 'f', 2)
                                          : QString(retarget::match_kind_name(c.match))),
                             QString::fromStdString(c.shape));
    }
    target_->setEnabled(valid && character && target_->count() > 0);
    if (valid) {
        const retarget::ChannelControl& c =
            session_->controls().channels[static_cast<size_t>(channel_)];
        gain_->setValue(c.gain);
        offset_->setValue(c.offset);
        min_->setValue(c.min);
        max_->setValue(c.max);
        smoothing_->setValue(c.smoothing_s);
    }
    for (QDoubleSpinBox* s : {gain_, offset_, min_, max_, smoothing_})
        s->setEnabled(valid);
    updating_ = false;
}

void RetargetPanel::refreshControls() {
    updating_ = true;
    const retarget::RetargetControls& c = session_->controls();
    intensity_->setValue(static_cast<int>(std::lround(c.intensity * 100.f)));
    intensity_value_->setText(QString::number(c.intensity, 'f', 2));
    head_rotation_->setChecked(c.head_rotation);
    updating_ = false;
    for (int r = 0; r < face::kArkitShapeCount; ++r)
        table_->item(r, kGain)->setText(
            QString::number(c.channels[static_cast<size_t>(r)].gain, 'f', 2));
    refreshEditor();
}

void RetargetPanel::applyFilter() {
    const QString text = filter_->text();
    for (int r = 0; r < table_->rowCount(); ++r)
        table_->setRowHidden(
            r, !text.isEmpty() &&
                   !table_->item(r, kChannel)->text().contains(text, Qt::CaseInsensitive) &&
                   !table_->item(r, kTargets)->text().contains(text, Qt::CaseInsensitive));
}

void RetargetPanel::setTarget(bool add) {
    if (channel_ < 0 || target_->currentIndex() < 0) return;
    retarget::ChannelMapping m = session_->mapping();
    const retarget::MappedShape target{target_->currentData().toString().toStdString(),
                                       static_cast<float>(target_gain_->value())};
    if (add)
        m.add(channel_, target);
    else
        m.set(channel_, {target});
    session_->editMapping(m, tr("%1 → %2")
                                 .arg(face::arkit_names()[static_cast<size_t>(channel_)].c_str())
                                 .arg(QString::fromStdString(target.shape)));
}

void RetargetPanel::editChannelControl() {
    if (updating_ || channel_ < 0) return;
    retarget::RetargetControls c = session_->controls();
    retarget::ChannelControl& control = c.channels[static_cast<size_t>(channel_)];
    control.gain = static_cast<float>(gain_->value());
    control.offset = static_cast<float>(offset_->value());
    control.min = static_cast<float>(std::min(min_->value(), max_->value()));
    control.max = static_cast<float>(std::max(min_->value(), max_->value()));
    control.smoothing_s = static_cast<float>(smoothing_->value());
    if (control == session_->controls().channels[static_cast<size_t>(channel_)]) return;
    session_->editControls(
        c, tr("Controls of %1").arg(face::arkit_names()[static_cast<size_t>(channel_)].c_str()));
}

void RetargetPanel::autoMap() {
    const auto character = session_->character();
    if (!character) return;
    session_->editMapping(retarget::auto_map(character->rig.shape_names), tr("Auto map"));
}

void RetargetPanel::loadMapping(const QString& path) {
    try {
        retarget::RetargetControls controls;
        const retarget::ChannelMapping m =
            retarget::read_mapping_json(path.toStdString(), &controls);
        std::string why;
        if (session_->character() && !m.is_valid(session_->character()->rig.shape_names, &why))
            throw retarget::RetargetError(path.toStdString() + ": " + why);
        session_->undoStack()->beginMacro(tr("Load mapping"));
        session_->editMapping(m, tr("Load mapping"));
        session_->editControls(controls, tr("Load mapping controls"));
        session_->undoStack()->endMacro();
    } catch (const std::exception& e) {
        emit failed(tr("Cannot load the mapping"), QString::fromStdString(e.what()));
    }
}

void RetargetPanel::saveMapping(const QString& path) {
    try {
        const auto character = session_->character();
        retarget::write_mapping_json(
            path.toStdString(), session_->mapping(),
            character ? character->rig.shape_names : std::vector<std::string>{},
            &session_->controls());
    } catch (const std::exception& e) {
        emit failed(tr("Cannot save the mapping"), QString::fromStdString(e.what()));
    }
}

}  // namespace likeness::ui
