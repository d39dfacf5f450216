// The OpenTimelineIO edit list: one clip per shot with its metadata, timing on the exporter's frames.
#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <gtest/gtest.h>

#include "core/media/OtioWriter.h"
#include "tests/media/MediaTestUtil.h"

using namespace shotcraft;
using namespace shotcraft::test;

namespace {
QJsonObject key(const QJsonObject& o, const char* k) { return o.value(QLatin1String(k)).toObject(); }
QJsonArray arr(const QJsonObject& o, const char* k) { return o.value(QLatin1String(k)).toArray(); }
}  // namespace

TEST(Otio, OneClipPerShotWithMetadataMarkersAndAudio) {
  QTemporaryDir dir;
  model::Project project = smallProject({0.3, 0.3, 1.0});
  ASSERT_TRUE(project.requestSetBeats({0.5, 1.0, 1.5}));
  model::AudioTrack audio;
  audio.path = QStringLiteral("music.wav");
  audio.offset_s = -0.5;
  ASSERT_TRUE(project.requestSetAudio(audio));
  // s02 has a take with numbered frames.
  ASSERT_TRUE(addSelectedTake(project, dir.path(), QStringLiteral("s02"), QStringLiteral("s02_h"), 3));

  const QString path = dir.filePath(QStringLiteral("cut.otio"));
  QString error;
  ASSERT_TRUE(media::OtioWriter::write(project, dir.path(), path, &error)) << error.toStdString();
  QFile f(path);
  ASSERT_TRUE(f.open(QIODevice::ReadOnly));
  const QJsonObject tl = QJsonDocument::fromJson(f.readAll()).object();
  EXPECT_EQ(tl.value(QStringLiteral("OTIO_SCHEMA")).toString(), QStringLiteral("Timeline.1"));
  const QJsonArray tracks = arr(key(tl, "tracks"), "children");
  ASSERT_EQ(tracks.size(), 2);
  const QJsonObject video = tracks[0].toObject();
  EXPECT_EQ(video.value(QStringLiteral("kind")).toString(), QStringLiteral("Video"));
  const QJsonArray clips = arr(video, "children");
  ASSERT_EQ(clips.size(), 3);
  // Durations on the exporter's frame grid at 12 fps: 0.3 s -> 4 frames, then 7 - 4 = 3, then 19 - 7 = 12.
  const int expected[] = {4, 3, 12};
  for (int i = 0; i < 3; ++i) {
    const QJsonObject clip = clips[i].toObject();
    EXPECT_EQ(clip.value(QStringLiteral("OTIO_SCHEMA")).toString(), QStringLiteral("Clip.2"));
    const QJsonObject range = key(clip, "source_range");
    EXPECT_EQ(key(range, "duration").value(QStringLiteral("value")).toDouble(), expected[i]);
    EXPECT_EQ(key(range, "duration").value(QStringLiteral("rate")).toDouble(), 12.0);
    const QJsonObject meta = key(key(clip, "metadata"), "shotcraft");
    EXPECT_EQ(meta.value(QStringLiteral("prompt")).toString(), QStringLiteral("prompt number %1").arg(i + 1));
    EXPECT_EQ(meta.value(QStringLiteral("seed")).toDouble(), 1000 + i);
    EXPECT_EQ(meta.value(QStringLiteral("model")).toString(), QStringLiteral("shotcraft-tiny"));
  }
  const QJsonObject ref0 = key(key(clips[0].toObject(), "media_references"), "DEFAULT_MEDIA");
  EXPECT_EQ(ref0.value(QStringLiteral("OTIO_SCHEMA")).toString(), QStringLiteral("MissingReference.1"));
  const QJsonObject ref1 = key(key(clips[1].toObject(), "media_references"), "DEFAULT_MEDIA");
  EXPECT_EQ(ref1.value(QStringLiteral("OTIO_SCHEMA")).toString(), QStringLiteral("ImageSequenceReference.1"));
  EXPECT_EQ(ref1.value(QStringLiteral("name_prefix")).toString(), QStringLiteral("img_"));
  EXPECT_EQ(ref1.value(QStringLiteral("name_suffix")).toString(), QStringLiteral(".png"));
  EXPECT_EQ(ref1.value(QStringLiteral("start_frame")).toInt(), 1);
  EXPECT_EQ(ref1.value(QStringLiteral("frame_zero_padding")).toInt(), 4);
  EXPECT_TRUE(ref1.value(QStringLiteral("target_url_base")).toString().startsWith(QStringLiteral("file:///")));
  EXPECT_TRUE(ref1.value(QStringLiteral("target_url_base")).toString().endsWith(QStringLiteral("/takes/s02_h/")));

  EXPECT_EQ(arr(video, "markers").size(), 3);
  // Audio starting 0.5 s into the timeline: a 6-frame gap, then the clip from the track's start.
  const QJsonArray audioItems = arr(tracks[1].toObject(), "children");
  ASSERT_EQ(audioItems.size(), 2);
  EXPECT_EQ(audioItems[0].toObject().value(QStringLiteral("OTIO_SCHEMA")).toString(), QStringLiteral("Gap.1"));
  EXPECT_EQ(key(key(audioItems[0].toObject(), "source_range"), "duration").value(QStringLiteral("value")).toDouble(), 6);
  EXPECT_EQ(key(key(audioItems[1].toObject(), "source_range"), "duration").value(QStringLiteral("value")).toDouble(), 13);
}

TEST(Otio, UnwritablePathIsReported) {
  QString error;
  EXPECT_FALSE(media::OtioWriter::write(smallProject({1.0}), QStringLiteral("."),
                                        QStringLiteral("/no/such/dir/cut.otio"), &error));
  EXPECT_TRUE(error.startsWith(QStringLiteral("cannot write '/no/such/dir/cut.otio'"))) << error.toStdString();
}
