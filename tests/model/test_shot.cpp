#include <gtest/gtest.h>

#include "core/model/AspectRatio.h"
#include "core/model/AudioTrack.h"
#include "core/model/Brief.h"
#include "core/model/Identifier.h"
#include "core/model/RenderDefaults.h"
#include "core/model/Shot.h"

using namespace shotcraft::model;

namespace {
Shot validShot() {
  Shot s;
  s.id = QStringLiteral("s01");
  return s;
}

Take validTake(const QString& id) {
  Take t;
  t.id = id;
  t.created = QDateTime(QDate(2024, 5, 1), QTime(6, 30), Qt::UTC);
  t.render_hash = QStringLiteral("abc123");
  t.frames = QStringLiteral("s01/abc123");
  return t;
}
}  // namespace

TEST(Shot, DefaultWithIdIsValid) { EXPECT_EQ(validShot().validate(), QString()); }

TEST(Shot, RangeErrorsNameTheField) {
  struct Case {
    void (*edit)(Shot&);
    const char* expected;
  };
  const Case cases[] = {
      {[](Shot& s) { s.duration_s = 0; }, "duration: must be > 0"},
      {[](Shot& s) { s.duration_s = 600.5; }, "duration: must be <= 600 s"},
      {[](Shot& s) { s.fps = 0; }, "fps: must be in 1..120"},
      {[](Shot& s) { s.fps = 121; }, "fps: must be in 1..120"},
      {[](Shot& s) { s.width = 250; }, "width: must be a multiple of 8"},
      {[](Shot& s) { s.height = 56; }, "height: must be in 64..8192 px"},
      {[](Shot& s) { s.width = 8200; }, "width: must be in 64..8192 px"},
      {[](Shot& s) { s.steps = 0; }, "steps: must be in 1..200"},
      {[](Shot& s) { s.steps = 201; }, "steps: must be in 1..200"},
      {[](Shot& s) { s.cfg_scale = 30.5; }, "cfg: must be in 0..30"},
      {[](Shot& s) { s.sampler = QStringLiteral("  "); }, "sampler: must not be empty"},
      {[](Shot& s) { s.seed = (1ULL << 53); }, "seed: must be in 0..9007199254740991"},
      {[](Shot& s) { s.id = QStringLiteral("a b"); }, "id: must use only letters, digits, '_' and '-'"},
      {[](Shot& s) { s.selected_take = QStringLiteral("t9"); }, "selected_take: no take with id 't9'"},
  };
  for (const Case& c : cases) {
    Shot s = validShot();
    c.edit(s);
    EXPECT_EQ(s.validate(), QString::fromLatin1(c.expected));
  }
  Shot s = validShot();
  s.sampler = QStringLiteral("my_custom_sampler");  // unknown names are fine
  EXPECT_EQ(s.validate(), QString());
}

TEST(Shot, TakesAreCheckedWithTheirIndex) {
  Shot s = validShot();
  s.takes = {validTake(QStringLiteral("t01")), validTake(QStringLiteral("t01"))};
  EXPECT_EQ(s.validate(), QStringLiteral("takes[1].id: duplicate take id 't01'"));
  s.takes[1].id = QStringLiteral("t02");
  s.takes[1].frames = QStringLiteral("../outside");
  EXPECT_EQ(s.validate(), QStringLiteral("takes[1].frames: must not contain '..'"));
  s.takes[1].frames = QStringLiteral("s01/t02");
  s.takes[1].flicker = -1.0;
  EXPECT_EQ(s.validate(), QStringLiteral("takes[1].flicker: must be >= 0"));
  s.takes[1].flicker = 0.02;
  s.selected_take = QStringLiteral("t02");
  EXPECT_EQ(s.validate(), QString());
  EXPECT_EQ(s.selectedTake()->frames, QStringLiteral("s01/t02"));
  EXPECT_EQ(s.nextTakeId(), QStringLiteral("t03"));
}

TEST(Shot, FrameCount) {
  Shot s = validShot();
  s.duration_s = 2.5;
  s.fps = 12;
  EXPECT_EQ(s.frameCount(), 30);
  s.duration_s = 0.01;
  EXPECT_EQ(s.frameCount(), 1);
}

TEST(Identifier, CheckAndNext) {
  EXPECT_EQ(checkIdentifier(QStringLiteral("s01")), QString());
  EXPECT_EQ(checkIdentifier(QStringLiteral("a1b2-c3_d")), QString());
  EXPECT_FALSE(checkIdentifier(QString()).isEmpty());
  EXPECT_FALSE(checkIdentifier(QStringLiteral("s/1")).isEmpty());
  EXPECT_FALSE(checkIdentifier(QString(65, QLatin1Char('a'))).isEmpty());
  EXPECT_EQ(nextIdentifier(QStringLiteral("s"), QStringList{}), QStringLiteral("s01"));
  EXPECT_EQ(nextIdentifier(QStringLiteral("s"), QStringList{QStringLiteral("s01"), QStringLiteral("s07"),
                                                           QStringLiteral("x99")}),
            QStringLiteral("s08"));
  EXPECT_EQ(nextIdentifier(QStringLiteral("s"), QStringList{QStringLiteral("s123")}), QStringLiteral("s124"));
}

TEST(AspectRatio, NamesAndValues) {
  for (auto a : {AspectRatio::Wide16x9, AspectRatio::Tall9x16, AspectRatio::Square1x1, AspectRatio::Classic4x3,
                 AspectRatio::Scope239x1}) {
    EXPECT_EQ(aspectRatioFromName(aspectRatioName(a)), a);
  }
  EXPECT_EQ(aspectRatioName(AspectRatio::Scope239x1), QStringLiteral("2.39:1"));
  EXPECT_DOUBLE_EQ(aspectRatioValue(AspectRatio::Wide16x9), 16.0 / 9.0);
  EXPECT_FALSE(aspectRatioFromName(QStringLiteral("5:4")).has_value());
}

TEST(Brief, ValidateAndNames) {
  Brief b;
  EXPECT_EQ(b.validate(), QString());
  b.target_duration_s = -1;
  EXPECT_TRUE(b.validate().startsWith(QStringLiteral("target_duration:")));
  EXPECT_EQ(videoTypeFromName(QStringLiteral("micro-film")), VideoType::MicroFilm);
  EXPECT_EQ(videoTypeName(VideoType::VfxShort), QStringLiteral("vfx-short"));
  EXPECT_FALSE(videoTypeFromName(QStringLiteral("musical")).has_value());
}

TEST(RenderDefaults, UsesShotRanges) {
  RenderDefaults d;
  EXPECT_EQ(d.validate(), QString());
  EXPECT_EQ(d.width, 256);
  EXPECT_EQ(d.height, 144);
  d.fps = 0;
  EXPECT_EQ(d.validate(), QStringLiteral("fps: must be in 1..120"));
  d.fps = 12;
  d.model.clear();
  EXPECT_EQ(d.validate(), QStringLiteral("model: must not be empty"));
}

TEST(AudioTrack, Validate) {
  AudioTrack a;
  a.path = QStringLiteral("music.ogg");
  EXPECT_EQ(a.validate(), QString());
  a.gain_db = 30;
  EXPECT_EQ(a.validate(), QStringLiteral("gain_db: must be in -60..24"));
  a.gain_db = 0;
  a.path = QStringLiteral("/tmp/music.ogg");
  EXPECT_TRUE(a.validate().startsWith(QStringLiteral("path:")));
}
