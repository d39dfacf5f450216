#pragma once
// A small reader for Fountain screenplays (https://fountain.io): title page, sections, scene headings,
// action, character cues with dialogue and parentheticals, transitions, notes [[...]], boneyard /* */.
// It keeps what a storyboard needs: per scene its heading, action text, dialogue and notes.
#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <vector>

namespace shotcraft::model {

struct FountainScene {
  QString heading;     // "EXT. ROOFTOP - DAWN" (forced '.' and scene numbers removed)
  QString action;      // action paragraphs joined by spaces
  QStringList dialogue;  // "MAYA: (quietly) We ride at dawn."
  QStringList notes;     // [[notes]] and = synopses inside the scene
  int section = -1;      // index into FountainScript::sections (level-1 "# ..." lines), -1 before the first
  int dialogueWords = 0;
};

struct FountainScript {
  QList<QPair<QString, QString>> titlePage;  // keys as written ("Title", "Credit", ...), values one line each
  QStringList sections;                      // level-1 section titles in order
  std::vector<FountainScene> scenes;

  QString titlePageValue(const QString& key) const;  // case-insensitive key; "" when absent
};

class FountainParser {
 public:
  static constexpr qint64 kMaxScriptBytes = 16LL * 1024 * 1024;

  // Strict UTF-8 decode (a leading BOM is dropped). Errors: empty, not UTF-8 (with the byte offset).
  static bool decode(const QByteArray& bytes, QString* text, QString* error);
  static FountainScript parse(const QString& text);

  // Words in `text`: whitespace-separated tokens, each CJK character counted as one word.
  static int wordCount(const QString& text);
  // -1 when `bytes` is valid UTF-8, else the offset of the first bad byte.
  static qsizetype firstInvalidUtf8(const QByteArray& bytes);
};

}  // namespace shotcraft::model
