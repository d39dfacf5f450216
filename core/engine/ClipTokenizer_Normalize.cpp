// ClipTokenizer: text normalisation. CLIP tokenizers run whitespace_clean(ftfy.fix_text(text)).lower();
// this is an ftfy-like subset of fix_text's default steps (own implementation, same order):
// HTML entities (not on lines after a literal '<'), simple UTF-8-read-as-Windows-1252 mojibake,
// C1 controls, Latin ligatures, full-width forms, curly quotes, line breaks, terminal escapes, control
// characters, NFC — repeated until nothing changes, as ftfy does.
#include <QHash>
#include <QRegularExpression>
#include <QString>
#include <array>

#include "core/engine/ClipTokenizer.h"

namespace shotcraft::engine {

namespace {

// Windows-1252 bytes 0x80..0x9F (0 = undefined; "sloppy" decoding keeps those as U+0080..U+009F).
constexpr std::array<char16_t, 32> kCp1252High{0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                               0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
                                               0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                               0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

// The byte a character came from if it was decoded as sloppy Windows-1252, or -1.
int cp1252Byte(char16_t c) {
  if (c < 0x80) return c;
  if (c <= 0xFF) return c;  // Latin-1 range, and undefined C1 positions kept as-is
  for (size_t i = 0; i < kCp1252High.size(); ++i)
    if (kCp1252High[i] == c) return int(0x80 + i);
  return -1;
}

bool isContinuation(int byte) { return byte >= 0x80 && byte <= 0xBF; }

// "cafÃ©" -> "café", "â€™" -> "’": only the unambiguous leads Â/Ã (2 bytes) and â (3 bytes) followed by
// characters that were UTF-8 continuation bytes. ftfy's full badness heuristics are not reproduced.
QString fixSimpleMojibake(const QString& s) {
  QString out;
  out.reserve(s.size());
  for (qsizetype i = 0; i < s.size(); ++i) {
    const char16_t c = s[i].unicode();
    const qsizetype need = (c == 0xC2 || c == 0xC3) ? 1 : (c == 0xE2 ? 2 : 0);
    bool fixed = need > 0 && i + need < s.size();
    QByteArray bytes(1, char(c));
    for (qsizetype k = 1; fixed && k <= need; ++k) {
      const int b = cp1252Byte(s[i + k].unicode());
      fixed = isContinuation(b);
      bytes.append(char(b));
    }
    if (fixed) {
      out += QString::fromUtf8(bytes);
      i += need;
    } else {
      out += s[i];
    }
  }
  return out;
}

QString fixC1Controls(QString s) {
  for (QChar& ch : s) {
    const char16_t c = ch.unicode();
    if (c >= 0x80 && c <= 0x9F && kCp1252High[c - 0x80] != 0) ch = QChar(kCp1252High[c - 0x80]);
  }
  return s;
}

QString fixLigaturesWidthQuotes(const QString& s) {
  static const QHash<char16_t, QString> kLigatures{
      {0x0132, QStringLiteral("IJ")},       {0x0133, QStringLiteral("ij")},       {0x0149, QStringLiteral(u"\u02BCn")},
      {0x01F1, QStringLiteral("DZ")},       {0x01F2, QStringLiteral("Dz")},       {0x01F3, QStringLiteral("dz")},
      {0x01C4, QStringLiteral(u"D\u017D")}, {0x01C5, QStringLiteral(u"D\u017E")}, {0x01C6, QStringLiteral(u"d\u017E")},
      {0x01C7, QStringLiteral("LJ")},       {0x01C8, QStringLiteral("Lj")},       {0x01C9, QStringLiteral("lj")},
      {0x01CA, QStringLiteral("NJ")},       {0x01CB, QStringLiteral("Nj")},       {0x01CC, QStringLiteral("nj")},
      {0xFB00, QStringLiteral("ff")},       {0xFB01, QStringLiteral("fi")},       {0xFB02, QStringLiteral("fl")},
      {0xFB03, QStringLiteral("ffi")},      {0xFB04, QStringLiteral("ffl")},      {0xFB05, QStringLiteral(u"\u017Ft")},
      {0xFB06, QStringLiteral("st")}};
  QString out;
  out.reserve(s.size());
  for (const QChar ch : s) {  // fix_latin_ligatures, fix_character_width, uncurl_quotes
    const char16_t c = ch.unicode();
    if (const auto it = kLigatures.constFind(c); it != kLigatures.cend()) {
      out += *it;
    } else if (c == 0x3000) {
      out += QLatin1Char(' ');
    } else if (c >= 0xFF01 && c <= 0xFFEF) {
      out += QString(ch).normalized(QString::NormalizationForm_KC);
    } else if (c == 0x02BC || (c >= 0x2018 && c <= 0x201B)) {
      out += QLatin1Char('\'');
    } else if (c >= 0x201C && c <= 0x201F) {
      out += QLatin1Char('"');
    } else {
      out += ch;
    }
  }
  // fix_line_breaks, then remove_terminal_escapes and remove_control_chars.
  out.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
  static const QRegularExpression kBreaks(QStringLiteral("[\\r\\x{2028}\\x{2029}\\x{0085}]"));
  static const QRegularExpression kTerminal(QStringLiteral("\\x1b\\[[0-9;]*[a-zA-Z]"));
  out.replace(kBreaks, QStringLiteral("\n"));
  out.remove(kTerminal);
  out.removeIf([](QChar ch) {
    const char16_t c = ch.unicode();
    return c <= 0x08 || c == 0x0B || (c >= 0x0E && c <= 0x1F) || c == 0x7F || (c >= 0x206A && c <= 0x206F) ||
           c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFC);
  });
  return out;
}

QString namedEntity(const QString& name) {
  static const QHash<QString, QString> kNamed{
      {QStringLiteral("amp"), QStringLiteral("&")},          {QStringLiteral("lt"), QStringLiteral("<")},
      {QStringLiteral("gt"), QStringLiteral(">")},           {QStringLiteral("quot"), QStringLiteral("\"")},
      {QStringLiteral("apos"), QStringLiteral("'")},         {QStringLiteral("nbsp"), QStringLiteral(u"\u00A0")},
      {QStringLiteral("copy"), QStringLiteral(u"\u00A9")},   {QStringLiteral("reg"), QStringLiteral(u"\u00AE")},
      {QStringLiteral("trade"), QStringLiteral(u"\u2122")},  {QStringLiteral("hellip"), QStringLiteral(u"\u2026")},
      {QStringLiteral("mdash"), QStringLiteral(u"\u2014")},  {QStringLiteral("ndash"), QStringLiteral(u"\u2013")},
      {QStringLiteral("lsquo"), QStringLiteral(u"\u2018")},  {QStringLiteral("rsquo"), QStringLiteral(u"\u2019")},
      {QStringLiteral("ldquo"), QStringLiteral(u"\u201C")},  {QStringLiteral("rdquo"), QStringLiteral(u"\u201D")},
      {QStringLiteral("laquo"), QStringLiteral(u"\u00AB")},  {QStringLiteral("raquo"), QStringLiteral(u"\u00BB")},
      {QStringLiteral("deg"), QStringLiteral(u"\u00B0")},    {QStringLiteral("times"), QStringLiteral(u"\u00D7")},
      {QStringLiteral("middot"), QStringLiteral(u"\u00B7")}, {QStringLiteral("bull"), QStringLiteral(u"\u2022")},
      {QStringLiteral("euro"), QStringLiteral(u"\u20AC")},   {QStringLiteral("pound"), QStringLiteral(u"\u00A3")},
      {QStringLiteral("szlig"), QStringLiteral(u"\u00DF")},  {QStringLiteral("aelig"), QStringLiteral(u"\u00E6")},
      {QStringLiteral("AElig"), QStringLiteral(u"\u00C6")},  {QStringLiteral("oslash"), QStringLiteral(u"\u00F8")},
      {QStringLiteral("Oslash"), QStringLiteral(u"\u00D8")}};
  if (const auto it = kNamed.constFind(name); it != kNamed.cend()) return *it;
  // Accented Latin letters: &eacute; &Uuml; &ntilde; ... composed with NFC.
  static const QHash<QString, char16_t> kAccents{{QStringLiteral("acute"), 0x0301}, {QStringLiteral("grave"), 0x0300},
                                                 {QStringLiteral("circ"), 0x0302},  {QStringLiteral("uml"), 0x0308},
                                                 {QStringLiteral("tilde"), 0x0303}, {QStringLiteral("ring"), 0x030A},
                                                 {QStringLiteral("cedil"), 0x0327}};
  if (name.size() >= 4 && name[0].isLetter() && name[0].unicode() < 0x80) {
    if (const auto it = kAccents.constFind(name.mid(1)); it != kAccents.cend()) {
      const QString composed = (QString(name[0]) + QChar(*it)).normalized(QString::NormalizationForm_C);
      if (composed.size() == 1) return composed;
    }
  }
  return {};
}

QString unescapeHtml(const QString& s) {
  static const QRegularExpression kEntity(QStringLiteral("&#?[0-9A-Za-z]{1,24};"));
  QString out;
  qsizetype last = 0;
  auto it = kEntity.globalMatch(s);
  while (it.hasNext()) {
    const auto m = it.next();
    const QString whole = m.captured(0);
    const QString body = whole.mid(1, whole.size() - 2);
    QString replacement;
    if (body.startsWith(QLatin1Char('#'))) {
      const bool hex = body.size() > 1 && (body[1] == QLatin1Char('x') || body[1] == QLatin1Char('X'));
      bool ok = false;
      const uint cp = body.mid(hex ? 2 : 1).toUInt(&ok, hex ? 16 : 10);
      if (ok && cp >= 0x80 && cp <= 0x9F && kCp1252High[cp - 0x80] != 0)
        replacement = QChar(kCp1252High[cp - 0x80]);
      else if (ok && cp > 0 && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF)) {
        const char32_t c32 = cp;
        replacement = QString::fromUcs4(&c32, 1);
      } else if (ok)
        replacement = QChar(0xFFFD);
    } else {
      replacement = namedEntity(body);
      // ftfy also reads all-caps entities: &EACUTE; -> É, &AMP; -> &.
      if (replacement.isEmpty() && body.size() > 1 && body == body.toUpper())
        replacement = namedEntity(body.toLower()).toUpper();
    }
    if (replacement.isEmpty()) continue;  // unknown: keep the text as it is
    out += QStringView(s).mid(last, m.capturedStart(0) - last);
    out += replacement;
    last = m.capturedEnd(0);
  }
  out += QStringView(s).mid(last);
  return out;
}

QString fixSegment(QString text, bool unescape) {
  for (int pass = 0; pass < 8; ++pass) {
    const QString before = text;
    if (unescape) text = unescapeHtml(text);
    text = fixSimpleMojibake(text);
    text = fixC1Controls(text);
    text = fixLigaturesWidthQuotes(text);
    text = text.normalized(QString::NormalizationForm_C);
    if (text == before) break;
  }
  return text;
}

}  // namespace

std::string ClipTokenizer::normalizeText(std::string_view text) {
  const QString input = QString::fromUtf8(text.data(), qsizetype(text.size()));
  // ftfy.fix_text works line by line; once a line holds a literal '<' it stops unescaping HTML.
  QString fixed;
  bool unescape = true;
  for (qsizetype pos = 0; pos < input.size();) {
    qsizetype end = input.indexOf(QLatin1Char('\n'), pos);
    end = end < 0 ? input.size() : end + 1;
    const QString segment = input.mid(pos, end - pos);
    if (segment.contains(QLatin1Char('<'))) unescape = false;
    fixed += fixSegment(segment, unescape);
    pos = end;
  }
  // whitespace_clean: runs of whitespace -> one space, stripped; then lower-case.
  QString cleaned;
  cleaned.reserve(fixed.size());
  bool pendingSpace = false;
  for (const QChar ch : fixed) {
    if (ch.isSpace()) {
      pendingSpace = !cleaned.isEmpty();
      continue;
    }
    if (pendingSpace) cleaned += QLatin1Char(' ');
    pendingSpace = false;
    cleaned += ch;
  }
  return cleaned.toLower().toStdString();
}

}  // namespace shotcraft::engine
