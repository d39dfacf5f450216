#pragma once
// CLIP's byte-level BPE tokenizer (the one Stable Diffusion 1.x/2.x text encoders use), torch-free so the
// UI's token counter and the engine share it. Behaves like transformers' slow CLIPTokenizer with ftfy
// installed (what StableDiffusionPipeline uses): ftfy-like cleanup, whitespace collapse, lower-case,
// CLIP's pre-tokenisation regex, byte-level BPE with "</w>" word ends.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace shotcraft::engine {

// Token ids with one weight per token (prompt-weighting syntax removed), no BOS/EOS.
struct WeightedTokens {
  std::vector<int> tokens;
  std::vector<float> weights;  // same length as tokens
  std::vector<size_t> breaks;  // token indices where a BREAK keyword forces a new window
};

// One text-encoder input: exactly `window` ids (BOS ... EOS pad...) and their weights (1 for BOS/EOS/pad).
struct TokenWindow {
  std::vector<int> ids;
  std::vector<float> weights;
};

class ClipTokenizer {
 public:
  static constexpr const char* kStartOfText = "<|startoftext|>";
  static constexpr const char* kEndOfText = "<|endoftext|>";

  // Loads a tokenizer folder: HF style vocab.json + merges.txt (preferred when present), or openai's
  // bpe_simple_vocab_16e6.txt.gz. `path` may also name the .gz file itself. An optional
  // special_tokens_map.json next to vocab.json sets the pad token (SD2 pads with "!").
  // Returns nullopt and a one-line *error naming the file and the problem.
  static std::optional<ClipTokenizer> load(const std::string& path, std::string* error);

  // Builds from in-memory tables: token -> id, and merges in rank order ("a", "b"), both in the
  // byte-unicode alphabet. The vocab must contain <|startoftext|> and <|endoftext|>.
  static std::optional<ClipTokenizer> fromTables(std::unordered_map<std::string, int> vocab,
                                                 const std::vector<std::pair<std::string, std::string>>& merges,
                                                 std::string* error);

  // Token ids of `text` without BOS/EOS. Literal <|startoftext|>/<|endoftext|> become the special ids.
  std::vector<int> encode(const std::string& text) const;
  // Like transformers' decode(ids): joins tokens, turns "</w>" into spaces, strips, and applies its
  // clean_up_tokenization_spaces (" ." -> ".", " 's" -> "'s", ...). Unknown ids are skipped.
  std::string decode(const std::vector<int>& ids) const;

  int bos() const { return m_bos; }
  int eos() const { return m_eos; }
  int pad() const { return m_pad; }
  void setPad(int id) { m_pad = id; }  // e.g. 0 ("!") for SD2 tokenizers
  size_t vocabSize() const;
  // Id of a vocab entry (byte-unicode spelling, e.g. "a</w>"), or -1.
  int tokenId(const std::string& token) const;
  // Vocab entry of an id, or an empty string.
  std::string tokenText(int id) const;
  // The merges in rank order (what merges.txt lists after its "#version" line).
  const std::vector<std::pair<std::string, std::string>>& merges() const;

  // A1111-style windows: tokens split into chunks of window-2, each wrapped BOS ... EOS and padded to
  // `window`. An empty prompt gives one window. The engine encodes each window and concatenates.
  std::vector<std::vector<int>> windows(const std::vector<int>& tokens, int window = 77) const;
  // The same with weights; a BREAK closes the current (non-empty) window early.
  std::vector<TokenWindow> windows(const WeightedTokens& tokens, int window = 77) const;
  // HF padding="max_length", truncation=True: BOS + first window-2 tokens + EOS, padded with pad().
  std::vector<int> truncated(const std::vector<int>& tokens, int window = 77) const;

  // A1111 prompt weighting: "(word:1.3)", "(word)", "[word]", escapes; see PromptWeighting.h.
  // Every weighted segment is tokenized on its own, as A1111 does.
  WeightedTokens encodeWeighted(const std::string& text) const;
  // Tokens the prompt costs (no BOS/EOS, weighting syntax removed) — the UI's counter.
  int countTokens(const std::string& text) const;

  // CLIP text normalisation: ftfy-like fixes (HTML entities unless the line has '<', simple mojibake,
  // C1 controls, Latin ligatures, full-width forms, curly quotes, line breaks, control characters, NFC),
  // whitespace collapse + strip, lower-case. Exposed for tests and for the UI.
  static std::string normalizeText(std::string_view text);
  // bytes_to_unicode(): the printable character that stands for byte b in vocab/merges, as UTF-8.
  static const std::string& byteSymbol(uint8_t b);

 private:
  struct Tables;
  struct Cache;
  ClipTokenizer() = default;
  void appendPiece(const std::string& normalized, std::vector<int>& out) const;
  void appendBpe(const std::string& word, std::vector<int>& out) const;

  std::shared_ptr<const Tables> m_tables;
  std::shared_ptr<Cache> m_cache;  // shared by copies; guarded by its own mutex
  int m_bos = -1;
  int m_eos = -1;
  int m_pad = -1;
};

}  // namespace shotcraft::engine
