#pragma once
// Trains a CLIP-format byte-level BPE vocabulary (vocab.json + merges.txt, read by engine::ClipTokenizer)
// over a text corpus. Words are split exactly as ClipTokenizer pre-tokenises them (it is run with a
// merge-free byte vocabulary), so every merge learnt is one the tokenizer can apply. Ids: the 256 byte
// symbols, the same with "</w>", one token per merge in merge order, then <|startoftext|>, <|endoftext|>.
#include <string>
#include <utility>
#include <vector>

namespace shotcraft::torch_engine::train {

struct BpeVocabulary {
  std::vector<std::string> tokens;  // index = id
  std::vector<std::pair<std::string, std::string>> merges;
};

// Learns merges until the vocabulary has `vocabSize` entries or no pair occurs twice.
bool trainBpe(const std::vector<std::string>& corpus, int vocabSize, BpeVocabulary* out, std::string* error);
// Writes DIR/vocab.json, DIR/merges.txt (and special_tokens_map.json) atomically enough for a model folder.
bool writeBpe(const BpeVocabulary& vocab, const std::string& dir, std::string* error);

}  // namespace shotcraft::torch_engine::train
