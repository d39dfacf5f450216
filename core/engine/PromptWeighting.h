#pragma once
// A1111-style prompt weighting: "(word:1.3)" sets 1.3, "(word)" multiplies by 1.1, "[word]" divides by 1.1,
// nesting multiplies, "\(" "\)" "\[" "\]" "\\" are literal brackets/backslash, an unmatched ")" or "]" is
// literal text and brackets still open at the end close there. "BREAK" (a whole word, upper-case) forces
// a new 77-token window. Neighbouring segments with equal weights are merged, as A1111 does.
#include <string>
#include <string_view>
#include <vector>

namespace shotcraft::engine {

struct PromptSegment {
  std::string text;
  double weight = 1.0;
  bool isBreak = false;  // a BREAK marker; text is empty
  bool operator==(const PromptSegment&) const = default;
};

// Never fails: malformed syntax degrades to literal text. An empty prompt gives one empty segment.
std::vector<PromptSegment> parsePromptWeights(std::string_view text);

// The prompt with weighting syntax removed (segment texts joined, BREAK as " BREAK "), for display.
std::string stripPromptWeights(std::string_view text);

}  // namespace shotcraft::engine
