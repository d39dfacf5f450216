// ClipTokenizer loading: HF vocab.json + merges.txt vs openai .gz, pad from special_tokens_map.json, errors.
#include <gtest/gtest.h>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include "core/engine/ClipTokenizer.h"
#include "tests/engine/TokenizerFixture.h"

using shotcraft::engine::ClipTokenizer;
using namespace shotcraft::test;

namespace {

void writeFile(const QString& path, const QByteArray& bytes) {
  QFile file(path);
  ASSERT_TRUE(file.open(QIODevice::WriteOnly)) << path.toStdString();
  file.write(bytes);
}

QByteArray mergesTxt(const ClipTokenizer& tok) {
  QByteArray out("#version: 0.2\n");
  for (const auto& [a, b] : tok.merges()) out += QByteArray::fromStdString(a + " " + b + "\n");
  return out;
}

QByteArray vocabJson(const ClipTokenizer& tok) {
  QJsonObject object;
  for (int id = 0; id < int(tok.vocabSize()); ++id) object.insert(QString::fromStdString(tok.tokenText(id)), id);
  return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// A hand-made vocab: bytes a-d (+</w>), two merges, "!" and the specials.
void writeTinyFolder(const QString& dir) {
  QJsonObject vocab{{"!", 0},
                    {"a", 1},
                    {"b", 2},
                    {"a</w>", 3},
                    {"b</w>", 4},
                    {"ab", 5},
                    {"ab</w>", 6},
                    {"<|startoftext|>", 7},
                    {"<|endoftext|>", 8}};
  writeFile(dir + "/vocab.json", QJsonDocument(vocab).toJson());
  writeFile(dir + "/merges.txt", "#version: 0.2\na b\na b</w>\n");
}

std::string loadError(const std::string& path) {
  std::string error;
  EXPECT_FALSE(ClipTokenizer::load(path, &error).has_value()) << path;
  return error;
}

}  // namespace

TEST(ClipTokenizerFiles, HfFolderDerivedFromGzGivesIdenticalIds) {
  const ClipTokenizer* gz = referenceTokenizer();
  if (!gz) GTEST_SKIP() << "refs absent";
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  const QByteArray merges = mergesTxt(*gz);
  // The same merges.txt the reference generator derived (sha256 recorded in tokenizer_cases.json).
  EXPECT_EQ(QCryptographicHash::hash(merges, QCryptographicHash::Sha256).toHex().toStdString(),
            referenceCasesFile().value(QStringLiteral("merges_txt_sha256")).toString().toStdString());
  writeFile(dir.filePath("merges.txt"), merges);
  writeFile(dir.filePath("vocab.json"), vocabJson(*gz));
  std::string error;
  const auto hf = ClipTokenizer::load(dir.path().toStdString(), &error);
  ASSERT_TRUE(hf.has_value()) << error;
  EXPECT_EQ(hf->vocabSize(), gz->vocabSize());
  EXPECT_EQ(hf->pad(), gz->eos());
  for (const char* prompt : {"a photograph of an astronaut riding a horse", "中文提示词：一只可爱的猫", "emoji 🐱🚀 ✨",
                             "(((masterpiece))), <lora:x:0.5> 1920x1080"})
    EXPECT_EQ(hf->encode(prompt), gz->encode(prompt)) << prompt;
  // A path naming vocab.json works too; and a folder holding the .gz.
  EXPECT_TRUE(ClipTokenizer::load(dir.filePath("vocab.json").toStdString(), &error).has_value()) << error;
  QTemporaryDir gzDir;
  ASSERT_TRUE(
      QFile::copy(QString::fromStdString(referenceVocabPath()), gzDir.filePath("bpe_simple_vocab_16e6.txt.gz")));
  EXPECT_TRUE(ClipTokenizer::load(gzDir.path().toStdString(), &error).has_value()) << error;
}

TEST(ClipTokenizerFiles, TinyVocabAndPadFromSpecialTokensMap) {
  QTemporaryDir dir;
  writeTinyFolder(dir.path());
  std::string error;
  auto tok = ClipTokenizer::load(dir.path().toStdString(), &error);
  ASSERT_TRUE(tok.has_value()) << error;
  EXPECT_EQ(tok->vocabSize(), 9u);
  EXPECT_EQ(tok->bos(), 7);
  EXPECT_EQ(tok->eos(), 8);
  EXPECT_EQ(tok->pad(), 8);
  EXPECT_EQ(tok->encode("ab ba AB a"), (std::vector<int>{6, 2, 3, 6, 3}));
  EXPECT_EQ(tok->encode("c"), (std::vector<int>{8}));  // unknown symbol -> <|endoftext|>, as HF's unk
  EXPECT_EQ(tok->decode({7, 5, 4, 8}), "<|startoftext|>abb <|endoftext|>");

  writeFile(dir.filePath("special_tokens_map.json"), R"({"pad_token": {"content": "!", "lstrip": false}})");
  tok = ClipTokenizer::load(dir.path().toStdString(), &error);
  ASSERT_TRUE(tok.has_value()) << error;
  EXPECT_EQ(tok->pad(), 0);
  EXPECT_EQ(tok->truncated({5}, 5), (std::vector<int>{7, 5, 8, 0, 0}));
  tok->setPad(8);
  EXPECT_EQ(tok->truncated({5, 5, 5, 5}, 5), (std::vector<int>{7, 5, 5, 5, 8}));
}

TEST(ClipTokenizerFiles, ErrorsNameTheProblem) {
  QTemporaryDir dir;
  const std::string root = dir.path().toStdString();
  EXPECT_NE(loadError(root + "/missing").find("does not exist"), std::string::npos);
  EXPECT_NE(loadError(root).find("neither vocab.json + merges.txt nor bpe_simple_vocab_16e6.txt.gz"),
            std::string::npos);

  writeTinyFolder(dir.path());
  QFile::remove(dir.filePath("merges.txt"));
  EXPECT_NE(loadError(root).find("vocab.json but no merges.txt"), std::string::npos);

  writeFile(dir.filePath("merges.txt"), "#version: 0.2\na b c\n");
  EXPECT_NE(loadError(root).find("merges.txt line 2: expected two symbols"), std::string::npos);

  writeFile(dir.filePath("merges.txt"), "#version: 0.2\na b\n");
  writeFile(dir.filePath("vocab.json"), "{\"a\": 1,");
  EXPECT_NE(loadError(root).find("vocab.json: invalid JSON"), std::string::npos);
  writeFile(dir.filePath("vocab.json"), R"({"a": "one"})");
  EXPECT_NE(loadError(root).find("id of 'a' is not a non-negative integer"), std::string::npos);
  writeFile(dir.filePath("vocab.json"), R"({"a": 0, "b": 1})");
  EXPECT_NE(loadError(root).find("lacks <|startoftext|> or <|endoftext|>"), std::string::npos);

  QTemporaryDir gzDir;
  const QString gz = gzDir.filePath("bpe_simple_vocab_16e6.txt.gz");
  writeFile(gz, "this is not gzip data at all");
  EXPECT_NE(loadError(gz.toStdString()).find("not valid gzip data"), std::string::npos);
  if (!referenceTokenizer()) return;
  QFile real(QString::fromStdString(referenceVocabPath()));
  ASSERT_TRUE(real.open(QIODevice::ReadOnly));
  writeFile(gz, real.read(200000));  // truncated download
  const std::string error = loadError(gzDir.path().toStdString());
  EXPECT_NE(error.find("not valid gzip data"), std::string::npos) << error;
}
