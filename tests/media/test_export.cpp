// Video, GIF and PNG export checked by decoding what was written with ffprobe; atomic output and clear errors.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QTemporaryDir>
#include <gtest/gtest.h>
#include <unistd.h>

#include "core/media/Exporter.h"
#include "core/media/FfmpegUtil.h"
#include "core/media/VideoEncoder.h"
#include "tests/media/MediaTestUtil.h"

using namespace shotcraft;
using namespace shotcraft::test;

namespace {

// 0.5 + 0.75 + 0.5 s at 12 fps: 6 + 9 + 6 = 21 frames, 1.75 s.
const std::vector<double> kDurations = {0.5, 0.75, 0.5};
constexpr int kFrames = 21;

media::TimelineOptions smallOptions() {
  media::TimelineOptions o;
  o.width = 160;
  o.height = 96;
  o.fps = 12;
  return o;
}

bool exportTo(const QString& path, media::ExportFormat format, const media::AudioBuffer& audio = {},
              std::string* error = nullptr, media::TimelineOptions options = smallOptions()) {
  media::Timeline timeline = syntheticTimeline(kDurations, options);
  media::ExportOptions eo;
  eo.format = format;
  eo.preset = "ultrafast";
  std::string local;
  const bool ok = media::Exporter::run(timeline, path, eo, audio, {}, engine::CancelToken(), error ? error : &local);
  if (!ok && !error) ADD_FAILURE() << local;
  return ok;
}

QStringList visibleAndHidden(const QString& dir) {
  return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
}

class ExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!haveTool("ffprobe")) GTEST_SKIP() << "ffprobe not installed";
    ASSERT_TRUE(m_dir.isValid());
  }
  QString path(const char* name) const { return m_dir.filePath(QString::fromLatin1(name)); }
  QTemporaryDir m_dir;
};

}  // namespace

TEST(ExportFormat, ChosenByExtension) {
  EXPECT_EQ(media::formatFromPath(QStringLiteral("a/b.MP4")), media::ExportFormat::Mp4H264);
  EXPECT_EQ(media::formatFromPath(QStringLiteral("b.mov")), media::ExportFormat::MovProRes);
  EXPECT_EQ(media::formatFromPath(QStringLiteral("b.gif")), media::ExportFormat::Gif);
  EXPECT_EQ(media::formatFromPath(QStringLiteral("frames")), media::ExportFormat::PngSequence);
  EXPECT_EQ(media::formatFromPath(QStringLiteral("frames.v2/")), media::ExportFormat::PngSequence);
  EXPECT_FALSE(media::formatFromPath(QStringLiteral("b.avi")).has_value());
}

TEST_F(ExportTest, Mp4H264HasExactFramesSizeFpsAndAacAudio) {
  const media::AudioBuffer audio = media::placeOnTimeline(sine(440.0, 0.2, 3.0), 0.0, 0.0, 1.75);
  ASSERT_TRUE(exportTo(path("out.mp4"), media::ExportFormat::Mp4H264, audio));
  const QJsonObject info = probe(path("out.mp4"));
  const QJsonObject v = stream(info, QStringLiteral("video"));
  ASSERT_FALSE(v.isEmpty());
  EXPECT_EQ(v.value(QStringLiteral("codec_name")).toString(), QStringLiteral("h264"));
  EXPECT_EQ(v.value(QStringLiteral("pix_fmt")).toString(), QStringLiteral("yuv420p"));
  EXPECT_EQ(v.value(QStringLiteral("width")).toInt(), 160);
  EXPECT_EQ(v.value(QStringLiteral("height")).toInt(), 96);
  EXPECT_DOUBLE_EQ(rationalValue(v.value(QStringLiteral("avg_frame_rate")).toString()), 12.0);
  EXPECT_EQ(v.value(QStringLiteral("nb_read_frames")).toString().toInt(), kFrames);
  EXPECT_NEAR(v.value(QStringLiteral("duration")).toString().toDouble(), 1.75, 1.0 / 12);
  const QJsonObject a = stream(info, QStringLiteral("audio"));
  ASSERT_FALSE(a.isEmpty()) << "no audio stream";
  EXPECT_EQ(a.value(QStringLiteral("codec_name")).toString(), QStringLiteral("aac"));
  EXPECT_EQ(a.value(QStringLiteral("sample_rate")).toString().toInt(), 48000);
  EXPECT_EQ(a.value(QStringLiteral("channels")).toInt(), 2);
  EXPECT_NEAR(a.value(QStringLiteral("duration")).toString().toDouble(), 1.75, 1.0 / 12);
  // Nothing but the final file is left in the folder.
  EXPECT_EQ(visibleAndHidden(m_dir.path()), QStringList{QStringLiteral("out.mp4")});
}

TEST_F(ExportTest, MovProResIs10Bit422) {
  ASSERT_TRUE(exportTo(path("out.mov"), media::ExportFormat::MovProRes));
  const QJsonObject v = stream(probe(path("out.mov")), QStringLiteral("video"));
  ASSERT_FALSE(v.isEmpty());
  EXPECT_EQ(v.value(QStringLiteral("codec_name")).toString(), QStringLiteral("prores"));
  EXPECT_EQ(v.value(QStringLiteral("pix_fmt")).toString(), QStringLiteral("yuv422p10le"));
  EXPECT_EQ(v.value(QStringLiteral("nb_read_frames")).toString().toInt(), kFrames);
  EXPECT_DOUBLE_EQ(rationalValue(v.value(QStringLiteral("avg_frame_rate")).toString()), 12.0);
  EXPECT_TRUE(stream(probe(path("out.mov")), QStringLiteral("audio")).isEmpty());
}

TEST_F(ExportTest, GifHasEveryFrameAndLastsTheCut) {
  ASSERT_TRUE(exportTo(path("out.gif"), media::ExportFormat::Gif));
  const QJsonObject info = probe(path("out.gif"));
  const QJsonObject v = stream(info, QStringLiteral("video"));
  ASSERT_FALSE(v.isEmpty());
  EXPECT_EQ(v.value(QStringLiteral("codec_name")).toString(), QStringLiteral("gif"));
  EXPECT_EQ(v.value(QStringLiteral("width")).toInt(), 160);
  EXPECT_EQ(v.value(QStringLiteral("height")).toInt(), 96);
  EXPECT_EQ(v.value(QStringLiteral("nb_read_frames")).toString().toInt(), kFrames);
  // GIF delays are whole centiseconds: the total may be off by rounding, never by a frame.
  EXPECT_NEAR(info.value(QStringLiteral("format")).toObject().value(QStringLiteral("duration")).toString().toDouble(),
              1.75, 1.0 / 12);
}

TEST_F(ExportTest, PngSequenceWritesNumberedFramesAndReplacesAnEarlierExport) {
  const QString dir = path("frames");
  ASSERT_TRUE(exportTo(dir, media::ExportFormat::PngSequence));
  QStringList files = QDir(dir).entryList(QDir::Files, QDir::Name);
  ASSERT_EQ(files.size(), kFrames);
  EXPECT_EQ(files.front(), QStringLiteral("frame_000001.png"));
  EXPECT_EQ(files.back(), QStringLiteral("frame_000021.png"));
  Image first;
  ASSERT_TRUE(loadImage(QDir(dir).filePath(files.front()).toStdString(), first, nullptr));
  EXPECT_EQ(first.width, 160);
  EXPECT_EQ(first.height, 96);
  // Frame 0 of the first clip, below the moving square: exact colours survive PNG.
  EXPECT_EQ(first.pixel(100, 60)[0], SyntheticSource::redFor(0));
  EXPECT_EQ(first.pixel(100, 60)[2], 0);
  // Frame 6 is the second clip's first (blue 60); the 24 fps source is sampled at 12 fps: frame 0.
  Image seventh;
  ASSERT_TRUE(loadImage(QDir(dir).filePath(files[6]).toStdString(), seventh, nullptr));
  EXPECT_EQ(seventh.pixel(100, 60)[2], 60);
  // Frame 3 of clip 1 shows source frame 6 (3 / 12 s at 24 fps).
  Image fourth;
  ASSERT_TRUE(loadImage(QDir(dir).filePath(files[3]).toStdString(), fourth, nullptr));
  EXPECT_EQ(fourth.pixel(100, 60)[0], SyntheticSource::redFor(6));

  // A second export over it replaces the frames; a folder holding other files is refused.
  ASSERT_TRUE(exportTo(dir, media::ExportFormat::PngSequence));
  EXPECT_EQ(QDir(dir).entryList(QDir::Files).size(), kFrames);
  QFile other(QDir(dir).filePath(QStringLiteral("notes.txt")));
  ASSERT_TRUE(other.open(QIODevice::WriteOnly));
  other.close();
  std::string error;
  EXPECT_FALSE(exportTo(dir, media::ExportFormat::PngSequence, {}, &error));
  EXPECT_NE(error.find("holds other files"), std::string::npos) << error;
}

TEST_F(ExportTest, CancelMidExportLeavesNoFinalFileAndKeepsAnEarlierOne) {
  for (media::ExportFormat format : {media::ExportFormat::Mp4H264, media::ExportFormat::Gif,
                                     media::ExportFormat::PngSequence}) {
    const QString out = format == media::ExportFormat::Mp4H264 ? path("cancel.mp4")
                        : format == media::ExportFormat::Gif   ? path("cancel.gif")
                                                               : path("cancelled_frames");
    media::Timeline timeline = syntheticTimeline(kDurations, smallOptions());
    engine::CancelToken cancel;
    double lastProgress = 0.0;
    auto progress = [&](double f) {
      lastProgress = f;
      if (f >= 0.4) cancel.cancel();
    };
    media::ExportOptions eo;
    eo.format = format;
    std::string error;
    EXPECT_FALSE(media::Exporter::run(timeline, out, eo, {}, progress, cancel, &error));
    EXPECT_EQ(error, "export cancelled");
    EXPECT_LT(lastProgress, 0.6);
    EXPECT_FALSE(QFileInfo::exists(out)) << out.toStdString();
  }
  EXPECT_TRUE(visibleAndHidden(m_dir.path()).isEmpty()) << visibleAndHidden(m_dir.path()).join(QLatin1Char(' ')).toStdString();

  // An earlier file under the final name survives a cancelled export untouched.
  QFile earlier(path("keep.mp4"));
  ASSERT_TRUE(earlier.open(QIODevice::WriteOnly));
  earlier.write("earlier export");
  earlier.close();
  media::Timeline timeline = syntheticTimeline(kDurations, smallOptions());
  engine::CancelToken cancel;
  cancel.cancel();
  std::string error;
  EXPECT_FALSE(media::Exporter::run(timeline, path("keep.mp4"), {}, {}, {}, cancel, &error));
  ASSERT_TRUE(earlier.open(QIODevice::ReadOnly));
  EXPECT_EQ(earlier.readAll(), QByteArray("earlier export"));
}

TEST_F(ExportTest, ProgressRisesToOne) {
  media::Timeline timeline = syntheticTimeline(kDurations, smallOptions());
  std::vector<double> seen;
  media::ExportOptions eo;
  eo.format = media::ExportFormat::Gif;  // two passes: progress still ends at 1 once
  std::string error;
  ASSERT_TRUE(media::Exporter::run(timeline, path("p.gif"), eo, {}, [&](double f) { seen.push_back(f); },
                                   engine::CancelToken(), &error))
      << error;
  ASSERT_FALSE(seen.empty());
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_DOUBLE_EQ(seen.back(), 1.0);
  EXPECT_EQ(std::adjacent_find(seen.begin(), seen.end()), seen.end()) << "progress repeated a value";
}

TEST_F(ExportTest, UnwritablePathsGiveOneClearLine) {
  std::string error;
  EXPECT_FALSE(exportTo(path("no/such/folder/out.mp4"), media::ExportFormat::Mp4H264, {}, &error));
  EXPECT_NE(error.find("does not exist"), std::string::npos) << error;
  EXPECT_EQ(error.find('\n'), std::string::npos);

  EXPECT_FALSE(exportTo(QStringLiteral("/proc/shotcraft-test.mp4"), media::ExportFormat::Mp4H264, {}, &error));
  EXPECT_NE(error.find("cannot write '/proc/shotcraft-test.mp4'"), std::string::npos) << error;

  if (geteuid() != 0) {  // root writes anywhere
    const QString locked = path("locked");
    ASSERT_TRUE(QDir().mkdir(locked));
    QFile::setPermissions(locked, QFile::ReadOwner | QFile::ExeOwner);
    EXPECT_FALSE(exportTo(locked + QStringLiteral("/out.mp4"), media::ExportFormat::Mp4H264, {}, &error));
    EXPECT_NE(error.find("Permission denied"), std::string::npos) << error;
    QFile::setPermissions(locked, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
  }
}

TEST_F(ExportTest, FullDiskIsNamed) {
  // /dev/full fails every write with ENOSPC.
  media::VideoEncoder encoder;
  media::VideoSettings vs;
  vs.width = 160;
  vs.height = 96;
  vs.preset = "ultrafast";
  std::string error;
  bool ok = encoder.open("/dev/full", vs, {}, &error);
  media::Timeline timeline = syntheticTimeline(kDurations, smallOptions());
  Image frame;
  for (int i = 0; ok && i < timeline.frameCount(); ++i) ok = timeline.frame(i, frame, &error) && encoder.writeFrame(frame, &error);
  ok = ok && encoder.finish(&error);
  EXPECT_FALSE(ok);
  EXPECT_NE(error.find("the disk is full"), std::string::npos) << error;
}

TEST(FfmpegErrors, MissingEncoderIsNamed) {
  std::string error;
  EXPECT_EQ(media::ff::findEncoder("shotcraft-no-such-encoder", &error), nullptr);
  EXPECT_EQ(error, "encoder 'shotcraft-no-such-encoder' is not available in this FFmpeg build");
  EXPECT_NE(media::ff::findEncoder("libx264", &error), nullptr);
}
