#pragma once
// Counts the CLIP tokens a prompt costs, for the "42 / 75" label under the prompt editors. Exact with the
// model folder's tokenizer/ (ClipTokenizer); without one it estimates from the weighting-stripped text and the
// label starts with "≈".
#include <QString>
#include <memory>

namespace shotcraft::engine {
class ClipTokenizer;
}

namespace shotcraft::ui {

class TokenCounter {
 public:
  static constexpr int kWindowTokens = 75;  // 77 per text-encoder window, less BOS and EOS

  // Copies share the (immutable, thread-safe) tokenizer.

  // Loads <modelDir>/tokenizer (slow for the .gz vocabulary: call it off the UI thread) (or modelDir itself when it holds vocab.json). False + *error; counting then
  // falls back to the estimate.
  bool loadTokenizer(const QString& modelDir, QString* error = nullptr);
  bool isExact() const { return m_tokenizer != nullptr; }

  int count(const QString& prompt) const;
  // Words and punctuation of the weighting-stripped prompt, long words counting more (no tokenizer needed).
  static int estimate(const QString& prompt);
  // "42 / 75" (exact) or "≈ 42 / 75"; past one window the limit grows by windows ("80 / 150").
  QString label(const QString& prompt) const;

 private:
  std::shared_ptr<const engine::ClipTokenizer> m_tokenizer;
};

}  // namespace shotcraft::ui
