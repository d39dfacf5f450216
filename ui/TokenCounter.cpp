#include "ui/TokenCounter.h"

#include <QDir>
#include <QFileInfo>

#include "core/engine/ClipTokenizer.h"
#include "core/engine/PromptWeighting.h"

namespace shotcraft::ui {

bool TokenCounter::loadTokenizer(const QString& modelDir, QString* error) {
  m_tokenizer.reset();
  if (modelDir.isEmpty()) {
    if (error != nullptr) *error = QStringLiteral("no model folder");
    return false;
  }
  QString folder = QDir(modelDir).filePath(QStringLiteral("tokenizer"));
  if (!QFileInfo(folder).isDir()) folder = modelDir;
  std::string why;
  std::optional<engine::ClipTokenizer> loaded = engine::ClipTokenizer::load(folder.toStdString(), &why);
  if (!loaded) {
    if (error != nullptr) *error = QString::fromStdString(why);
    return false;
  }
  m_tokenizer = std::make_shared<const engine::ClipTokenizer>(std::move(*loaded));
  return true;
}

int TokenCounter::estimate(const QString& prompt) {
  int tokens = 0;
  for (const engine::PromptSegment& segment : engine::parsePromptWeights(prompt.toStdString())) {
    if (segment.isBreak) continue;
    const QString text = QString::fromStdString(segment.text);
    int word = 0;  // length of the word being read
    auto endWord = [&] {
      if (word > 0) tokens += 1 + (word - 1) / 7;  // common words are one token, long ones split
      word = 0;
    };
    for (const QChar c : text) {
      if (c.isLetterOrNumber() && c.script() != QChar::Script_Han) {
        ++word;
      } else {
        endWord();
        if (c.script() == QChar::Script_Han) tokens += 2;  // CJK characters cost about two byte-level tokens
        else if (!c.isSpace()) tokens += 1;              // punctuation
      }
    }
    endWord();
  }
  return tokens;
}

int TokenCounter::count(const QString& prompt) const {
  if (m_tokenizer) return m_tokenizer->countTokens(prompt.toStdString());
  return estimate(prompt);
}

QString TokenCounter::label(const QString& prompt) const {
  const int n = count(prompt);
  const int windows = n <= kWindowTokens ? 1 : (n + kWindowTokens - 1) / kWindowTokens;
  const QString text = QStringLiteral("%1 / %2").arg(n).arg(windows * kWindowTokens);
  return isExact() ? text : QStringLiteral("\u2248 ") + text;
}

}  // namespace shotcraft::ui
