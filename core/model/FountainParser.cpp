#include "core/model/FountainParser.h"

#include <QRegularExpression>

namespace shotcraft::model {

namespace {
const QChar kNoteMark(0x1);  // stands in for a [[note]] while lines are classified

bool isBlank(const QString& line) { return line.trimmed().isEmpty(); }

// Drops Fountain emphasis and escapes (*italic*, **bold**, _underline_, \*) and squeezes whitespace.
QString plain(const QString& s) {
  QString out;
  out.reserve(s.size());
  for (qsizetype i = 0; i < s.size(); ++i) {
    const QChar c = s.at(i);
    if (c == QLatin1Char('\\') && i + 1 < s.size()) {
      out += s.at(++i);
    } else if (c != QLatin1Char('*') && c != QLatin1Char('_') && c != kNoteMark) {
      out += c;
    }
  }
  return out.simplified();
}

bool isSceneHeading(const QString& t) {
  static const QRegularExpression re(QStringLiteral("^(INT|EXT|EST|INT\\.?/EXT|I/E)[\\. ]"),
                                     QRegularExpression::CaseInsensitiveOption);
  if (t.startsWith(QLatin1Char('.')) && t.size() > 1 && t.at(1) != QLatin1Char('.')) return true;
  return re.match(t).hasMatch();
}

QString headingText(QString t) {
  if (t.startsWith(QLatin1Char('.'))) t.remove(0, 1);
  static const QRegularExpression sceneNumber(QStringLiteral("\\s*#[^#]*#\\s*$"));
  t.remove(sceneNumber);
  return plain(t);
}

// All-caps cue (letters with case, none lower-case), optional "(V.O.)" extension, optional "^" dual mark.
bool looksLikeCharacter(const QString& t) {
  if (t.startsWith(QLatin1Char('@'))) return t.size() > 1;
  QString name = t;
  const qsizetype paren = name.indexOf(QLatin1Char('('));
  if (paren >= 0) name = name.left(paren);
  bool upper = false;
  for (const QChar c : name) {
    if (c.isLower()) return false;
    if (c.isUpper()) upper = true;
  }
  return upper && !t.endsWith(QLatin1String("TO:"));
}

QString characterName(QString t) {
  if (t.startsWith(QLatin1Char('@'))) t.remove(0, 1);
  if (t.endsWith(QLatin1Char('^'))) t.chop(1);
  const qsizetype paren = t.indexOf(QLatin1Char('('));
  if (paren >= 0) t = t.left(paren);
  return plain(t);
}

bool isTransition(const QString& t, bool nextBlank) {
  if (t.startsWith(QLatin1Char('>'))) return !t.endsWith(QLatin1Char('<'));
  return nextBlank && t.endsWith(QLatin1String("TO:")) && t == t.toUpper();
}

// Removes /* boneyard */ and replaces [[notes]] with kNoteMark, collecting the note texts in order.
QString stripBoneyardAndNotes(const QString& text, QStringList* notes) {
  QString out;
  out.reserve(text.size());
  qsizetype i = 0;
  while (i < text.size()) {
    if (text.mid(i, 2) == QLatin1String("/*")) {
      const qsizetype end = text.indexOf(QLatin1String("*/"), i + 2);
      if (end < 0) break;  // unterminated boneyard hides the rest
      // Keep the line structure so blank-line rules still see the surrounding lines.
      out += QString(text.mid(i, end + 2 - i).count(QLatin1Char('\n')), QLatin1Char('\n'));
      i = end + 2;
    } else if (text.mid(i, 2) == QLatin1String("[[")) {
      const qsizetype end = text.indexOf(QLatin1String("]]"), i + 2);
      if (end < 0) {
        out += text.mid(i);
        break;
      }
      notes->append(text.mid(i + 2, end - i - 2).simplified());
      out += kNoteMark;
      i = end + 2;
    } else {
      out += text.at(i++);
    }
  }
  return out;
}
}  // namespace

QString FountainScript::titlePageValue(const QString& key) const {
  for (const auto& [k, v] : titlePage) {
    if (k.compare(key, Qt::CaseInsensitive) == 0) return v;
  }
  return {};
}

qsizetype FountainParser::firstInvalidUtf8(const QByteArray& bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.constData());
  const qsizetype n = bytes.size();
  qsizetype i = 0;
  while (i < n) {
    const unsigned char c = p[i];
    int extra = 0;
    uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    }
    if (c >= 0xC2 && c <= 0xDF) {
      extra = 1;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      extra = 2;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      extra = 3;
      cp = c & 0x07;
    } else {
      return i;
    }
    if (i + extra >= n) return i;
    for (int k = 1; k <= extra; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    const bool overlong = (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000);
    const bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
    if (overlong || surrogate || cp > 0x10FFFF) return i;
    i += extra + 1;
  }
  return -1;
}

bool FountainParser::decode(const QByteArray& bytes, QString* text, QString* error) {
  QByteArray body = bytes;
  if (body.startsWith("\xEF\xBB\xBF")) body.remove(0, 3);
  if (body.trimmed().isEmpty()) {
    if (error) *error = QStringLiteral("the script is empty");
    return false;
  }
  if (const qsizetype bad = firstInvalidUtf8(body); bad >= 0) {
    if (error) *error = QStringLiteral("the script is not UTF-8 text (bad byte at offset %1)").arg(bad);
    return false;
  }
  *text = QString::fromUtf8(body);
  return true;
}

int FountainParser::wordCount(const QString& text) {
  int words = 0;
  bool inWord = false;
  for (const QChar c : text) {
    const char16_t u = c.unicode();
    const bool cjk = (u >= 0x3400 && u <= 0x9FFF) || (u >= 0xF900 && u <= 0xFAFF);
    if (cjk) {
      ++words;
      inWord = false;
    } else if (c.isSpace() || c.isPunct()) {
      inWord = false;
    } else if (!inWord) {
      ++words;
      inWord = true;
    }
  }
  return words;
}

FountainScript FountainParser::parse(const QString& input) {
  FountainScript script;
  QString text = input;
  text.replace(QLatin1String("\r\n"), QLatin1String("\n")).replace(QLatin1Char('\r'), QLatin1Char('\n'));
  QStringList noteTexts;
  text = stripBoneyardAndNotes(text, &noteTexts);
  const QStringList lines = text.split(QLatin1Char('\n'));
  qsizetype i = 0;
  qsizetype noteIndex = 0;

  // Title page: "Key: value" lines (indented lines continue a value) up to the first blank line.
  static const QRegularExpression keyLine(QStringLiteral("^([A-Za-z][A-Za-z ]*):\\s*(.*)$"));
  while (i < lines.size() && isBlank(lines[i])) ++i;
  if (i < lines.size() && keyLine.match(lines[i]).hasMatch() && !isSceneHeading(lines[i].trimmed())) {
    for (; i < lines.size() && !isBlank(lines[i]); ++i) {
      const auto m = keyLine.match(lines[i]);
      const bool indented = lines[i].startsWith(QLatin1Char('\t')) || lines[i].startsWith(QLatin1String("   "));
      if (m.hasMatch() && !indented) {
        script.titlePage.append({m.captured(1).trimmed(), plain(m.captured(2))});
      } else if (!script.titlePage.isEmpty()) {
        QString& value = script.titlePage.last().second;
        value = (value + QLatin1Char(' ') + plain(lines[i])).trimmed();
      }
    }
  }

  FountainScene* scene = nullptr;
  int section = -1;
  QString speaker;  // non-empty while inside a dialogue block
  QStringList speech;
  auto flushSpeech = [&]() {
    if (scene && !speaker.isEmpty() && !speech.isEmpty()) {
      const QString line = plain(speech.join(QLatin1Char(' ')));
      scene->dialogue << speaker + QStringLiteral(": ") + line;
      scene->dialogueWords += wordCount(line);
    }
    speaker.clear();
    speech.clear();
  };

  for (; i < lines.size(); ++i) {
    const QString raw = lines[i];
    const qsizetype marks = raw.count(kNoteMark);
    for (qsizetype k = 0; k < marks && noteIndex < noteTexts.size(); ++k, ++noteIndex) {
      if (scene && !noteTexts[noteIndex].isEmpty()) scene->notes << noteTexts[noteIndex];
    }
    QString t = raw;
    t.remove(kNoteMark);
    t = t.trimmed();
    if (t.isEmpty()) {
      if (marks == 0) flushSpeech();  // a line that only held a note is not a paragraph break
      continue;
    }
    const bool prevBlank = i == 0 || isBlank(QString(lines[i - 1]).remove(kNoteMark));
    const bool nextBlank = i + 1 >= lines.size() || isBlank(QString(lines[i + 1]).remove(kNoteMark));
    if (!speaker.isEmpty()) {
      speech << t;  // dialogue and (parentheticals) until the next blank line
      continue;
    }
    if (t.startsWith(QLatin1Char('#'))) {
      qsizetype level = 0;
      while (level < t.size() && t.at(level) == QLatin1Char('#')) ++level;
      if (level == 1) {
        script.sections << plain(t.mid(1));
        section = int(script.sections.size()) - 1;
      }
      continue;
    }
    if (t.startsWith(QLatin1Char('='))) {
      if (scene && !t.startsWith(QLatin1String("==="))) scene->notes << plain(t.mid(1));
      continue;
    }
    if (t.startsWith(QLatin1Char('!'))) {
      if (scene) scene->action += QLatin1Char(' ') + plain(t.mid(1));
      continue;
    }
    if (prevBlank && isSceneHeading(t)) {
      script.scenes.push_back(FountainScene{});
      scene = &script.scenes.back();
      scene->heading = headingText(t);
      scene->section = section;
      continue;
    }
    if (prevBlank && isTransition(t, nextBlank)) continue;
    if (prevBlank && !nextBlank && looksLikeCharacter(t)) {
      speaker = characterName(t);
      if (speaker.isEmpty()) speaker = QStringLiteral("?");
      continue;
    }
    if (scene) {
      QString line = t;
      if (line.startsWith(QLatin1Char('>')) && line.endsWith(QLatin1Char('<'))) line = line.mid(1, line.size() - 2);
      scene->action += QLatin1Char(' ') + plain(line);
    }
  }
  flushSpeech();
  for (FountainScene& s : script.scenes) s.action = s.action.simplified();
  return script;
}

}  // namespace shotcraft::model
