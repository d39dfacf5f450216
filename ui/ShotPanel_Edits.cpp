// ShotPanel: from editors to ProjectDocument edits, and from the model back to the editors.
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRandomGenerator>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStackedWidget>
#include <QToolButton>
#include <cmath>

#include "core/model/Limits.h"
#include "ui/PanelPages.h"
#include "ui/ProjectDocument.h"
#include "ui/ShotPanel.h"

namespace shotcraft::ui {

namespace {

void setTextKeepingCursor(QPlainTextEdit* edit, const QString& text) {
  if (edit->toPlainText() == text) return;  // leave the cursor of the editor being typed in alone
  const QSignalBlocker block(edit);
  edit->setPlainText(text);
}

template <typename Spin, typename Value>
void setSpinValue(Spin* spin, Value value) {
  const QSignalBlocker block(spin);
  spin->setValue(value);
}

}  // namespace

void ShotPanel::connectEditors() {
  connect(m_title, &QLineEdit::textEdited, this, [this](const QString& text) {
    QString error;
    report(m_document->setShotTitle(m_shotId, text, &error), error);
  });
  connect(m_title, &QLineEdit::editingFinished, this, &ShotPanel::refresh);  // drop text the model refused
  connect(m_prompt, &QPlainTextEdit::textChanged, this, [this] {
    QString error;
    report(m_document->setShotPrompt(m_shotId, m_prompt->toPlainText(), &error), error);
  });
  connect(m_negative, &QPlainTextEdit::textChanged, this, [this] {
    QString error;
    report(m_document->setShotNegativePrompt(m_shotId, m_negative->toPlainText(), &error), error);
  });
  connect(m_duration, &QDoubleSpinBox::valueChanged, this, [this](double value) {
    QString error;
    report(m_document->setShotDuration(m_shotId, value, &error), error);
  });
  connect(m_fps, &QSpinBox::valueChanged, this, [this](int value) {
    QString error;
    report(m_document->setShotFps(m_shotId, value, &error), error);
  });
  connect(m_seed, &QDoubleSpinBox::valueChanged, this, [this](double value) {
    QString error;
    report(m_document->setShotSeed(m_shotId, static_cast<uint64_t>(std::llround(value)), &error), error);
  });
  connect(m_randomSeed, &QToolButton::clicked, this, [this] {
    const uint64_t seed = QRandomGenerator::global()->bounded(static_cast<quint64>(model::limits::kMaxSeed));
    QString error;
    report(m_document->setShotSeed(m_shotId, seed, &error), error);
  });
  connect(m_seedLock, &QToolButton::toggled, this, [this](bool locked) {
    m_seedLock->setText(locked ? tr("Locked") : tr("Unlocked"));
  });
  connect(m_sampler, &QComboBox::currentIndexChanged, this, [this](int index) {
    if (index < 0) return;
    QString error;
    report(m_document->setShotSampler(m_shotId, m_sampler->itemData(index).toString(), &error), error);
  });
  connect(m_steps, &QSpinBox::valueChanged, this, [this](int value) {
    QString error;
    report(m_document->setShotSteps(m_shotId, value, &error), error);
  });
  connect(m_cadence, &QSpinBox::valueChanged, this, [this](int value) {
    QString error;
    report(m_document->setShotCadence(m_shotId, value, &error), error);
  });
  connect(m_cfg, &QDoubleSpinBox::valueChanged, this, [this](double value) {
    QString error;
    report(m_document->setShotCfgScale(m_shotId, value, &error), error);
  });
}

void ShotPanel::setShot(const QString& shotId) {
  m_shotId = m_document->project().findShot(shotId) != nullptr ? shotId : QString();
  report(true, {});
  refresh();
}

QString ShotPanel::lastError() const { return m_error->isHidden() ? QString() : m_error->text(); }

bool ShotPanel::seedLocked() const { return m_seedLock->isChecked(); }

void ShotPanel::report(bool ok, const QString& error) {
  m_error->setText(ok ? QString() : tr("Not applied: %1").arg(error));
  m_error->setVisible(!ok);
}

void ShotPanel::refresh() {
  const model::Project& project = m_document->project();
  const model::Shot* shot = project.findShot(m_shotId);
  if (shot == nullptr) {
    m_shotId.clear();
    m_pages->setCurrentIndex(panel::kHintPage);
    return;
  }
  m_pages->setCurrentIndex(panel::kContentPage);
  const auto where = project.locate(m_shotId);
  const int number = project.shotIds().indexOf(m_shotId) + 1;
  m_heading->setText(tr("Shot %1 · %2 · act %3").arg(QString::number(number), shot->id,
                                                     QString::number(where ? where->act + 1 : 0)));
  if (m_title->text() != shot->title) {
    const QSignalBlocker block(m_title);
    m_title->setText(shot->title);
    m_title->setCursorPosition(0);
  }
  setTextKeepingCursor(m_prompt, shot->prompt);
  setTextKeepingCursor(m_negative, shot->negative_prompt);
  setSpinValue(m_duration, shot->duration_s);
  setSpinValue(m_fps, shot->fps);
  setSpinValue(m_seed, static_cast<double>(shot->seed));
  setSpinValue(m_steps, shot->steps);
  setSpinValue(m_cadence, shot->cadence_frames);
  setSpinValue(m_cfg, shot->cfg_scale);
  int index = m_sampler->findData(shot->sampler);
  const QSignalBlocker block(m_sampler);
  if (index < 0) {  // a sampler this build does not list: show it as it is
    m_sampler->addItem(shot->sampler, shot->sampler);
    index = m_sampler->count() - 1;
  }
  m_sampler->setCurrentIndex(index);
}

}  // namespace shotcraft::ui
