#pragma once
// Colours A1111 prompt-weighting spans in a prompt editor: "(word:1.3)", "(word)" and "[word]" (nesting
// multiplies, "\(" is a literal bracket). Text weighted above 1 is drawn warm and bold, below 1 cool; the
// brackets and the ":1.3" are dimmed. Each line (text block) is scanned on its own.
#include <QColor>
#include <QString>
#include <QSyntaxHighlighter>
#include <vector>

namespace shotcraft::ui {

struct WeightedSpan {
  int start = 0;   // in the scanned text
  int length = 0;
  double weight = 1.0;
  bool syntax = false;  // brackets, ":" and the weight number
};

class PromptHighlighter : public QSyntaxHighlighter {
  Q_OBJECT
 public:
  explicit PromptHighlighter(QTextDocument* document);

  // Spans of `text` whose weight is not 1 (text runs) and the syntax characters, in order.
  static std::vector<WeightedSpan> weightedSpans(const QString& text);

  static QColor colourFor(double weight);

 protected:
  void highlightBlock(const QString& text) override;
};

}  // namespace shotcraft::ui
