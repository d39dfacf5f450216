// Timeline timing (exact frame counts, cuts on rounded times), dissolves, captions, placeholders and takes.
#include <QDateTime>
#include <QDir>
#include <QTemporaryDir>
#include <gtest/gtest.h>

#include "core/media/PlaceholderFrameSource.h"
#include "core/media/ProjectFrames.h"
#include "core/media/TextPainter.h"
#include "tests/media/MediaTestUtil.h"

using namespace shotcraft;
using namespace shotcraft::test;

namespace {

media::TimelineOptions options(int dissolve = 0, bool captions = false) {
  media::TimelineOptions o;
  o.width = 160;
  o.height = 96;
  o.fps = 12;
  o.dissolve_frames = dissolve;
  o.captions = captions;
  return o;
}

int blueAt(media::Timeline& t, int frame) {
  Image img;
  std::string error;
  EXPECT_TRUE(t.frame(frame, img, &error)) << error;
  return img.pixel(100, 60)[2];
}

}  // namespace

TEST(Timeline, FrameCountsFollowCumulativeRoundedTimes) {
  // 0.3 s at 12 fps is 3.6 frames: cuts at round(0.3*12)=4, round(0.6*12)=7, round(0.9*12)=11.
  media::Timeline t = syntheticTimeline({0.3, 0.3, 0.3}, options());
  EXPECT_EQ(t.frameCount(), 11);
  EXPECT_EQ(t.clipStartFrame(1), 4);
  EXPECT_EQ(t.clipStartFrame(2), 7);
  EXPECT_EQ(blueAt(t, 3), 0);
  EXPECT_EQ(blueAt(t, 4), 60);
  EXPECT_EQ(blueAt(t, 10), 120);
  Image img;
  EXPECT_FALSE(t.frame(11, img, nullptr));
}

TEST(Timeline, DissolveIsCentredOnTheCutAndKeepsTheLength) {
  media::Timeline hard = syntheticTimeline({1.0, 1.0}, options());
  media::Timeline soft = syntheticTimeline({1.0, 1.0}, options(4));
  EXPECT_EQ(soft.frameCount(), hard.frameCount());
  // Cut at frame 12; the dissolve covers frames 10..13 with weights 1/8, 3/8, 5/8, 7/8 of the incoming shot.
  EXPECT_EQ(blueAt(soft, 9), 0);
  EXPECT_NEAR(blueAt(soft, 10), 60 * 0.125, 1.0);
  EXPECT_NEAR(blueAt(soft, 11), 60 * 0.375, 1.0);
  EXPECT_NEAR(blueAt(soft, 12), 60 * 0.625, 1.0);
  EXPECT_NEAR(blueAt(soft, 13), 60 * 0.875, 1.0);
  EXPECT_EQ(blueAt(soft, 14), 60);
}

TEST(Timeline, CaptionsDrawShotNumberAndDialogue) {
  std::vector<media::TimelineClip> clips;
  media::TimelineClip c;
  c.source = std::make_unique<SyntheticSource>(12, 12.0, 160, 96);
  c.duration_s = 1.0;
  c.number = 7;
  c.shotId = QStringLiteral("s07");
  c.dialogue = QStringLiteral("We ride at dawn. 我们黎明出发");
  clips.push_back(std::move(c));
  media::Timeline captioned(std::move(clips), options(0, true));
  media::Timeline plain = syntheticTimeline({1.0}, options());
  Image a;
  Image b;
  ASSERT_TRUE(captioned.frame(5, a, nullptr));
  ASSERT_TRUE(plain.frame(5, b, nullptr));
  auto changed = [&](int y0, int y1) {
    int n = 0;
    for (int y = y0; y < y1; ++y) {
      for (int x = 0; x < 160; ++x) n += a.pixel(x, y)[1] != b.pixel(x, y)[1];
    }
    return n;
  };
  EXPECT_GT(changed(0, 20), 20) << "no shot number drawn";
  EXPECT_GT(changed(60, 96), 100) << "no dialogue band drawn";
  EXPECT_EQ(changed(35, 45), 0) << "captions spilled into the middle";
}

TEST(TextPainter, WrapsLatinAtSpacesAndCjkAnywhereWithinWidth) {
  media::TextPainter painter;
  const QStringList latin = painter.wrap(QStringLiteral("one two three four five six seven eight"), 12, 60, 10);
  ASSERT_GT(latin.size(), 1);
  for (const QString& line : latin) EXPECT_LE(painter.measure(line, 12).width, 60) << line.toStdString();
  EXPECT_EQ(latin.join(QLatin1Char(' ')), QStringLiteral("one two three four five six seven eight"));
  const QStringList cut = painter.wrap(QStringLiteral("one two three four five six seven eight"), 12, 60, 2);
  EXPECT_EQ(cut.size(), 2);
  EXPECT_TRUE(cut.back().endsWith(QStringLiteral("...")));
  if (painter.unicode()) {
    const QStringList cjk = painter.wrap(QStringLiteral("黎明前的屋顶花园霓虹灯招牌映照在湿漉漉的瓦片上"), 12, 60, 10);
    EXPECT_GT(cjk.size(), 2);
  }
}

TEST(Placeholder, SaysWhatItIsAndAdvances) {
  media::PlaceholderCard card;
  card.number = 3;
  card.shotId = QStringLiteral("s03");
  card.title = QStringLiteral("Rider on the rooftop");
  card.duration_s = 2.0;
  card.fps = 12;
  media::PlaceholderFrameSource src(card, 256, 144);
  EXPECT_TRUE(src.isPlaceholder());
  EXPECT_EQ(src.frameCount(), 24);
  Image first;
  Image last;
  ASSERT_TRUE(src.frame(0, first, nullptr));
  ASSERT_TRUE(src.frame(23, last, nullptr));
  EXPECT_EQ(first.width, 256);
  EXPECT_NE(first, last) << "the progress bar should move";
  Image out;
  EXPECT_FALSE(src.frame(24, out, nullptr));
}

TEST(ProjectFrames, UsesTheSelectedTakeElsePlaceholder) {
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  model::Project project = smallProject({1.0, 1.0});
  // s01 gets a take of four 160x96 frames whose green channel is 10, 20, 30, 40 (frame_10 sorts after frame_9).
  const QString frames = QStringLiteral("s01_abc");
  ASSERT_TRUE(QDir(dir.path()).mkpath(QStringLiteral("takes/") + frames));
  for (int i : {1, 2, 9, 10}) {
    Image img(160, 96, 3);
    for (size_t k = 1; k < img.data.size(); k += 3) img.data[k] = uint8_t(i * 10);
    ASSERT_TRUE(saveImage(dir.filePath(QStringLiteral("takes/%1/frame_%2.png").arg(frames).arg(i)).toStdString(), img,
                          nullptr));
  }
  model::Take take;
  take.id = QStringLiteral("t01");
  take.created = QDateTime::currentDateTimeUtc();
  take.render_hash = QStringLiteral("abc");
  take.frames = frames;
  ASSERT_TRUE(project.requestAddTake(QStringLiteral("s01"), take));
  ASSERT_TRUE(project.requestSelectTake(QStringLiteral("s01"), QStringLiteral("t01")));
  // s02 selects a take whose folder is missing: placeholder plus a note.
  take.frames = QStringLiteral("missing");
  ASSERT_TRUE(project.requestAddTake(QStringLiteral("s02"), take));
  ASSERT_TRUE(project.requestSelectTake(QStringLiteral("s02"), QStringLiteral("t01")));

  QStringList notes;
  media::Timeline t = media::projectTimeline(project, dir.path(), media::TimelineOptions{0, 0, 0, 0, false}, &notes);
  EXPECT_EQ(t.options().width, 160);
  EXPECT_EQ(t.options().fps, 12);
  EXPECT_EQ(t.frameCount(), 24);
  EXPECT_FALSE(t.clip(0).source->isPlaceholder());
  EXPECT_TRUE(t.clip(1).source->isPlaceholder());
  ASSERT_EQ(notes.size(), 1);
  EXPECT_TRUE(notes.front().startsWith(QStringLiteral("s02: take t01"))) << notes.front().toStdString();
  Image img;
  ASSERT_TRUE(t.frame(0, img, nullptr));
  EXPECT_EQ(img.pixel(5, 5)[1], 10);
  ASSERT_TRUE(t.frame(3, img, nullptr));  // the take has four frames: frame_10 is the last
  EXPECT_EQ(img.pixel(5, 5)[1], 100);
  ASSERT_TRUE(t.frame(11, img, nullptr));  // past the take's end: its last frame holds
  EXPECT_EQ(img.pixel(5, 5)[1], 100);
}
