// A1111 prompt-weighting syntax.
#include <gtest/gtest.h>

#include "core/engine/PromptWeighting.h"

using shotcraft::engine::parsePromptWeights;
using shotcraft::engine::PromptSegment;
using shotcraft::engine::stripPromptWeights;

namespace {

using Segments = std::vector<std::pair<std::string, double>>;

Segments parse(const std::string& text) {
  Segments out;
  for (const PromptSegment& s : parsePromptWeights(text)) out.emplace_back(s.isBreak ? "<BREAK>" : s.text, s.weight);
  return out;
}

void expectSegments(const std::string& text, const Segments& expected) {
  const Segments got = parse(text);
  ASSERT_EQ(got.size(), expected.size()) << text;
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].first, expected[i].first) << text << " segment " << i;
    EXPECT_NEAR(got[i].second, expected[i].second, 1e-12) << text << " segment " << i;
  }
}

}  // namespace

TEST(PromptWeighting, PlainAndEmpty) {
  expectSegments("normal text", {{"normal text", 1.0}});
  expectSegments("", {{"", 1.0}});
}

TEST(PromptWeighting, RoundSquareAndExplicitWeights) {
  expectSegments("an (important) word", {{"an ", 1.0}, {"important", 1.1}, {" word", 1.0}});
  expectSegments("a [faded] word", {{"a ", 1.0}, {"faded", 1 / 1.1}, {" word", 1.0}});
  expectSegments("(red:1.3) cat", {{"red", 1.3}, {" cat", 1.0}});
  expectSegments("(red : -0.5 ) cat", {{"red ", -0.5}, {" cat", 1.0}});
  expectSegments("(a:.5)", {{"a", 0.5}});
}

TEST(PromptWeighting, NestingMultiplies) {
  expectSegments("(((masterpiece)))", {{"masterpiece", 1.1 * 1.1 * 1.1}});
  expectSegments("((a (b:2) c))", {{"a ", 1.21}, {"b", 2 * 1.21}, {" c", 1.21}});
  expectSegments("[[a]]", {{"a", 1 / 1.1 / 1.1}});
  // A1111's own docstring example: an unclosed "(" applies 1.1 to the rest.
  expectSegments("a (((house:1.3)) [on] a (hill:0.5), sun, (((sky))).", {{"a ", 1.0},
                                                                         {"house", 1.3 * 1.1 * 1.1},
                                                                         {" ", 1.1},
                                                                         {"on", 1.0},
                                                                         {" a ", 1.1},
                                                                         {"hill", 0.55},
                                                                         {", sun, ", 1.1},
                                                                         {"sky", 1.1 * 1.1 * 1.1 * 1.1},
                                                                         {".", 1.1}});
}

TEST(PromptWeighting, EscapesAreLiteral) {
  expectSegments("\\(literal\\]", {{"(literal]", 1.0}});
  expectSegments("a \\(b\\) (c)", {{"a (b) ", 1.0}, {"c", 1.1}});
  expectSegments("back\\\\slash", {{"back\\slash", 1.0}});
  expectSegments("lone \\ dropped", {{"lone  dropped", 1.0}});
}

TEST(PromptWeighting, UnbalancedIsGraceful) {
  expectSegments("(unbalanced", {{"unbalanced", 1.1}});
  expectSegments("[unbalanced", {{"unbalanced", 1 / 1.1}});
  expectSegments("closed) only]", {{"closed) only]", 1.0}});
  expectSegments("(unnecessary)(parens)", {{"unnecessaryparens", 1.1}});
  expectSegments("time 12:30 (x:1.2.3)", {{"time 12:30 ", 1.0}, {"x:1.2.3)", 1.1}});
  expectSegments("a:1.5) b", {{"a:1.5) b", 1.0}});
  expectSegments("((((", {{"", 1.0}});
  expectSegments(")))]]]", {{")))]]]", 1.0}});
  expectSegments("(a:1.3", {{"a:1.3", 1.1}});
}

TEST(PromptWeighting, BreakSplitsSegments) {
  expectSegments("a cat BREAK a dog", {{"a cat", 1.0}, {"<BREAK>", 1.0}, {"a dog", 1.0}});
  expectSegments("BREAKFAST and unBREAK", {{"BREAKFAST and unBREAK", 1.0}});
  const auto segments = parsePromptWeights("(a BREAK b)");
  ASSERT_EQ(segments.size(), 3u);
  EXPECT_TRUE(segments[1].isBreak);
  EXPECT_DOUBLE_EQ(segments[2].weight, 1.1);
  EXPECT_EQ(stripPromptWeights("(red:1.3) cat BREAK [dog]"), "red cat BREAK dog");
}

TEST(PromptWeighting, Utf8PassesThrough) { expectSegments("(猫:1.2)，🐱", {{"猫", 1.2}, {"，🐱", 1.0}}); }
