// ClipTokenizer: reading a tokenizer folder (HF vocab.json + merges.txt, or openai's gzipped BPE file).
#include <zlib.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <cmath>

#include "core/engine/ClipTokenizer.h"

namespace shotcraft::engine {

namespace {

// Both transformers' slow CLIPTokenizer and openai's SimpleTokenizer keep merge lines [1, 49152-256-2+1).
constexpr size_t kClipMerges = 49152 - 256 - 2;
constexpr const char* kOpenAiFile = "bpe_simple_vocab_16e6.txt.gz";

using Merges = std::vector<std::pair<std::string, std::string>>;

bool fail(std::string* error, const std::string& message) {
  if (error) *error = message;
  return false;
}

bool readFile(const QString& path, QByteArray& out, std::string* error) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly))
    return fail(error, path.toStdString() + ": cannot open (" + file.errorString().toStdString() + ")");
  out = file.readAll();
  return true;
}

bool gunzip(const QString& path, const QByteArray& in, QByteArray& out, std::string* error) {
  z_stream zs{};
  if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) return fail(error, path.toStdString() + ": zlib init failed");
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.constData()));
  zs.avail_in = uInt(in.size());
  char buffer[1 << 16];
  int rc = Z_OK;
  while (rc == Z_OK) {
    zs.next_out = reinterpret_cast<Bytef*>(buffer);
    zs.avail_out = sizeof(buffer);
    rc = inflate(&zs, Z_NO_FLUSH);
    out.append(buffer, qsizetype(sizeof(buffer) - zs.avail_out));
    if (rc == Z_BUF_ERROR && zs.avail_in == 0) break;  // input ended before the gzip trailer
  }
  const std::string message = zs.msg ? zs.msg : "unexpected end of data";
  inflateEnd(&zs);
  if (rc != Z_STREAM_END) return fail(error, path.toStdString() + ": not valid gzip data (" + message + ")");
  return true;
}

// Parses "a b" merge lines starting at `first`; stops after kClipMerges merges.
bool parseMerges(const QString& path, const QList<QByteArray>& lines, qsizetype first, Merges& merges,
                 std::string* error) {
  for (qsizetype i = first; i < lines.size() && merges.size() < kClipMerges; ++i) {
    const QList<QByteArray> parts = lines[i].simplified().split(' ');
    if (parts.size() == 1 && parts[0].isEmpty()) continue;  // blank line (trailing newline, CRLF leftovers)
    if (parts.size() != 2)
      return fail(error, path.toStdString() + " line " + std::to_string(i + 1) + ": expected two symbols, got '" +
                             lines[i].toStdString() + "'");
    merges.emplace_back(parts[0].toStdString(), parts[1].toStdString());
  }
  return true;
}

std::optional<ClipTokenizer> loadOpenAi(const QString& path, std::string* error) {
  QByteArray packed;
  QByteArray text;
  if (!readFile(path, packed, error) || !gunzip(path, packed, text, error)) return std::nullopt;
  const QList<QByteArray> lines = text.split('\n');
  Merges merges;
  if (!parseMerges(path, lines, 1, merges, error)) return std::nullopt;
  if (merges.size() < kClipMerges) {
    fail(error, path.toStdString() + ": has " + std::to_string(merges.size()) + " merges, expected " +
                    std::to_string(kClipMerges));
    return std::nullopt;
  }
  // SimpleTokenizer's vocab: byte symbols in bytes_to_unicode() order, the same + "</w>", joined merges, specials.
  std::vector<std::string> ordered;
  for (int pass = 0; pass < 2; ++pass) {
    for (int b = 0; b < 256; ++b) {
      const bool printable = (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
      if (printable == (pass == 0)) ordered.push_back(ClipTokenizer::byteSymbol(uint8_t(b)));
    }
  }
  for (size_t i = 0; i < 256; ++i) ordered.push_back(ordered[i] + "</w>");
  for (const auto& [a, b] : merges) ordered.push_back(a + b);
  ordered.emplace_back(ClipTokenizer::kStartOfText);
  ordered.emplace_back(ClipTokenizer::kEndOfText);
  std::unordered_map<std::string, int> vocab;
  vocab.reserve(ordered.size());
  for (size_t i = 0; i < ordered.size(); ++i) vocab[ordered[i]] = int(i);  // later duplicates win, as dict()
  std::string why;
  auto tok = ClipTokenizer::fromTables(std::move(vocab), merges, &why);
  if (!tok) fail(error, path.toStdString() + ": " + why);
  return tok;
}

std::optional<QJsonObject> readJsonObject(const QString& path, std::string* error) {
  QByteArray bytes;
  if (!readFile(path, bytes, error)) return std::nullopt;
  QJsonParseError parseError{};
  const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
  if (parseError.error != QJsonParseError::NoError) {
    fail(error, path.toStdString() + ": invalid JSON at offset " + std::to_string(parseError.offset) + " (" +
                    parseError.errorString().toStdString() + ")");
    return std::nullopt;
  }
  if (!doc.isObject()) {
    fail(error, path.toStdString() + ": expected a JSON object");
    return std::nullopt;
  }
  return doc.object();
}

// special_tokens_map.json / tokenizer_config.json: "pad_token": "!" or {"content": "!"}.
std::string padTokenIn(const QDir& dir) {
  for (const char* name : {"special_tokens_map.json", "tokenizer_config.json"}) {
    if (!dir.exists(QString::fromLatin1(name))) continue;
    const auto object = readJsonObject(dir.filePath(QString::fromLatin1(name)), nullptr);
    if (!object) continue;
    const QJsonValue pad = object->value(QStringLiteral("pad_token"));
    if (pad.isString()) return pad.toString().toStdString();
    if (pad.isObject()) return pad.toObject().value(QStringLiteral("content")).toString().toStdString();
  }
  return {};
}

std::optional<ClipTokenizer> loadHf(const QDir& dir, std::string* error) {
  const QString vocabPath = dir.filePath(QStringLiteral("vocab.json"));
  const QString mergesPath = dir.filePath(QStringLiteral("merges.txt"));
  const auto object = readJsonObject(vocabPath, error);
  if (!object) return std::nullopt;
  std::unordered_map<std::string, int> vocab;
  vocab.reserve(size_t(object->size()));
  for (auto it = object->begin(); it != object->end(); ++it) {
    const double id = it.value().toDouble(-1.0);
    if (!it.value().isDouble() || id < 0 || id != std::floor(id)) {
      fail(error, vocabPath.toStdString() + ": id of '" + it.key().toStdString() + "' is not a non-negative integer");
      return std::nullopt;
    }
    vocab[it.key().toStdString()] = int(id);
  }
  QByteArray text;
  if (!readFile(mergesPath, text, error)) return std::nullopt;
  const QList<QByteArray> lines = text.split('\n');
  const qsizetype first = (!lines.isEmpty() && lines[0].startsWith("#version")) ? 1 : 0;
  Merges merges;
  if (!parseMerges(mergesPath, lines, first, merges, error)) return std::nullopt;
  std::string why;
  auto tok = ClipTokenizer::fromTables(std::move(vocab), merges, &why);
  if (!tok) {
    fail(error, vocabPath.toStdString() + ": " + why);
    return std::nullopt;
  }
  const std::string pad = padTokenIn(dir);
  if (!pad.empty() && tok->tokenId(pad) >= 0) tok->setPad(tok->tokenId(pad));
  return tok;
}

}  // namespace

std::optional<ClipTokenizer> ClipTokenizer::load(const std::string& path, std::string* error) {
  const QString qpath = QString::fromStdString(path);
  const QFileInfo info(qpath);
  if (!info.exists()) {
    fail(error, "tokenizer: '" + path + "' does not exist");
    return std::nullopt;
  }
  if (info.isFile()) {
    if (qpath.endsWith(QStringLiteral(".gz"))) return loadOpenAi(qpath, error);
    if (info.fileName() == QStringLiteral("vocab.json") || info.fileName() == QStringLiteral("merges.txt"))
      return load(info.absolutePath().toStdString(), error);
    fail(error, "tokenizer: '" + path + "' is neither a tokenizer folder nor a .gz BPE file");
    return std::nullopt;
  }
  const QDir dir(qpath);
  const bool hasVocab = dir.exists(QStringLiteral("vocab.json"));
  const bool hasMerges = dir.exists(QStringLiteral("merges.txt"));
  if (hasVocab && hasMerges) return loadHf(dir, error);
  if (dir.exists(QString::fromLatin1(kOpenAiFile)))
    return loadOpenAi(dir.filePath(QString::fromLatin1(kOpenAiFile)), error);
  if (hasVocab || hasMerges) {
    fail(error, "tokenizer folder '" + path + "' has " +
                    (hasVocab ? "vocab.json but no merges.txt" : "merges.txt but no vocab.json"));
    return std::nullopt;
  }
  fail(error, "tokenizer folder '" + path + "' has neither vocab.json + merges.txt nor " + kOpenAiFile);
  return std::nullopt;
}

}  // namespace shotcraft::engine
