#pragma once
// A prompt editor for the Shot dock: a QPlainTextEdit with weighting highlighting, a token counter ("42 / 75",
// "≈" when estimated) and, when `withHistory`, a drop-down of recently used prompts (QSettings key kHistoryKey)
// that puts the chosen one into the editor.
#include <QStringList>
#include <QWidget>

#include "ui/TokenCounter.h"

class QComboBox;
class QLabel;
class QPlainTextEdit;

namespace shotcraft::ui {

class PromptHighlighter;

class PromptEditor : public QWidget {
  Q_OBJECT
 public:
  static constexpr const char* kHistoryKey = "prompt/history";
  static constexpr int kHistorySize = 20;

  PromptEditor(int lines, bool withHistory, QWidget* parent = nullptr);

  QPlainTextEdit* editor() const { return m_edit; }
  QLabel* counterLabel() const { return m_counter; }
  QComboBox* historyCombo() const { return m_history; }  // nullptr without history
  PromptHighlighter* highlighter() const { return m_highlighter; }
  TokenCounter& counter() { return m_tokens; }

  // Loads the tokenizer of a model folder ("" = estimate) and recounts (blocks while it loads).
  void setModelDir(const QString& modelDir);
  // Uses a counter loaded elsewhere (MainWindow loads one off the UI thread for both editors) and recounts.
  void setTokenCounter(const TokenCounter& counter);
  // Puts the editor's text first in the shared history (no-op for empty text or without history).
  void rememberPrompt();
  static QStringList history();

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;
  void changeEvent(QEvent* event) override;

 private:
  void updateCounter();
  void reloadHistory();
  void retranslate();

  QPlainTextEdit* m_edit;
  QLabel* m_counter;
  QComboBox* m_history = nullptr;
  PromptHighlighter* m_highlighter;
  TokenCounter m_tokens;
};

}  // namespace shotcraft::ui
