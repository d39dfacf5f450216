#include "ui/PromptEditor.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSettings>
#include <QTextDocument>
#include <QVBoxLayout>

#include "ui/PromptHighlighter.h"

namespace shotcraft::ui {

PromptEditor::PromptEditor(int lines, bool withHistory, QWidget* parent)
    : QWidget(parent), m_edit(new QPlainTextEdit(this)), m_counter(new QLabel(this)) {
  m_edit->setTabChangesFocus(true);
  m_edit->setFixedHeight(m_edit->fontMetrics().lineSpacing() * lines + 14);
  m_edit->installEventFilter(this);
  m_highlighter = new PromptHighlighter(m_edit->document());  // owned by the document
  m_counter->setObjectName(QStringLiteral("tokenCounter"));
  m_counter->setForegroundRole(QPalette::PlaceholderText);
  auto* bottom = new QHBoxLayout;
  bottom->setContentsMargins(0, 0, 0, 0);
  if (withHistory) {
    m_history = new QComboBox(this);
    m_history->setObjectName(QStringLiteral("promptHistory"));
    m_history->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_history->setMinimumContentsLength(12);
    bottom->addWidget(m_history, 1);
    connect(m_history, &QComboBox::activated, this, [this](int index) {
      if (index <= 0) return;  // the "Recent prompts" placeholder
      m_edit->setPlainText(m_history->itemData(index).toString());
      m_history->setCurrentIndex(0);
    });
  } else {
    bottom->addStretch(1);
  }
  bottom->addWidget(m_counter);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(2);
  layout->addWidget(m_edit);
  layout->addLayout(bottom);
  // The document's signal, not the editor's: panels fill the editor with its signals blocked.
  connect(m_edit->document(), &QTextDocument::contentsChanged, this, &PromptEditor::updateCounter);
  retranslate();
  updateCounter();
}

void PromptEditor::setModelDir(const QString& modelDir) {
  m_tokens.loadTokenizer(modelDir);
  updateCounter();
}

void PromptEditor::setTokenCounter(const TokenCounter& counter) {
  m_tokens = counter;
  updateCounter();
}

void PromptEditor::updateCounter() {
  const QString text = m_edit->toPlainText();
  m_counter->setText(m_tokens.label(text));
  m_counter->setToolTip(m_tokens.isExact() ? tr("CLIP tokens of this prompt / tokens per text window")
                                           : tr("Estimated tokens (the model's tokenizer is not available)"));
}

QStringList PromptEditor::history() { return QSettings().value(QLatin1String(kHistoryKey)).toStringList(); }

void PromptEditor::rememberPrompt() {
  if (m_history == nullptr) return;
  const QString text = m_edit->toPlainText().trimmed();
  if (text.isEmpty()) return;
  QStringList list = history();
  list.removeAll(text);
  list.prepend(text);
  while (list.size() > kHistorySize) list.removeLast();
  QSettings().setValue(QLatin1String(kHistoryKey), list);
  reloadHistory();
}

void PromptEditor::reloadHistory() {
  if (m_history == nullptr) return;
  m_history->clear();
  m_history->addItem(tr("Recent prompts…"));
  for (const QString& prompt : history()) {
    m_history->addItem(QFontMetrics(m_history->font()).elidedText(prompt.simplified(), Qt::ElideRight, 320), prompt);
  }
}

bool PromptEditor::eventFilter(QObject* watched, QEvent* event) {
  if (watched == m_edit && event->type() == QEvent::FocusOut) rememberPrompt();
  return QWidget::eventFilter(watched, event);
}

void PromptEditor::retranslate() { reloadHistory(); }

void PromptEditor::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) {
    retranslate();
    updateCounter();
  }
  QWidget::changeEvent(event);
}

}  // namespace shotcraft::ui
