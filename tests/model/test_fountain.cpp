#include <gtest/gtest.h>

#include <QFile>
#include <QTemporaryDir>

#include "core/model/FountainImporter.h"
#include "tests/common/TestUtil.h"

using namespace shotcraft::model;

namespace {
QString samplePath() { return QString::fromStdString(shotcraft::test::sourcePath("resources/samples/neon_dawn.fountain")); }

QString scene(int i, int words) {
  QStringList w;
  for (int k = 0; k < words; ++k) w << QStringLiteral("word");
  return QStringLiteral("EXT. PLACE %1 - DAY\n\n%2\n\n").arg(i).arg(w.join(' '));
}
}  // namespace

TEST(FountainImport, SampleScriptMapsSectionsToActs) {
  Project p;
  QString error;
  ASSERT_TRUE(FountainImporter::importFile(samplePath(), QStringLiteral("fallback"), &p, &error)) << error.toStdString();
  EXPECT_EQ(p.name(), QStringLiteral("Neon Dawn"));
  EXPECT_EQ(p.brief().title, QStringLiteral("Neon Dawn"));
  EXPECT_EQ(p.shotCount(), 9);
  EXPECT_EQ(p.act(0).shots.size(), 3u);
  EXPECT_EQ(p.act(1).shots.size(), 3u);
  EXPECT_EQ(p.act(2).shots.size(), 3u);
  EXPECT_EQ(p.act(0).title, QStringLiteral("ACT ONE: The City Sleeps"));
  EXPECT_EQ(p.act(2).title, QStringLiteral("ACT THREE: First Light"));
  const Shot& first = p.act(0).shots[0];
  EXPECT_EQ(first.id, QStringLiteral("s01"));
  EXPECT_EQ(first.title, QStringLiteral("EXT. ROOFTOP GARDEN - PRE-DAWN"));
  EXPECT_TRUE(first.prompt.startsWith(QStringLiteral("Rain-slick tiles glow magenta"))) << first.prompt.toStdString();
  EXPECT_FALSE(first.prompt.contains(QStringLiteral("Forty minutes")));  // dialogue is not in the prompt
  EXPECT_EQ(first.dialogue, QStringLiteral("MAYA: (to herself) Forty minutes to cross the whole city."));
  const Shot& garage = p.act(0).shots[2];
  EXPECT_EQ(garage.notes, QStringLiteral("Hero product reveal: slow push-in."));
  EXPECT_FALSE(garage.prompt.contains(QStringLiteral("[[")));
  EXPECT_TRUE(garage.prompt.contains(QStringLiteral("The cyan line pulses awake.")));
  const Shot& highway = p.act(1).shots[0];
  EXPECT_EQ(highway.dialogue,
            QStringLiteral("DISPATCHER: Package window closes in twelve minutes. You won't make it by road.\n"
                           "MAYA: Then I won't take the road."));
  const Shot& last = p.act(2).shots[2];
  EXPECT_EQ(last.title, QStringLiteral("EXT. SKYLINE - MORNING"));
  EXPECT_FALSE(last.prompt.contains(QStringLiteral("FADE OUT")));  // transition, not action
  for (const QString& id : p.shotIds()) {
    const Shot& s = *p.findShot(id);
    EXPECT_GE(s.duration_s, 2.0);
    EXPECT_LE(s.duration_s, 12.0);
    EXPECT_EQ(s.fps, 12);
    EXPECT_EQ(s.width, 256);
  }
  EXPECT_EQ(p.validate(), QString());
  // Same script, same seeds.
  Project again;
  ASSERT_TRUE(FountainImporter::importFile(samplePath(), QString(), &again, &error));
  EXPECT_EQ(again, p);
}

TEST(FountainImport, NoActMarkersSplits25_50_25ByLength) {
  QString text = QStringLiteral("Title: Even\n\n");
  for (int i = 0; i < 8; ++i) text += scene(i, 30);
  Project p;
  QString error;
  ASSERT_TRUE(FountainImporter::importText(text, QString(), &p, &error)) << error.toStdString();
  EXPECT_EQ(p.act(0).shots.size(), 2u);
  EXPECT_EQ(p.act(1).shots.size(), 4u);
  EXPECT_EQ(p.act(2).shots.size(), 2u);
  EXPECT_EQ(p.act(0).title, QStringLiteral("Setup"));

  // One long scene in the middle takes the whole confrontation; lengths, not counts, decide.
  QString uneven = scene(0, 10) + scene(1, 10) + scene(2, 200) + scene(3, 10) + scene(4, 10);
  ASSERT_TRUE(FountainImporter::importText(uneven, QStringLiteral("Uneven"), &p, &error));
  EXPECT_EQ(p.name(), QStringLiteral("Uneven"));
  EXPECT_EQ(p.act(0).shots.size(), 2u);
  EXPECT_EQ(p.act(1).shots.size(), 1u);
  EXPECT_EQ(p.act(2).shots.size(), 2u);
  EXPECT_DOUBLE_EQ(p.act(1).shots[0].duration_s, 12.0);  // 200 words: clamped
  EXPECT_DOUBLE_EQ(p.act(0).shots[0].duration_s, 2.0);   // 10 words: clamped up

  EXPECT_EQ(FountainImporter::actForPosition(0.2499), 0);
  EXPECT_EQ(FountainImporter::actForPosition(0.25), 1);
  EXPECT_EQ(FountainImporter::actForPosition(0.7499), 1);
  EXPECT_EQ(FountainImporter::actForPosition(0.75), 2);
}

TEST(FountainImport, DurationEstimate) {
  EXPECT_DOUBLE_EQ(FountainImporter::estimateDuration_s(0, 0), 2.0);
  EXPECT_DOUBLE_EQ(FountainImporter::estimateDuration_s(60, 0), 4.0);
  EXPECT_DOUBLE_EQ(FountainImporter::estimateDuration_s(45, 6), 5.0);
  EXPECT_DOUBLE_EQ(FountainImporter::estimateDuration_s(1000, 0), 12.0);
}

TEST(FountainImport, ErrorsAreOneLine) {
  QTemporaryDir tmp;
  Project p;
  QString error;
  EXPECT_FALSE(FountainImporter::importFile(tmp.filePath("nope.fountain"), QString(), &p, &error));
  EXPECT_TRUE(error.endsWith(QStringLiteral("no such file"))) << error.toStdString();
  EXPECT_FALSE(FountainImporter::importFile(tmp.path(), QString(), &p, &error));
  EXPECT_TRUE(error.endsWith(QStringLiteral("not a regular file"))) << error.toStdString();

  auto write = [&](const char* name, const QByteArray& bytes) {
    QFile f(tmp.filePath(name));
    EXPECT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(bytes);
    return tmp.filePath(name);
  };
  EXPECT_FALSE(FountainImporter::importFile(write("empty.fountain", "\n \n"), QString(), &p, &error));
  EXPECT_TRUE(error.endsWith(QStringLiteral("the script is empty"))) << error.toStdString();
  EXPECT_FALSE(FountainImporter::importFile(write("latin1.fountain", "EXT. CAF\xC9 - DAY\n\nHello.\n"), QString(), &p,
                                            &error));
  EXPECT_TRUE(error.endsWith(QStringLiteral("not UTF-8 text (bad byte at offset 8)"))) << error.toStdString();
  EXPECT_FALSE(FountainImporter::importFile(write("prose.fountain", "Just some prose.\n\nNo scenes here.\n"), QString(),
                                            &p, &error));
  EXPECT_TRUE(error.contains(QStringLiteral("no scene headings"))) << error.toStdString();
  EXPECT_FALSE(error.contains('\n'));
  EXPECT_EQ(p, Project());  // untouched
}

TEST(FountainParser, Elements) {
  const QString text = QStringLiteral(
      "Title:\n"
      "    _**BIG**_ Night\n"
      "Author: Me\n"
      "\n"
      "/* cut scene\n"
      "INT. CUT - DAY\n"
      "*/\n"
      "\n"
      ".FLASHBACK #12#\n"
      "\n"
      "A *bold* \\*move\\*. [[camera low]]\n"
      "\n"
      "> FADE TO BLACK.\n"
      "\n"
      "CUT TO:\n"
      "\n"
      "int. kitchen - night\n"
      "\n"
      "@McCLANE\n"
      "Yippee.\n"
      "\n"
      "== page break is not a synopsis\n"
      "= A quiet beat.\n"
      "\n"
      "!SILENCE.\n"
      "\n"
      "I/E CAR - MOVING\n");
  const FountainScript s = FountainParser::parse(text);
  EXPECT_EQ(s.titlePageValue(QStringLiteral("title")), QStringLiteral("BIG Night"));
  EXPECT_EQ(s.titlePageValue(QStringLiteral("Author")), QStringLiteral("Me"));
  ASSERT_EQ(s.scenes.size(), 3u);
  EXPECT_EQ(s.scenes[0].heading, QStringLiteral("FLASHBACK"));
  EXPECT_EQ(s.scenes[0].action, QStringLiteral("A bold *move*."));
  EXPECT_EQ(s.scenes[0].notes, QStringList{QStringLiteral("camera low")});
  EXPECT_EQ(s.scenes[1].heading, QStringLiteral("int. kitchen - night"));
  EXPECT_EQ(s.scenes[1].dialogue, QStringList{QStringLiteral("McCLANE: Yippee.")});
  EXPECT_EQ(s.scenes[1].action, QStringLiteral("SILENCE."));
  EXPECT_TRUE(s.scenes[1].notes.contains(QStringLiteral("A quiet beat.")));
  EXPECT_EQ(s.scenes[2].heading, QStringLiteral("I/E CAR - MOVING"));
  EXPECT_TRUE(s.sections.isEmpty());
}

TEST(FountainParser, WordsAndUtf8) {
  EXPECT_EQ(FountainParser::wordCount(QStringLiteral("Two words.")), 2);
  EXPECT_EQ(FountainParser::wordCount(QStringLiteral("骑手 rides 夜市")), 5);
  EXPECT_EQ(FountainParser::firstInvalidUtf8(QByteArray("ok \xE2\x82\xAC")), -1);
  EXPECT_EQ(FountainParser::firstInvalidUtf8(QByteArray("ab\xC0\xAF")), 2);       // overlong
  EXPECT_EQ(FountainParser::firstInvalidUtf8(QByteArray("abc\xE2\x82")), 3);     // truncated
  EXPECT_EQ(FountainParser::firstInvalidUtf8(QByteArray("\xED\xA0\x80")), 0);    // surrogate
  QString text;
  QString error;
  EXPECT_TRUE(FountainParser::decode(QByteArray("\xEF\xBB\xBFINT. A - DAY"), &text, &error));
  EXPECT_EQ(text, QStringLiteral("INT. A - DAY"));
}
