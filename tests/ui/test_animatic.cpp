// Animatic player: frame <-> shot mapping across act boundaries, scrubbing shows the take's own frame, a shot
// without a take shows its placeholder card, Loop Shot wraps at the shot's end, and the playhead follows the
// timeline both ways. Audio is optional (no audio device in CI): nothing here depends on it.
#include <QDir>
#include <QFile>
#include <QImage>
#include <QSlider>
#include <QTemporaryDir>
#include <cmath>
#include <cstdio>

#include "core/model/ProjectIo.h"
#include "tests/ui/UiTestSupport.h"
#include "ui/AnimaticPlayer.h"
#include "ui/MainWindow.h"
#include "ui/ProjectDocument.h"
#include "ui/StoryboardView.h"

using shotcraft::test::UiTest;
using shotcraft::ui::AnimaticPlayer;
using shotcraft::ui::MainWindow;

namespace {

QRgb takeColour(int frame) { return qRgb(8 * frame + 3, 200 - 5 * frame, 90); }

// sampleProject() (acts of 2, 3 and 1 shots, 2 s each, 12 fps) saved to dir with a2 shortened to 1.5 s and b1
// given a take of 24 solid frames, each its own colour. Clip starts: 0, 24, 42, 66, 90, 114; 138 frames.
QString prepare(MainWindow& window, const QTemporaryDir& dir) {
  const QString folder = dir.filePath(QStringLiteral("Animatic.shotcraft"));
  EXPECT_TRUE(shotcraft::model::ProjectIo::save(shotcraft::test::sampleProject(), folder, nullptr));
  EXPECT_TRUE(window.openProject(folder));
  shotcraft::ui::ProjectDocument* doc = window.document();
  const QStringList ids = doc->project().shotIds();
  EXPECT_TRUE(doc->setShotDuration(ids[1], 1.5));
  const QString frames = QDir(folder).filePath(QStringLiteral("takes/b1-take"));
  EXPECT_TRUE(QDir().mkpath(frames));
  const auto& defaults = doc->project().defaults();
  for (int i = 0; i < 24; ++i) {
    QImage image(defaults.width, defaults.height, QImage::Format_RGB888);
    image.fill(takeColour(i));
    EXPECT_TRUE(image.save(QDir(frames).filePath(QStringLiteral("frame_%1.png").arg(i + 1))));
  }
  shotcraft::model::Take take;
  take.id = QStringLiteral("t1");
  take.created = QDateTime::currentDateTimeUtc();
  take.render_hash = QStringLiteral("test");
  take.frames = QStringLiteral("b1-take");
  QString error;
  EXPECT_TRUE(doc->applyTake(ids[2], take, &error)) << error.toStdString();
  return ids[2];
}

}  // namespace

class AnimaticTest : public UiTest {};

TEST_F(AnimaticTest, FramesMapToShotsExactlyAcrossActBoundaries) {
  QTemporaryDir dir;
  MainWindow window;
  prepare(window, dir);
  AnimaticPlayer* player = window.animaticPlayer();
  ASSERT_NE(player, nullptr);
  const QStringList ids = window.document()->project().shotIds();
  EXPECT_EQ(player->fps(), 12);
  EXPECT_EQ(player->frameCount(), 138);
  const struct {
    int frame;
    int clip;
    int shotFrame;
  } cases[] = {{0, 0, 0}, {23, 0, 23}, {24, 1, 0}, {41, 1, 17}, {42, 2, 0},  // act 1 -> act 2 at 42
               {65, 2, 23}, {66, 3, 0}, {113, 4, 23}, {114, 5, 0}, {137, 5, 23}};  // act 2 -> act 3 at 114
  for (const auto& c : cases) {
    const AnimaticPlayer::FramePosition pos = player->positionOf(c.frame);
    EXPECT_EQ(pos.clip, c.clip) << "frame " << c.frame;
    EXPECT_EQ(pos.shotId, ids[c.clip]) << "frame " << c.frame;
    EXPECT_EQ(pos.shotFrame, c.shotFrame) << "frame " << c.frame;
    EXPECT_EQ(player->frameAt(player->secondsOf(c.frame)), c.frame) << "time of a frame maps back to it";
  }
  EXPECT_EQ(player->positionOf(138).clip, -1);
  EXPECT_EQ(player->frameAt(3.5), 42) << "3.5 s is the first frame of act 2";
  EXPECT_EQ(player->frameAt(3.5 - 1e-3), 41);
  EXPECT_EQ(player->frameAt(99.0), 137) << "clamped";
}

TEST_F(AnimaticTest, ScrubbingShowsTheTakeFrameOrThePlaceholder) {
  QTemporaryDir dir;
  MainWindow window;
  const QString b1 = prepare(window, dir);
  AnimaticPlayer* player = window.animaticPlayer();
  player->setPlayheadSeconds((42 + 5) / 12.0);  // b1's sixth frame
  EXPECT_EQ(player->currentFrame(), 47);
  EXPECT_EQ(player->positionOf(47).shotId, b1);
  ASSERT_FALSE(player->currentImage().isNull());
  EXPECT_EQ(player->currentImage().pixel(10, 10), takeColour(5));
  EXPECT_EQ(player->currentImage().pixel(200, 100), takeColour(5));

  player->slider()->setValue(42 + 17);  // scrubbing with the slider
  EXPECT_EQ(player->currentFrame(), 59);
  EXPECT_EQ(player->currentImage().pixel(50, 50), takeColour(17));
  player->stepForward();
  EXPECT_EQ(player->currentImage().pixel(50, 50), takeColour(18));
  player->stepBackward();
  player->stepBackward();
  EXPECT_EQ(player->currentImage().pixel(50, 50), takeColour(16));

  player->setFrame(10);  // a1 has no take: its placeholder card, not a take colour
  ASSERT_FALSE(player->currentImage().isNull());
  EXPECT_EQ(player->currentImage().size(), QSize(256, 144));
  for (int i = 0; i < 24; ++i) EXPECT_NE(player->currentImage().pixel(10, 10), takeColour(i));
}

TEST_F(AnimaticTest, LoopShotWrapsAtTheShotEnd) {
  QTemporaryDir dir;
  MainWindow window;
  const QString b1 = prepare(window, dir);
  AnimaticPlayer* player = window.animaticPlayer();
  player->setSelectedShot(b1);
  player->setLoopShot(true);
  player->setFrame(42 + 20);  // 4 frames before b1 ends
  player->play();
  ASSERT_TRUE(player->isPlaying());
  player->advanceClock_ms(6 * 1000 / 12 + 10);  // 6 frames later: past the end by 2
  player->tick();
  EXPECT_EQ(player->positionOf(player->currentFrame()).shotId, b1) << "frame " << player->currentFrame();
  EXPECT_GE(player->currentFrame(), 42);
  EXPECT_LE(player->currentFrame(), 42 + 3);
  player->pause();

  player->setLoopShot(false);  // without the loop it plays on into the next shot
  player->setFrame(42 + 20);
  player->play();
  player->advanceClock_ms(6 * 1000 / 12 + 10);
  player->tick();
  EXPECT_GE(player->currentFrame(), 66);
  EXPECT_NE(player->positionOf(player->currentFrame()).shotId, b1);
  player->pause();
}

TEST_F(AnimaticTest, PlayheadFollowsTheTimelineBothWays) {
  QTemporaryDir dir;
  MainWindow window;
  prepare(window, dir);
  AnimaticPlayer* player = window.animaticPlayer();
  window.storyboard()->setPlayheadSeconds(5.0);
  EXPECT_EQ(player->currentFrame(), 60);
  player->setFrame(100);
  EXPECT_DOUBLE_EQ(window.storyboard()->playheadSeconds(), 100 / 12.0);
  EXPECT_EQ(player->currentFrame(), 100) << "the echo from the timeline does not move it";
  player->stepForward();
  EXPECT_DOUBLE_EQ(window.storyboard()->playheadSeconds(), 101 / 12.0);
}

TEST_F(AnimaticTest, PlaysWithTheAudioTrackOrWithoutAnAudioDevice) {
  QTemporaryDir dir;
  const QString folder = dir.filePath(QStringLiteral("Music.shotcraft"));
  shotcraft::model::Project project = shotcraft::test::sampleProject();
  shotcraft::model::AudioTrack track;
  track.path = QStringLiteral("beat.wav");
  track.offset_s = 0.25;
  ASSERT_TRUE(project.requestSetAudio(track, nullptr));
  ASSERT_TRUE(shotcraft::model::ProjectIo::save(project, folder, nullptr));
  {
    // 1 s of a 440 Hz tone, 8 kHz mono 16-bit PCM.
    constexpr int kRate = 8000;
    QByteArray pcm;
    for (int i = 0; i < kRate; ++i) {
      const qint16 v = qint16(8000.0 * std::sin(2.0 * M_PI * 440.0 * i / kRate));
      pcm.append(char(v & 0xff)).append(char((v >> 8) & 0xff));
    }
    auto u32 = [](quint32 v) { return QByteArray::fromRawData(reinterpret_cast<const char*>(&v), 4); };
    auto u16 = [](quint16 v) { return QByteArray::fromRawData(reinterpret_cast<const char*>(&v), 2); };
    QByteArray wav = "RIFF" + u32(36 + quint32(pcm.size())) + "WAVEfmt " + u32(16) + u16(1) + u16(1) + u32(kRate) +
                     u32(kRate * 2) + u16(2) + u16(16) + "data" + u32(quint32(pcm.size())) + pcm;
    QFile file(QDir(folder).filePath(QStringLiteral("assets/beat.wav")));
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(wav);
  }
  MainWindow window;
  ASSERT_TRUE(window.openProject(folder));
  AnimaticPlayer* player = window.animaticPlayer();
  std::printf("audio output %s\n", player->hasAudio() ? "present" : "absent (silent animatic)");
  player->setFrame(0);
  player->play();
  ASSERT_TRUE(player->isPlaying());
  player->advanceClock_ms(1000);
  player->tick();
  EXPECT_GE(player->currentFrame(), 12) << "the picture runs on its own clock, audio or not";
  EXPECT_DOUBLE_EQ(window.storyboard()->playheadSeconds(), player->currentFrame() / 12.0);
  player->pause();
  EXPECT_FALSE(player->isPlaying());
}
