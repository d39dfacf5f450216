#include "ui/PromptHighlighter.h"

#include <QRegularExpression>
#include <algorithm>
#include <cmath>

namespace shotcraft::ui {

namespace {
constexpr double kParenFactor = 1.1;

struct Open {
  int pos = 0;
  QChar bracket;
};
struct Range {
  int open = 0;
  int close = 0;        // index of the closing bracket (text.size() when never closed)
  double factor = 1.0;
  int weightStart = -1;  // ":1.3" start, for "(x:1.3)"
};
}  // namespace

PromptHighlighter::PromptHighlighter(QTextDocument* document) : QSyntaxHighlighter(document) {}

std::vector<WeightedSpan> PromptHighlighter::weightedSpans(const QString& text) {
  const int n = static_cast<int>(text.size());
  std::vector<Open> stack;
  std::vector<Range> ranges;
  std::vector<bool> syntax(size_t(n), false);
  static const QRegularExpression explicitWeight(QStringLiteral(":\\s*([+-]?(?:\\d+\\.?\\d*|\\.\\d+))\\s*$"));
  for (int i = 0; i < n; ++i) {
    const QChar c = text[i];
    if (c == QLatin1Char('\\') && i + 1 < n) {
      ++i;  // an escaped character is literal text
      continue;
    }
    if (c == QLatin1Char('(') || c == QLatin1Char('[')) {
      stack.push_back({i, c});
    } else if ((c == QLatin1Char(')') || c == QLatin1Char(']')) && !stack.empty()) {
      const QChar want = c == QLatin1Char(')') ? QLatin1Char('(') : QLatin1Char('[');
      if (stack.back().bracket != want) continue;  // unmatched: literal
      Range r{stack.back().pos, i, want == QLatin1Char('(') ? kParenFactor : 1.0 / kParenFactor, -1};
      stack.pop_back();
      if (want == QLatin1Char('(')) {
        const QString inside = text.mid(r.open + 1, i - r.open - 1);
        const QRegularExpressionMatch m = explicitWeight.match(inside);
        if (m.hasMatch()) {
          r.factor = m.captured(1).toDouble();
          r.weightStart = r.open + 1 + int(m.capturedStart(0));
        }
      }
      ranges.push_back(r);
    }
  }
  for (const Open& o : stack) {  // still open at the end: applies to the rest of the text
    ranges.push_back({o.pos, n, o.bracket == QLatin1Char('(') ? kParenFactor : 1.0 / kParenFactor, -1});
  }
  std::vector<double> weight(size_t(n), 1.0);
  for (const Range& r : ranges) {
    syntax[size_t(r.open)] = true;
    if (r.close < n) syntax[size_t(r.close)] = true;
    const int end = r.weightStart >= 0 ? r.weightStart : r.close;
    for (int i = r.weightStart; i >= 0 && i < r.close; ++i) syntax[size_t(i)] = true;
    for (int i = r.open + 1; i < end; ++i) weight[size_t(i)] *= r.factor;
  }
  std::vector<WeightedSpan> spans;
  for (int i = 0; i < n;) {
    const bool isSyntax = syntax[size_t(i)];
    const double w = weight[size_t(i)];
    int j = i + 1;
    while (j < n && syntax[size_t(j)] == isSyntax && (isSyntax || std::abs(weight[size_t(j)] - w) < 1e-9)) ++j;
    if (isSyntax || std::abs(w - 1.0) > 1e-9) spans.push_back({i, j - i, isSyntax ? 1.0 : w, isSyntax});
    i = j;
  }
  return spans;
}

QColor PromptHighlighter::colourFor(double weight) {
  if (weight > 1.0) {
    const double t = std::clamp((weight - 1.0) / 0.6, 0.0, 1.0);  // 1.0 -> amber, 1.6+ -> red
    return QColor::fromHsvF(0.11 * (1.0 - t), 0.85, 0.85);
  }
  const double t = std::clamp((1.0 - weight) / 0.5, 0.0, 1.0);     // 1.0 -> teal, 0.5- -> blue
  return QColor::fromHsvF(0.5 + 0.12 * t, 0.6 + 0.3 * t, 0.8);
}

void PromptHighlighter::highlightBlock(const QString& text) {
  for (const WeightedSpan& span : weightedSpans(text)) {
    QTextCharFormat format;
    if (span.syntax) {
      format.setForeground(QColor(128, 128, 128));
    } else {
      format.setForeground(colourFor(span.weight));
      if (span.weight > 1.0) format.setFontWeight(QFont::Bold);
      if (span.weight < 1.0) format.setFontItalic(true);
    }
    setFormat(span.start, span.length, format);
  }
}

}  // namespace shotcraft::ui
