#pragma once
// Shared by the tokenizer tests: the real CLIP vocab and the 20 reference prompts from shared/refs/sd-tiny.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <optional>
#include <string>
#include <vector>

#include "core/engine/ClipTokenizer.h"
#include "tests/common/TestUtil.h"

namespace shotcraft::test {

inline std::string referenceVocabPath() { return refsPath("sd-tiny/tokenizer/bpe_simple_vocab_16e6.txt.gz"); }

// Loaded once per test binary; nullptr when the refs are absent (callers GTEST_SKIP).
inline const engine::ClipTokenizer* referenceTokenizer() {
  static const std::optional<engine::ClipTokenizer> tok = [] {
    std::string error;
    return engine::ClipTokenizer::load(referenceVocabPath(), &error);
  }();
  return tok ? &*tok : nullptr;
}

inline QJsonObject referenceCasesFile() {
  QFile file(QString::fromStdString(refsPath("sd-tiny/tokenizer/tokenizer_cases.json")));
  if (!file.open(QIODevice::ReadOnly)) return {};
  return QJsonDocument::fromJson(file.readAll()).object();
}

inline std::vector<int> toInts(const QJsonValue& value) {
  std::vector<int> out;
  for (const QJsonValue& v : value.toArray()) out.push_back(v.toInt());
  return out;
}

}  // namespace shotcraft::test
