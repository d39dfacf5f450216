#include "core/engine/PromptWeighting.h"

#include <charconv>
#include <optional>

namespace shotcraft::engine {

namespace {

constexpr double kRoundMultiplier = 1.1;
constexpr double kSquareMultiplier = 1 / 1.1;

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }
// Word characters for BREAK's \b: ASCII alphanumerics, '_' and any non-ASCII byte (letters, mostly).
bool isWordChar(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u >= 0x80 || isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool isSyntax(char c) { return c == '\\' || c == '(' || c == ')' || c == '[' || c == ']' || c == ':'; }

// Python float() of "[+-]?[.\d]+"; nullopt for "1.2.3", "." and the like.
std::optional<double> parseNumber(std::string_view s) {
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  double value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value, std::chars_format::fixed);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return negative ? -value : value;
}

class Parser {
 public:
  explicit Parser(std::string_view text) : m_text(text) {}

  std::vector<PromptSegment> run() {
    size_t i = 0;
    while (i < m_text.size()) i = step(i);
    for (const size_t pos : m_round) multiply(pos, kRoundMultiplier);
    for (const size_t pos : m_square) multiply(pos, kSquareMultiplier);
    if (m_out.empty()) m_out.push_back({});
    std::vector<PromptSegment> merged;
    for (auto& segment : m_out) {
      if (!merged.empty() && !merged.back().isBreak && !segment.isBreak && merged.back().weight == segment.weight)
        merged.back().text += segment.text;
      else
        merged.push_back(std::move(segment));
    }
    return merged;
  }

 private:
  // Handles the token at i, returns the index after it.
  size_t step(size_t i) {
    const char c = m_text[i];
    if (c == '\\') {
      const bool escapes =
          i + 1 < m_text.size() && (m_text[i + 1] == '(' || m_text[i + 1] == ')' || m_text[i + 1] == '[' ||
                                    m_text[i + 1] == ']' || m_text[i + 1] == '\\');
      m_out.push_back({escapes ? std::string(1, m_text[i + 1]) : std::string(), 1.0, false});  // lone '\' is dropped
      return i + (escapes ? 2 : 1);
    }
    if (c == '(' || c == '[') {
      (c == '(' ? m_round : m_square).push_back(m_out.size());
      return i + 1;
    }
    if (c == ':') return colon(i);
    if (c == ')' && !m_round.empty()) {
      multiply(popBack(m_round), kRoundMultiplier);
      return i + 1;
    }
    if (c == ']' && !m_square.empty()) {
      multiply(popBack(m_square), kSquareMultiplier);
      return i + 1;
    }
    if (c == ')' || c == ']') {
      addText(m_text.substr(i, 1));
      return i + 1;
    }
    size_t end = i;
    while (end < m_text.size() && !isSyntax(m_text[end])) ++end;
    addText(m_text.substr(i, end - i));
    return end;
  }

  // ":\s*([+-]?[.\d]+)\s*\)" closes the innermost "(" with an explicit weight; otherwise ':' is text.
  size_t colon(size_t i) {
    size_t j = i + 1;
    while (j < m_text.size() && isSpace(m_text[j])) ++j;
    const size_t numberStart = j;
    if (j < m_text.size() && (m_text[j] == '+' || m_text[j] == '-')) ++j;
    const size_t digitsStart = j;
    while (j < m_text.size() && (isDigit(m_text[j]) || m_text[j] == '.')) ++j;
    const size_t numberEnd = j;
    while (j < m_text.size() && isSpace(m_text[j])) ++j;
    if (numberEnd == digitsStart || j >= m_text.size() || m_text[j] != ')') {
      addText(":");
      return i + 1;
    }
    const auto weight = parseNumber(m_text.substr(numberStart, numberEnd - numberStart));
    if (weight && !m_round.empty())
      multiply(popBack(m_round), *weight);
    else
      addText(m_text.substr(i, j + 1 - i));  // no open "(" or not a number: literal, as A1111 keeps it
    return j + 1;
  }

  // A text run, split at whole-word "BREAK" (with the whitespace around it).
  void addText(std::string_view text) {
    size_t start = 0;
    size_t from = 0;
    while (true) {
      const size_t p = text.find("BREAK", from);
      if (p == std::string_view::npos) break;
      const size_t after = p + 5;
      if ((p > 0 && isWordChar(text[p - 1])) || (after < text.size() && isWordChar(text[after]))) {
        from = p + 1;
        continue;
      }
      size_t a = p;
      while (a > start && isSpace(text[a - 1])) --a;
      size_t b = after;
      while (b < text.size() && isSpace(text[b])) ++b;
      m_out.push_back({std::string(text.substr(start, a - start)), 1.0, false});
      m_out.push_back({std::string(), 1.0, true});
      start = from = b;
    }
    m_out.push_back({std::string(text.substr(start)), 1.0, false});
  }

  void multiply(size_t from, double factor) {
    for (size_t p = from; p < m_out.size(); ++p)
      if (!m_out[p].isBreak) m_out[p].weight *= factor;
  }

  static size_t popBack(std::vector<size_t>& stack) {
    const size_t v = stack.back();
    stack.pop_back();
    return v;
  }

  std::string_view m_text;
  std::vector<PromptSegment> m_out;
  std::vector<size_t> m_round;
  std::vector<size_t> m_square;
};

}  // namespace

std::vector<PromptSegment> parsePromptWeights(std::string_view text) { return Parser(text).run(); }

std::string stripPromptWeights(std::string_view text) {
  std::string out;
  for (const auto& segment : parsePromptWeights(text)) out += segment.isBreak ? std::string(" BREAK ") : segment.text;
  return out;
}

}  // namespace shotcraft::engine
