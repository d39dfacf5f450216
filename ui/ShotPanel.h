#pragma once
// The "Shot" dock: edits the selected shot (title, prompts, timing, seed, sampler). Each change goes through
// ProjectDocument (so it can be undone); a change the model refuses is shown under the form and not kept.
#include <QString>
#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;
class QStackedWidget;
class QToolButton;

namespace shotcraft::ui {

class ProjectDocument;
class PromptEditor;

class ShotPanel : public QWidget {
  Q_OBJECT
 public:
  explicit ShotPanel(ProjectDocument* document, QWidget* parent = nullptr);

  const QString& shotId() const { return m_shotId; }
  void setShot(const QString& shotId);  // "" shows the "select a shot" hint
  QString lastError() const;            // the refusal shown under the form, "" when none

  // The editors, for tests and for keyboard focus.
  QLineEdit* titleEdit() const { return m_title; }
  QPlainTextEdit* promptEdit() const { return m_prompt; }
  QPlainTextEdit* negativePromptEdit() const { return m_negative; }
  QDoubleSpinBox* durationSpin() const { return m_duration; }
  QSpinBox* fpsSpin() const { return m_fps; }
  QDoubleSpinBox* seedSpin() const { return m_seed; }
  QComboBox* samplerCombo() const { return m_sampler; }
  QSpinBox* stepsSpin() const { return m_steps; }
  QSpinBox* cadenceSpin() const { return m_cadence; }
  QDoubleSpinBox* cfgSpin() const { return m_cfg; }
  PromptEditor* promptEditor() const { return m_promptEditor; }
  PromptEditor* negativePromptEditor() const { return m_negativeEditor; }
  QToolButton* seedLockButton() const { return m_seedLock; }
  QToolButton* newSeedButton() const { return m_randomSeed; }
  bool seedLocked() const;  // renders keep the shot's seed (else the studio picks a new one per render)

 protected:
  void changeEvent(QEvent* event) override;

 private:
  QWidget* buildForm();
  void connectEditors();
  void refresh();
  void report(bool ok, const QString& error);
  void retranslate();

  ProjectDocument* m_document;
  QString m_shotId;
  QStackedWidget* m_pages;
  QLabel* m_emptyHint;
  QLabel* m_heading;
  QGroupBox* m_contentGroup;
  QGroupBox* m_timingGroup;
  QGroupBox* m_generationGroup;
  QLabel* m_titleLabel;
  QLabel* m_promptLabel;
  QLabel* m_negativeLabel;
  QLabel* m_durationLabel;
  QLabel* m_fpsLabel;
  QLabel* m_seedLabel;
  QLabel* m_samplerLabel;
  QLabel* m_stepsLabel;
  QLabel* m_cfgLabel;
  QLineEdit* m_title;
  QPlainTextEdit* m_prompt;
  QPlainTextEdit* m_negative;
  QDoubleSpinBox* m_duration;
  QSpinBox* m_fps;
  QDoubleSpinBox* m_seed;
  QToolButton* m_randomSeed;
  QToolButton* m_seedLock;
  PromptEditor* m_promptEditor;
  PromptEditor* m_negativeEditor;
  QComboBox* m_sampler;
  QSpinBox* m_steps;
  QLabel* m_cadenceLabel;
  QSpinBox* m_cadence;  // frames per engine keyframe; 0 shows "Render default"
  QDoubleSpinBox* m_cfg;
  QLabel* m_error;
};

}  // namespace shotcraft::ui
