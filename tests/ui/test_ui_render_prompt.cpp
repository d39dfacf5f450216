// The Shot dock's prompt editor: weighting highlighting, the token counter and the prompt history.
#include <QComboBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSignalBlocker>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

#include "core/engine/ClipTokenizer.h"
#include "tests/common/TestUtil.h"
#include "tests/ui/UiTestSupport.h"
#include "ui/PromptEditor.h"
#include "ui/PromptHighlighter.h"
#include "ui/TokenCounter.h"

using shotcraft::ui::PromptEditor;
using shotcraft::ui::PromptHighlighter;
using shotcraft::ui::TokenCounter;

namespace {

class PromptTest : public shotcraft::test::UiTest {};

// The format the highlighter gave the character at `pos` of the first block.
QTextCharFormat formatAt(const QTextDocument& doc, int pos) {
  for (const QTextLayout::FormatRange& r : doc.firstBlock().layout()->formats()) {
    if (pos >= r.start && pos < r.start + r.length) return r.format;
  }
  return {};
}

TEST_F(PromptTest, WeightedSpansFollowA1111Rules) {
  auto spans = PromptHighlighter::weightedSpans(QStringLiteral("a (red car:1.3) b"));
  // "(" , "red car" at 1.3, ":1.3", ")"
  ASSERT_EQ(spans.size(), 3u);
  EXPECT_TRUE(spans[0].syntax);
  EXPECT_EQ(spans[1].start, 3);
  EXPECT_EQ(spans[1].length, 7);
  EXPECT_DOUBLE_EQ(spans[1].weight, 1.3);
  EXPECT_TRUE(spans[2].syntax);
  EXPECT_EQ(spans[2].start, 10);
  EXPECT_EQ(spans[2].length, 5);  // ":1.3)"

  spans = PromptHighlighter::weightedSpans(QStringLiteral("((fog)) [rain]"));
  std::vector<double> weights;
  for (const auto& s : spans)
    if (!s.syntax) weights.push_back(s.weight);
  ASSERT_EQ(weights.size(), 2u);
  EXPECT_NEAR(weights[0], 1.21, 1e-9);
  EXPECT_NEAR(weights[1], 1.0 / 1.1, 1e-9);
  EXPECT_TRUE(PromptHighlighter::weightedSpans(QStringLiteral("plain \\(not weighted\\)")).empty());
}

TEST_F(PromptTest, HighlighterMarksTheWeightedSpan) {
  QTextDocument doc(QStringLiteral("a (red car:1.3) and [fog]"));
  PromptHighlighter highlighter(&doc);
  highlighter.rehighlight();
  const QTextCharFormat strong = formatAt(doc, 4);  // inside "red car"
  EXPECT_EQ(strong.foreground().color(), PromptHighlighter::colourFor(1.3));
  EXPECT_EQ(strong.fontWeight(), QFont::Bold);
  const QTextCharFormat weak = formatAt(doc, 21);  // "fog"
  EXPECT_EQ(weak.foreground().color(), PromptHighlighter::colourFor(1.0 / 1.1));
  EXPECT_TRUE(weak.fontItalic());
  EXPECT_NE(PromptHighlighter::colourFor(1.3), PromptHighlighter::colourFor(0.8));
  EXPECT_FALSE(formatAt(doc, 0).foreground().style() != Qt::NoBrush);  // "a" keeps the default
}

TEST_F(PromptTest, TokenCounterEstimatesWithoutATokenizer) {
  TokenCounter counter;
  EXPECT_FALSE(counter.loadTokenizer(QString()));
  EXPECT_FALSE(counter.isExact());
  EXPECT_EQ(counter.count(QStringLiteral("a red car")), 3);
  EXPECT_EQ(counter.count(QStringLiteral("a (red car:1.3), fog")), 5);  // weighting syntax is free, "," counts
  EXPECT_EQ(counter.label(QStringLiteral("a red car")), QStringLiteral("\u2248 3 / 75"));
  QString longPrompt;
  for (int i = 0; i < 80; ++i) longPrompt += QStringLiteral("cat ");
  EXPECT_EQ(counter.label(longPrompt), QStringLiteral("\u2248 80 / 150"));
}

TEST_F(PromptTest, TokenCounterIsExactWithTheModelTokenizer) {
  if (!shotcraft::test::refsAvailable()) GTEST_SKIP() << "sd-tiny refs are absent";
  const QString modelDir = QString::fromStdString(shotcraft::test::refsPath("sd-tiny"));
  TokenCounter counter;
  QString error;
  ASSERT_TRUE(counter.loadTokenizer(modelDir, &error)) << error.toStdString();
  EXPECT_TRUE(counter.isExact());
  const QString prompt = QStringLiteral("a (lighthouse:1.3) in a storm, cinematic");
  std::string why;
  auto tokenizer = shotcraft::engine::ClipTokenizer::load(
      shotcraft::test::refsPath("sd-tiny/tokenizer"), &why);
  ASSERT_TRUE(tokenizer) << why;
  const int expected = tokenizer->countTokens(prompt.toStdString());
  EXPECT_EQ(counter.count(prompt), expected);
  EXPECT_EQ(counter.label(prompt), QStringLiteral("%1 / 75").arg(expected));

  PromptEditor editor(4, false);
  editor.setModelDir(modelDir);
  editor.editor()->setPlainText(prompt);
  EXPECT_EQ(editor.counterLabel()->text(), QStringLiteral("%1 / 75").arg(expected));
}

TEST_F(PromptTest, EditorCountsAndRemembersPrompts) {
  PromptEditor editor(4, true);
  editor.editor()->setPlainText(QStringLiteral("a red car"));
  EXPECT_EQ(editor.counterLabel()->text(), QStringLiteral("\u2248 3 / 75"));
  {
    const QSignalBlocker blocker(editor.editor());  // as the Shot dock fills it
    editor.editor()->setPlainText(QStringLiteral("a red car, at night"));
  }
  EXPECT_EQ(editor.counterLabel()->text(), QStringLiteral("\u2248 6 / 75"));
  editor.editor()->setPlainText(QStringLiteral("a red car"));
  editor.rememberPrompt();
  editor.editor()->setPlainText(QStringLiteral("a blue boat"));
  editor.rememberPrompt();
  editor.rememberPrompt();  // no duplicates
  EXPECT_EQ(PromptEditor::history(), (QStringList{QStringLiteral("a blue boat"), QStringLiteral("a red car")}));
  ASSERT_EQ(editor.historyCombo()->count(), 3);  // placeholder + two
  emit editor.historyCombo()->activated(2);
  EXPECT_EQ(editor.editor()->toPlainText(), QStringLiteral("a red car"));
  EXPECT_EQ(editor.historyCombo()->currentIndex(), 0);
}

}  // namespace
