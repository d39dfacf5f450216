#pragma once
// One ControlNet slot (depth, canny or pose) of the Controls dock: on/off, where the map comes from (an image file,
// a folder of numbered images, or the same control of the previous shot), a preview of the map the engine gets,
// a weight 0..2 (slider and spin box kept in step) and the start/end fraction of the denoising schedule (a range
// slider and two spin boxes kept in step) and which classifier-free guidance passes the control acts on.
//
// The editor holds no model: setSlot() shows a value, slotEdited() reports the value the person made, with a
// gesture key so that one slider drag becomes one undo step.
#include <QGroupBox>
#include <QImage>
#include <QString>

#include "core/model/ControlSettings.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSlider;
class QToolButton;

namespace shotcraft::ui {

class RangeSlider;

class ControlSlotEditor : public QGroupBox {
  Q_OBJECT
 public:
  // What the source picker offers; PreviousShot maps to ControlOrigin::PreviousShot, the other two to File.
  enum class SourceMode { ImageFile = 0, ImageSequence = 1, PreviousShot = 2 };

  ControlSlotEditor(model::ControlKind kind, QWidget* parent = nullptr);

  model::ControlKind kind() const { return m_kind; }
  const model::ControlSlot& slotValue() const { return m_slot; }
  // Shows `slot`; sequence: its source is a folder (decides the picker's mode for File slots).
  void setSlot(const model::ControlSlot& slot, bool sequence);
  // The map preview and a line under it (why there is no preview, or where the map comes from).
  void setPreview(const QImage& map, const QString& note);
  SourceMode sourceMode() const;

  // The editors, for tests.
  QComboBox* sourceCombo() const { return m_sourceCombo; }
  QToolButton* chooseButton() const { return m_choose; }
  QCheckBox* readyMapCheck() const { return m_readyMap; }
  QSlider* weightSlider() const { return m_weightSlider; }
  QDoubleSpinBox* weightSpin() const { return m_weightSpin; }
  QDoubleSpinBox* startSpin() const { return m_startSpin; }
  QDoubleSpinBox* endSpin() const { return m_endSpin; }
  RangeSlider* rangeSlider() const { return m_rangeSlider; }
  QComboBox* modeCombo() const { return m_modeCombo; }
  QLabel* previewLabel() const { return m_preview; }
  const QImage& previewImage() const { return m_previewImage; }

  static constexpr int kWeightSteps = 200;  // slider positions for 0..2

 signals:
  // gesture: equal keys in a row merge into one undo step ("" never merges).
  void slotEdited(model::ControlKind kind, const model::ControlSlot& slot, const QString& gesture);
  // The person wants to pick a file (ImageFile) or folder (ImageSequence) for this slot.
  void chooseRequested(model::ControlKind kind, SourceMode mode);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void build();
  void connectEditors();
  void retranslate();
  void showValues();
  void showRange();
  void emitEdit(const QString& gesture);
  QString kindTitle() const;

  model::ControlKind m_kind;
  model::ControlSlot m_slot;
  bool m_sequence = false;
  int m_dragCount = 0;  // slider drags so far (weight and range); names each drag's gesture
  QImage m_previewImage;
  QString m_previewNote;
  QLabel* m_sourceLabel = nullptr;
  QComboBox* m_sourceCombo = nullptr;
  QLineEdit* m_path = nullptr;
  QToolButton* m_choose = nullptr;
  QCheckBox* m_readyMap = nullptr;
  QLabel* m_preview = nullptr;
  QLabel* m_note = nullptr;
  QLabel* m_weightLabel = nullptr;
  QSlider* m_weightSlider = nullptr;
  QDoubleSpinBox* m_weightSpin = nullptr;
  QLabel* m_rangeLabel = nullptr;
  QDoubleSpinBox* m_startSpin = nullptr;
  QDoubleSpinBox* m_endSpin = nullptr;
  RangeSlider* m_rangeSlider = nullptr;
  QLabel* m_modeLabel = nullptr;
  QComboBox* m_modeCombo = nullptr;  // item data: int(model::ControlMode)
};

}  // namespace shotcraft::ui
