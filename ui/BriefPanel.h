#pragma once
// The "Brief" dock: what the video is for (title, type, audience, selling points, target length).
// Each change goes through ProjectDocument::setBrief so it can be undone.
#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace shotcraft::ui {

class ProjectDocument;

class BriefPanel : public QWidget {
  Q_OBJECT
 public:
  explicit BriefPanel(ProjectDocument* document, QWidget* parent = nullptr);

  QLineEdit* titleEdit() const { return m_title; }
  QComboBox* videoTypeCombo() const { return m_videoType; }
  QLineEdit* audienceEdit() const { return m_audience; }
  QPlainTextEdit* sellingPointsEdit() const { return m_sellingPoints; }  // one per line
  QDoubleSpinBox* targetDurationSpin() const { return m_targetDuration; }
  QString lastError() const;

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void refresh();
  void retranslate();
  void connectEditors();
  void report(bool ok, const QString& error);

  ProjectDocument* m_document;
  QLabel* m_titleLabel;
  QLabel* m_videoTypeLabel;
  QLabel* m_audienceLabel;
  QLabel* m_sellingPointsLabel;
  QLabel* m_targetDurationLabel;
  QLineEdit* m_title;
  QComboBox* m_videoType;
  QLineEdit* m_audience;
  QPlainTextEdit* m_sellingPoints;
  QDoubleSpinBox* m_targetDuration;
  QLabel* m_error;
};

}  // namespace shotcraft::ui
