#include "core/engine/ClipTokenizer.h"

#include <QRegularExpression>
#include <QString>
#include <algorithm>
#include <array>
#include <climits>
#include <mutex>

#include "core/engine/PromptWeighting.h"

namespace shotcraft::engine {

struct ClipTokenizer::Tables {
  std::unordered_map<std::string, int> vocab;
  std::vector<std::string> idToToken;              // "" where an id is unused
  std::unordered_map<std::string, int> mergeRank;  // "first second" -> line order
  std::vector<std::pair<std::string, std::string>> merges;
  std::unordered_map<char32_t, uint8_t> symbolToByte;
};

struct ClipTokenizer::Cache {
  static constexpr size_t kMaxEntries = 50000;
  std::mutex mutex;
  std::unordered_map<std::string, std::vector<int>> map;
};

namespace {

void appendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += char(cp);
  } else if (cp < 0x800) {
    out += char(0xC0 | (cp >> 6));
    out += char(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += char(0xE0 | (cp >> 12));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  } else {
    out += char(0xF0 | (cp >> 18));
    out += char(0x80 | ((cp >> 12) & 0x3F));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  }
}

// Length of the UTF-8 sequence starting with lead byte c (1 for stray continuation bytes).
size_t utf8Length(unsigned char c) {
  if (c >= 0xF0) return 4;
  if (c >= 0xE0) return 3;
  if (c >= 0xC0) return 2;
  return 1;
}

char32_t decodeUtf8(const char* p, size_t n) {
  const auto lead = static_cast<unsigned char>(p[0]);
  if (n == 1) return lead;
  char32_t cp = lead & (0x7F >> n);
  for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(p[k]) & 0x3F);
  return cp;
}

// bytes_to_unicode(): printable bytes stand for themselves, the other 68 map to U+0100.. in byte order.
const std::array<char32_t, 256>& byteCodePoints() {
  static const std::array<char32_t, 256> table = [] {
    std::array<char32_t, 256> t{};
    char32_t next = 256;
    for (int b = 0; b < 256; ++b) {
      const bool printable = (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
      t[size_t(b)] = printable ? char32_t(b) : next++;
    }
    return t;
  }();
  return table;
}

const QRegularExpression& preTokenizer() {
  static const QRegularExpression re(
      QStringLiteral("<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|"
                     "[^\\s\\p{L}\\p{N}]+"),
      QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
  return re;
}

void replaceAll(std::string& s, std::string_view from, std::string_view to) {
  size_t pos = 0;
  while ((pos = s.find(from, pos)) != std::string::npos) {
    s.replace(pos, from.size(), to);
    pos += to.size();
  }
}

}  // namespace

const std::string& ClipTokenizer::byteSymbol(uint8_t b) {
  static const std::array<std::string, 256> symbols = [] {
    std::array<std::string, 256> s;
    for (int i = 0; i < 256; ++i) appendUtf8(s[size_t(i)], byteCodePoints()[size_t(i)]);
    return s;
  }();
  return symbols[b];
}

std::optional<ClipTokenizer> ClipTokenizer::fromTables(std::unordered_map<std::string, int> vocab,
                                                       const std::vector<std::pair<std::string, std::string>>& merges,
                                                       std::string* error) {
  auto fail = [&](const std::string& message) -> std::optional<ClipTokenizer> {
    if (error) *error = message;
    return std::nullopt;
  };
  const auto bos = vocab.find(kStartOfText);
  const auto eos = vocab.find(kEndOfText);
  if (bos == vocab.end() || eos == vocab.end()) return fail("tokenizer vocab: lacks <|startoftext|> or <|endoftext|>");
  auto tables = std::make_shared<Tables>();
  int maxId = 0;
  for (const auto& [token, id] : vocab) {
    if (id < 0) return fail("tokenizer vocab: negative id " + std::to_string(id) + " for '" + token + "'");
    maxId = std::max(maxId, id);
  }
  if (maxId >= (1 << 24)) return fail("tokenizer vocab: id " + std::to_string(maxId) + " is implausibly large");
  tables->idToToken.resize(size_t(maxId) + 1);
  for (const auto& [token, id] : vocab) tables->idToToken[size_t(id)] = token;
  tables->mergeRank.reserve(merges.size());
  for (size_t i = 0; i < merges.size(); ++i)
    tables->mergeRank.emplace(merges[i].first + " " + merges[i].second, int(i));  // first occurrence wins
  tables->merges = merges;
  for (int b = 0; b < 256; ++b) tables->symbolToByte.emplace(byteCodePoints()[size_t(b)], uint8_t(b));

  ClipTokenizer tok;
  tok.m_bos = bos->second;
  tok.m_eos = eos->second;
  tok.m_pad = eos->second;
  tables->vocab = std::move(vocab);
  tok.m_tables = std::move(tables);
  tok.m_cache = std::make_shared<Cache>();
  return tok;
}

size_t ClipTokenizer::vocabSize() const { return m_tables ? m_tables->idToToken.size() : 0; }

int ClipTokenizer::tokenId(const std::string& token) const {
  if (!m_tables) return -1;
  const auto it = m_tables->vocab.find(token);
  return it == m_tables->vocab.end() ? -1 : it->second;
}

std::string ClipTokenizer::tokenText(int id) const {
  if (!m_tables || id < 0 || size_t(id) >= m_tables->idToToken.size()) return {};
  return m_tables->idToToken[size_t(id)];
}

const std::vector<std::pair<std::string, std::string>>& ClipTokenizer::merges() const {
  static const std::vector<std::pair<std::string, std::string>> kNone;
  return m_tables ? m_tables->merges : kNone;
}

void ClipTokenizer::appendBpe(const std::string& word, std::vector<int>& out) const {
  {
    std::lock_guard lock(m_cache->mutex);
    const auto hit = m_cache->map.find(word);
    if (hit != m_cache->map.end()) {
      out.insert(out.end(), hit->second.begin(), hit->second.end());
      return;
    }
  }
  // Split into byte-unicode symbols (one code point each), "</w>" on the last one.
  std::vector<std::string> symbols;
  for (size_t i = 0; i < word.size();) {
    const size_t n = std::min(utf8Length(static_cast<unsigned char>(word[i])), word.size() - i);
    symbols.push_back(word.substr(i, n));
    i += n;
  }
  if (symbols.empty()) return;
  symbols.back() += "</w>";
  const auto& ranks = m_tables->mergeRank;
  while (symbols.size() > 1) {
    int bestRank = INT_MAX;
    size_t best = 0;
    for (size_t i = 0; i + 1 < symbols.size(); ++i) {
      const auto it = ranks.find(symbols[i] + " " + symbols[i + 1]);
      if (it != ranks.end() && it->second < bestRank) {
        bestRank = it->second;
        best = i;
      }
    }
    if (bestRank == INT_MAX) break;
    const std::string first = symbols[best];
    const std::string second = symbols[best + 1];
    std::vector<std::string> merged;
    merged.reserve(symbols.size());
    for (size_t i = 0; i < symbols.size();) {
      if (i + 1 < symbols.size() && symbols[i] == first && symbols[i + 1] == second) {
        merged.push_back(first + second);
        i += 2;
      } else {
        merged.push_back(symbols[i]);
        i += 1;
      }
    }
    symbols = std::move(merged);
  }
  std::vector<int> ids;
  ids.reserve(symbols.size());
  for (const auto& symbol : symbols) {
    const auto it = m_tables->vocab.find(symbol);
    ids.push_back(it == m_tables->vocab.end() ? m_eos : it->second);  // unk = <|endoftext|>, as HF
  }
  out.insert(out.end(), ids.begin(), ids.end());
  std::lock_guard lock(m_cache->mutex);
  if (m_cache->map.size() >= Cache::kMaxEntries) m_cache->map.clear();
  m_cache->map.emplace(word, std::move(ids));
}

void ClipTokenizer::appendPiece(const std::string& normalized, std::vector<int>& out) const {
  const QString text = QString::fromUtf8(normalized.data(), qsizetype(normalized.size()));
  auto it = preTokenizer().globalMatch(text);
  while (it.hasNext()) {
    const QByteArray utf8 = it.next().captured(0).toUtf8();
    const std::string_view piece(utf8.constData(), size_t(utf8.size()));
    if (piece == kStartOfText) {
      out.push_back(m_bos);
    } else if (piece == kEndOfText) {
      out.push_back(m_eos);
    } else {
      std::string word;
      for (const char c : piece) word += byteSymbol(static_cast<uint8_t>(c));
      appendBpe(word, out);
    }
  }
}

std::vector<int> ClipTokenizer::encode(const std::string& text) const {
  std::vector<int> out;
  if (!m_tables) return out;
  // Like transformers: cut at literal special tokens first (case-sensitive), normalise the rest piecewise.
  size_t pos = 0;
  while (pos <= text.size()) {
    const size_t s = text.find(kStartOfText, pos);
    const size_t e = text.find(kEndOfText, pos);
    const size_t next = std::min(s, e);
    const std::string piece = text.substr(pos, next == std::string::npos ? std::string::npos : next - pos);
    if (!piece.empty()) appendPiece(normalizeText(piece), out);
    if (next == std::string::npos) break;
    const bool isBos = next == s;
    out.push_back(isBos ? m_bos : m_eos);
    pos = next + std::string_view(isBos ? kStartOfText : kEndOfText).size();
  }
  return out;
}

std::string ClipTokenizer::decode(const std::vector<int>& ids) const {
  if (!m_tables) return {};
  std::string joined;
  for (const int id : ids) joined += tokenText(id);
  std::string bytes;
  for (size_t i = 0; i < joined.size();) {
    const size_t n = std::min(utf8Length(static_cast<unsigned char>(joined[i])), joined.size() - i);
    const auto it = m_tables->symbolToByte.find(decodeUtf8(joined.data() + i, n));
    if (it != m_tables->symbolToByte.end())
      bytes += char(it->second);
    else
      bytes.append(joined, i, n);
    i += n;
  }
  replaceAll(bytes, "</w>", " ");
  std::string text = QString::fromUtf8(bytes.data(), qsizetype(bytes.size())).trimmed().toStdString();
  // transformers' clean_up_tokenization(), in its order.
  static const std::array<std::pair<std::string_view, std::string_view>, 10> kCleanups{{{" .", "."},
                                                                                        {" ?", "?"},
                                                                                        {" !", "!"},
                                                                                        {" ,", ","},
                                                                                        {" ' ", "'"},
                                                                                        {" n't", "n't"},
                                                                                        {" 'm", "'m"},
                                                                                        {" 's", "'s"},
                                                                                        {" 've", "'ve"},
                                                                                        {" 're", "'re"}}};
  for (const auto& [from, to] : kCleanups) replaceAll(text, from, to);
  return text;
}

std::vector<TokenWindow> ClipTokenizer::windows(const WeightedTokens& tokens, int window) const {
  const size_t length = size_t(std::max(window, 3));
  const size_t chunk = length - 2;
  std::vector<TokenWindow> out;
  TokenWindow current;
  auto flush = [&] {
    TokenWindow w;
    w.ids.reserve(length);
    w.ids.push_back(m_bos);
    w.ids.insert(w.ids.end(), current.ids.begin(), current.ids.end());
    w.ids.push_back(m_eos);
    w.ids.resize(length, m_pad);
    w.weights.assign(length, 1.0f);
    std::copy(current.weights.begin(), current.weights.end(), w.weights.begin() + 1);
    out.push_back(std::move(w));
    current = TokenWindow();
  };
  std::vector<size_t> breaks = tokens.breaks;
  std::sort(breaks.begin(), breaks.end());
  auto nextBreak = breaks.begin();
  for (size_t i = 0; i < tokens.tokens.size(); ++i) {
    bool breakHere = false;
    while (nextBreak != breaks.end() && *nextBreak <= i) breakHere |= (*nextBreak++ == i);
    if ((breakHere && !current.ids.empty()) || current.ids.size() == chunk) flush();
    current.ids.push_back(tokens.tokens[i]);
    current.weights.push_back(i < tokens.weights.size() ? tokens.weights[i] : 1.0f);
  }
  if (!current.ids.empty() || out.empty()) flush();
  return out;
}

std::vector<std::vector<int>> ClipTokenizer::windows(const std::vector<int>& tokens, int window) const {
  WeightedTokens weighted;
  weighted.tokens = tokens;
  std::vector<std::vector<int>> out;
  for (auto& w : windows(weighted, window)) out.push_back(std::move(w.ids));
  return out;
}

std::vector<int> ClipTokenizer::truncated(const std::vector<int>& tokens, int window) const {
  const size_t length = size_t(std::max(window, 2));
  std::vector<int> ids;
  ids.reserve(length);
  ids.push_back(m_bos);
  ids.insert(ids.end(), tokens.begin(), tokens.begin() + ptrdiff_t(std::min(tokens.size(), length - 2)));
  ids.push_back(m_eos);
  ids.resize(length, m_pad);
  return ids;
}

WeightedTokens ClipTokenizer::encodeWeighted(const std::string& text) const {
  WeightedTokens out;
  for (const PromptSegment& segment : parsePromptWeights(text)) {
    if (segment.isBreak) {
      out.breaks.push_back(out.tokens.size());
      continue;
    }
    const std::vector<int> ids = encode(segment.text);
    out.tokens.insert(out.tokens.end(), ids.begin(), ids.end());
    out.weights.insert(out.weights.end(), ids.size(), float(segment.weight));
  }
  return out;
}

int ClipTokenizer::countTokens(const std::string& text) const { return int(encodeWeighted(text).tokens.size()); }

}  // namespace shotcraft::engine
