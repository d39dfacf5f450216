#include "plugins/torch_engine/train/BpeTrainer.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "core/engine/ClipTokenizer.h"

namespace shotcraft::torch_engine::train {

namespace fs = std::filesystem;
using engine::ClipTokenizer;

namespace {

const std::string kWordEnd = "</w>";

std::string jsonEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

bool writeFile(const fs::path& path, const std::string& text, std::string* error) {
  const fs::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) {
      if (error) *error = "cannot write " + tmp.string();
      return false;
    }
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec && error) *error = "cannot rename " + tmp.string() + ": " + ec.message();
  return !ec;
}

}  // namespace

bool trainBpe(const std::vector<std::string>& corpus, int vocabSize, BpeVocabulary* out, std::string* error) {
  BpeVocabulary v;
  std::unordered_map<std::string, int> base;
  for (int b = 0; b < 256; ++b) v.tokens.push_back(ClipTokenizer::byteSymbol(uint8_t(b)));
  for (int b = 0; b < 256; ++b) v.tokens.push_back(ClipTokenizer::byteSymbol(uint8_t(b)) + kWordEnd);
  for (size_t i = 0; i < v.tokens.size(); ++i) base.emplace(v.tokens[i], int(i));
  base.emplace(ClipTokenizer::kStartOfText, 512);
  base.emplace(ClipTokenizer::kEndOfText, 513);
  auto byteTok = ClipTokenizer::fromTables(base, {}, error);
  if (!byteTok) return false;
  if (vocabSize < 514) {
    if (error) *error = "tokenizer: vocab size must be at least 514 (bytes + specials)";
    return false;
  }

  // Word (symbol sequence) -> count, from the byte tokenizer's own pre-tokenisation.
  std::map<std::vector<std::string>, int64_t> counts;
  for (const auto& text : corpus) {
    std::vector<std::string> word;
    for (int id : byteTok->encode(text)) {
      if (id >= 512) continue;
      word.push_back(v.tokens[size_t(id)]);
      if (id >= 256) {
        ++counts[word];
        word.clear();
      }
    }
  }
  std::vector<std::pair<std::vector<std::string>, int64_t>> words(counts.begin(), counts.end());
  std::unordered_set<std::string> known(v.tokens.begin(), v.tokens.end());
  while (v.tokens.size() < size_t(vocabSize) - 2) {
    std::map<std::pair<std::string, std::string>, int64_t> pairs;
    for (const auto& [w, n] : words) {
      for (size_t i = 0; i + 1 < w.size(); ++i) pairs[{w[i], w[i + 1]}] += n;
    }
    const std::pair<std::string, std::string>* best = nullptr;
    int64_t bestCount = 1;
    for (const auto& [p, n] : pairs) {
      if (n > bestCount) {  // ties: the first pair in lexicographic order (deterministic)
        best = &p;
        bestCount = n;
      }
    }
    if (!best) break;
    const auto merge = *best;
    const std::string joined = merge.first + merge.second;
    v.merges.push_back(merge);
    if (known.insert(joined).second) v.tokens.push_back(joined);  // two merge paths may spell one token
    for (auto& [w, n] : words) {
      std::vector<std::string> next;
      for (size_t i = 0; i < w.size(); ++i) {
        if (i + 1 < w.size() && w[i] == merge.first && w[i + 1] == merge.second) {
          next.push_back(joined);
          ++i;
        } else {
          next.push_back(w[i]);
        }
      }
      w = std::move(next);
    }
  }
  v.tokens.emplace_back(ClipTokenizer::kStartOfText);
  v.tokens.emplace_back(ClipTokenizer::kEndOfText);
  *out = std::move(v);
  return true;
}

bool writeBpe(const BpeVocabulary& vocab, const std::string& dirPath, std::string* error) {
  const fs::path dir(dirPath);
  std::error_code ec;
  fs::create_directories(dir, ec);
  std::string json = "{";
  for (size_t i = 0; i < vocab.tokens.size(); ++i) {
    if (i) json += ",";
    json += "\"" + jsonEscape(vocab.tokens[i]) + "\":" + std::to_string(i);
  }
  json += "}\n";
  std::string merges = "#version: 0.2\n";
  for (const auto& [a, b] : vocab.merges) merges += a + " " + b + "\n";
  const std::string specials =
      R"({"bos_token": "<|startoftext|>", "eos_token": "<|endoftext|>", "pad_token": "<|endoftext|>",)"
      R"( "unk_token": "<|endoftext|>"})"
      "\n";
  return writeFile(dir / "vocab.json", json, error) && writeFile(dir / "merges.txt", merges, error) &&
         writeFile(dir / "special_tokens_map.json", specials, error);
}

}  // namespace shotcraft::torch_engine::train
