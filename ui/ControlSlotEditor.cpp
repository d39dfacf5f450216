#include "ui/ControlSlotEditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPixmap>
#include <QSignalBlocker>
#include <QSlider>
#include <QToolButton>
#include <QVBoxLayout>
#include <cmath>

#include "ui/RangeSlider.h"

namespace shotcraft::ui {

namespace {
constexpr int kPreviewHeight_px = 110;

template <typename Widget, typename Value>
void setQuietly(Widget* w, Value v) {
  const QSignalBlocker block(w);
  w->setValue(v);
}

QDoubleSpinBox* fractionSpin(QWidget* parent, const char* name) {
  auto* spin = new QDoubleSpinBox(parent);
  spin->setObjectName(QLatin1String(name));
  spin->setRange(0.0, 1.0);
  spin->setDecimals(2);
  spin->setSingleStep(0.05);
  spin->setKeyboardTracking(false);
  return spin;
}
}  // namespace

ControlSlotEditor::ControlSlotEditor(model::ControlKind kind, QWidget* parent) : QGroupBox(parent), m_kind(kind) {
  setObjectName(QStringLiteral("controlSlot_") + model::ControlSettings::kindName(kind));
  setCheckable(true);
  build();
  connectEditors();
  retranslate();
  showValues();
}

void ControlSlotEditor::build() {
  auto* form = new QFormLayout(this);
  form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);

  m_sourceLabel = new QLabel(this);
  m_sourceCombo = new QComboBox(this);
  m_sourceCombo->setObjectName(QStringLiteral("controlSource"));
  for (int i = 0; i < 3; ++i) m_sourceCombo->addItem(QString(), i);
  m_path = new QLineEdit(this);
  m_path->setObjectName(QStringLiteral("controlPath"));
  m_path->setReadOnly(true);
  m_choose = new QToolButton(this);
  m_choose->setObjectName(QStringLiteral("controlChoose"));
  auto* pathRow = new QHBoxLayout;
  pathRow->setContentsMargins(0, 0, 0, 0);
  pathRow->addWidget(m_path, 1);
  pathRow->addWidget(m_choose);
  auto* sourceBox = new QVBoxLayout;
  sourceBox->setContentsMargins(0, 0, 0, 0);
  sourceBox->addWidget(m_sourceCombo);
  sourceBox->addLayout(pathRow);
  m_readyMap = new QCheckBox(this);
  m_readyMap->setObjectName(QStringLiteral("controlReadyMap"));
  sourceBox->addWidget(m_readyMap);
  form->addRow(m_sourceLabel, sourceBox);

  m_preview = new QLabel(this);
  m_preview->setObjectName(QStringLiteral("controlPreview"));
  m_preview->setAlignment(Qt::AlignCenter);
  m_preview->setMinimumHeight(kPreviewHeight_px);
  m_preview->setFrameShape(QFrame::StyledPanel);
  m_note = new QLabel(this);
  m_note->setObjectName(QStringLiteral("controlNote"));
  m_note->setWordWrap(true);
  m_note->setForegroundRole(QPalette::PlaceholderText);
  form->addRow(m_preview);
  form->addRow(m_note);

  m_weightLabel = new QLabel(this);
  m_weightSlider = new QSlider(Qt::Horizontal, this);
  m_weightSlider->setObjectName(QStringLiteral("controlWeightSlider"));
  m_weightSlider->setRange(0, kWeightSteps);
  m_weightSlider->setPageStep(10);
  m_weightSpin = new QDoubleSpinBox(this);
  m_weightSpin->setObjectName(QStringLiteral("controlWeightSpin"));
  m_weightSpin->setRange(0.0, 2.0);
  m_weightSpin->setDecimals(2);
  m_weightSpin->setSingleStep(0.05);
  m_weightSpin->setKeyboardTracking(false);
  auto* weightRow = new QHBoxLayout;
  weightRow->setContentsMargins(0, 0, 0, 0);
  weightRow->addWidget(m_weightSlider, 1);
  weightRow->addWidget(m_weightSpin);
  form->addRow(m_weightLabel, weightRow);

  m_rangeLabel = new QLabel(this);
  m_startSpin = fractionSpin(this, "controlStart");
  m_endSpin = fractionSpin(this, "controlEnd");
  m_rangeSlider = new RangeSlider(this);
  m_rangeSlider->setObjectName(QStringLiteral("controlRangeSlider"));
  auto* rangeRow = new QHBoxLayout;
  rangeRow->setContentsMargins(0, 0, 0, 0);
  rangeRow->addWidget(m_startSpin, 1);
  rangeRow->addWidget(new QLabel(QStringLiteral("–"), this));
  rangeRow->addWidget(m_endSpin, 1);
  auto* rangeBox = new QVBoxLayout;
  rangeBox->setContentsMargins(0, 0, 0, 0);
  rangeBox->addWidget(m_rangeSlider);
  rangeBox->addLayout(rangeRow);
  form->addRow(m_rangeLabel, rangeBox);

  m_modeLabel = new QLabel(this);
  m_modeCombo = new QComboBox(this);
  m_modeCombo->setObjectName(QStringLiteral("controlMode"));
  for (model::ControlMode mode :
       {model::ControlMode::Auto, model::ControlMode::Balanced, model::ControlMode::ControlFirst})
    m_modeCombo->addItem(QString(), int(mode));
  form->addRow(m_modeLabel, m_modeCombo);
}

void ControlSlotEditor::connectEditors() {
  connect(this, &QGroupBox::toggled, this, [this](bool on) {
    if (on && m_slot.origin == model::ControlOrigin::File && m_slot.source.isEmpty()) {
      emit chooseRequested(m_kind, sourceMode());  // a control needs a file before it can be on
      return;
    }
    m_slot.enabled = on;
    emitEdit(QString());
  });
  connect(m_sourceCombo, &QComboBox::activated, this, [this](int index) {
    const auto mode = static_cast<SourceMode>(index);
    if (mode == SourceMode::PreviousShot) {
      m_slot.origin = model::ControlOrigin::PreviousShot;
      m_slot.source.clear();
      m_slot.enabled = true;
      emitEdit(QString());
      return;
    }
    m_sequence = mode == SourceMode::ImageSequence;
    if (m_slot.origin == model::ControlOrigin::PreviousShot) {  // back to a file of its own: none chosen yet
      m_slot.origin = model::ControlOrigin::File;
      m_slot.enabled = false;
      emitEdit(QString());
    }
    emit chooseRequested(m_kind, mode);
  });
  connect(m_choose, &QToolButton::clicked, this, [this] {
    const SourceMode mode = sourceMode() == SourceMode::PreviousShot ? SourceMode::ImageFile : sourceMode();
    emit chooseRequested(m_kind, mode);
  });
  connect(m_readyMap, &QCheckBox::toggled, this, [this](bool ready) {
    m_slot.source_kind = ready ? model::ControlSource::Map : model::ControlSource::Image;
    emitEdit(QString());
  });

  // Weight: a slider drag is one gesture (one undo step); keyboard steps and spin box edits merge per field.
  connect(m_weightSlider, &QSlider::sliderPressed, this, [this] { ++m_dragCount; });
  connect(m_weightSlider, &QSlider::valueChanged, this, [this](int position) {
    m_slot.weight = double(position) * 2.0 / kWeightSteps;
    setQuietly(m_weightSpin, m_slot.weight);
    const QString field = model::ControlSettings::kindName(m_kind) + QStringLiteral(".weight");
    emitEdit(m_weightSlider->isSliderDown() ? field + QStringLiteral(".drag%1").arg(m_dragCount) : field);
  });
  connect(m_weightSpin, &QDoubleSpinBox::valueChanged, this, [this](double value) {
    m_slot.weight = value;
    setQuietly(m_weightSlider, int(std::lround(value * kWeightSteps / 2.0)));
    emitEdit(model::ControlSettings::kindName(m_kind) + QStringLiteral(".weight"));
  });
  // Start and end stay ordered: each spin box bounds the other; the range slider keeps its handles in order.
  connect(m_startSpin, &QDoubleSpinBox::valueChanged, this, [this](double value) {
    m_slot.start = value;
    m_endSpin->setMinimum(value);
    m_rangeSlider->setRange(m_slot.start, m_slot.end);
    emitEdit(model::ControlSettings::kindName(m_kind) + QStringLiteral(".start"));
  });
  connect(m_endSpin, &QDoubleSpinBox::valueChanged, this, [this](double value) {
    m_slot.end = value;
    m_startSpin->setMaximum(value);
    m_rangeSlider->setRange(m_slot.start, m_slot.end);
    emitEdit(model::ControlSettings::kindName(m_kind) + QStringLiteral(".end"));
  });
  connect(m_rangeSlider, &RangeSlider::dragStarted, this, [this] { ++m_dragCount; });
  connect(m_rangeSlider, &RangeSlider::rangeEdited, this, [this](double lower, double upper) {
    m_slot.start = lower;
    m_slot.end = upper;
    showRange();
    const QString field = model::ControlSettings::kindName(m_kind) + QStringLiteral(".range");
    emitEdit(m_rangeSlider->isDragging() ? field + QStringLiteral(".drag%1").arg(m_dragCount) : field);
  });
  connect(m_modeCombo, &QComboBox::currentIndexChanged, this, [this](int index) {
    if (index < 0) return;
    m_slot.mode = static_cast<model::ControlMode>(m_modeCombo->itemData(index).toInt());
    emitEdit(model::ControlSettings::kindName(m_kind) + QStringLiteral(".mode"));
  });
}

void ControlSlotEditor::emitEdit(const QString& gesture) {
  emit slotEdited(m_kind, m_slot, gesture);
}

void ControlSlotEditor::setSlot(const model::ControlSlot& slot, bool sequence) {
  m_slot = slot;
  m_sequence = sequence;
  showValues();
}

ControlSlotEditor::SourceMode ControlSlotEditor::sourceMode() const {
  if (m_slot.origin == model::ControlOrigin::PreviousShot) return SourceMode::PreviousShot;
  return m_sequence ? SourceMode::ImageSequence : SourceMode::ImageFile;
}

void ControlSlotEditor::showValues() {
  {
    const QSignalBlocker block(this);
    setChecked(m_slot.enabled);
  }
  {
    const QSignalBlocker block(m_sourceCombo);
    m_sourceCombo->setCurrentIndex(int(sourceMode()));
  }
  const bool previous = m_slot.origin == model::ControlOrigin::PreviousShot;
  m_path->setText(previous ? QString() : m_slot.source);
  m_path->setEnabled(!previous);
  m_choose->setEnabled(!previous);
  {
    const QSignalBlocker block(m_readyMap);
    m_readyMap->setChecked(m_slot.source_kind == model::ControlSource::Map);
  }
  m_readyMap->setEnabled(!previous);
  if (!m_weightSlider->isSliderDown()) setQuietly(m_weightSlider, int(std::lround(m_slot.weight * kWeightSteps / 2.0)));
  setQuietly(m_weightSpin, m_slot.weight);
  showRange();
  {
    const QSignalBlocker block(m_modeCombo);
    m_modeCombo->setCurrentIndex(m_modeCombo->findData(int(m_slot.mode)));
  }
}

void ControlSlotEditor::showRange() {
  const QSignalBlocker a(m_startSpin);
  const QSignalBlocker b(m_endSpin);
  m_startSpin->setRange(0.0, 1.0);
  m_endSpin->setRange(0.0, 1.0);
  m_startSpin->setValue(m_slot.start);
  m_endSpin->setValue(m_slot.end);
  m_startSpin->setMaximum(m_slot.end);
  m_endSpin->setMinimum(m_slot.start);
  if (!m_rangeSlider->isDragging()) m_rangeSlider->setRange(m_slot.start, m_slot.end);
}

void ControlSlotEditor::setPreview(const QImage& map, const QString& note) {
  m_previewImage = map;
  m_previewNote = note;
  if (map.isNull()) {
    m_preview->setPixmap(QPixmap());
    m_preview->setText(tr("No map"));
  } else {
    m_preview->setText(QString());
    m_preview->setPixmap(QPixmap::fromImage(
        map.scaled(QSize(2 * kPreviewHeight_px, kPreviewHeight_px), Qt::KeepAspectRatio, Qt::SmoothTransformation)));
  }
  m_note->setText(note);
  m_note->setVisible(!note.isEmpty());
}

QString ControlSlotEditor::kindTitle() const {
  switch (m_kind) {
    case model::ControlKind::Depth:
      return tr("Depth");
    case model::ControlKind::Canny:
      return tr("Canny Edges");
    case model::ControlKind::Pose:
      return tr("Pose");
  }
  return {};
}

void ControlSlotEditor::retranslate() {
  setTitle(kindTitle());
  m_sourceLabel->setText(tr("Source:"));
  m_sourceCombo->setItemText(0, tr("Image file"));
  m_sourceCombo->setItemText(1, tr("Image sequence (folder)"));
  m_sourceCombo->setItemText(2, tr("From previous shot"));
  m_choose->setText(tr("Choose…"));
  m_choose->setToolTip(tr("Pick the image or folder; it is copied into the project's assets folder"));
  m_path->setPlaceholderText(tr("No file chosen"));
  m_readyMap->setText(tr("The file is a ready map"));
  m_readyMap->setToolTip(m_kind == model::ControlKind::Canny
                             ? tr("Unticked: edges are found in the picture. Ticked: the file already is an edge map.")
                             : tr("Depth and pose maps cannot be extracted from a picture yet: give a ready map."));
  m_weightLabel->setText(tr("Weight:"));
  m_weightSlider->setToolTip(tr("How strongly the map steers the picture (0 = off, 2 = strongest)"));
  m_rangeLabel->setText(tr("Start – end:"));
  m_rangeSlider->setToolTip(tr("The part of the denoising steps during which the control steers the picture"));
  m_startSpin->setToolTip(tr("Fraction of the denoising steps at which the control starts"));
  m_endSpin->setToolTip(tr("Fraction of the denoising steps at which the control stops"));
  m_modeLabel->setText(tr("Mode:"));
  m_modeCombo->setItemText(m_modeCombo->findData(int(model::ControlMode::Auto)), tr("Auto (the model's choice)"));
  m_modeCombo->setItemText(m_modeCombo->findData(int(model::ControlMode::Balanced)), tr("Balanced"));
  m_modeCombo->setItemText(m_modeCombo->findData(int(model::ControlMode::ControlFirst)), tr("Control first"));
  m_modeCombo->setToolTip(
      tr("Which of the two guidance passes the control acts on.\n"
         "Balanced: the control acts on both passes.\n"
         "Control first: only on the prompt's pass, so the CFG scale strengthens it.\n"
         "Auto: what the ControlNet asks for (Shotcraft's own model: control first)."));
  setPreview(m_previewImage, m_previewNote);
}

void ControlSlotEditor::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QGroupBox::changeEvent(event);
}

}  // namespace shotcraft::ui
