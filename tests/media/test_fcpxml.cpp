// The FCPXML edit list, read back with QXmlStreamReader: one item per shot, rational times on the exporter's
// frames, metadata, and the take's first frame as the clip's media.
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <gtest/gtest.h>

#include "core/media/FcpxmlWriter.h"
#include "tests/media/MediaTestUtil.h"

using namespace shotcraft;
using namespace shotcraft::test;

namespace {

struct SpineItem {
  QString element;  // "asset-clip" or "gap"
  QString name;
  QString ref;
  QString offset;
  QString duration;
  QString note;
  QMap<QString, QString> md;
};

// "7/12s" -> {7, 12}; "3s" -> {3, 1}.
std::pair<long, long> parseTime(const QString& t) {
  EXPECT_TRUE(t.endsWith(QLatin1Char('s'))) << t.toStdString();
  const QStringList parts = t.chopped(1).split(QLatin1Char('/'));
  return {parts[0].toLong(), parts.size() > 1 ? parts[1].toLong() : 1};
}

// Frames at `fps`, requiring the time to land exactly on a frame.
long frames(const QString& t, long fps) {
  const auto [num, den] = parseTime(t);
  EXPECT_EQ((num * fps) % den, 0) << t.toStdString() << " is not on a frame at " << fps << " fps";
  return num * fps / den;
}

}  // namespace

TEST(Fcpxml, OneItemPerShotWithTimesAndMetadata) {
  QTemporaryDir dir;
  model::Project project = smallProject({0.3, 0.3, 1.0});
  ASSERT_TRUE(addSelectedTake(project, dir.path(), QStringLiteral("s02"), QStringLiteral("s02_h"), 3));
  const QString path = dir.filePath(QStringLiteral("cut.fcpxml"));
  QString error;
  ASSERT_TRUE(media::FcpxmlWriter::write(project, dir.path(), path, &error)) << error.toStdString();

  QFile f(path);
  ASSERT_TRUE(f.open(QIODevice::ReadOnly));
  QXmlStreamReader xml(&f);
  QString version;
  QString frameDuration;
  QString sequenceDuration;
  QMap<QString, QString> assetSrc;  // asset id -> media-rep src
  QString currentAsset;
  std::vector<SpineItem> items;
  bool inSpine = false;
  while (!xml.atEnd()) {
    xml.readNext();
    const auto a = xml.attributes();
    if (xml.isStartElement()) {
      const QStringView n = xml.name();
      if (n == u"fcpxml") version = a.value(QStringLiteral("version")).toString();
      if (n == u"format") frameDuration = a.value(QStringLiteral("frameDuration")).toString();
      if (n == u"asset") currentAsset = a.value(QStringLiteral("id")).toString();
      if (n == u"media-rep") assetSrc[currentAsset] = a.value(QStringLiteral("src")).toString();
      if (n == u"sequence") sequenceDuration = a.value(QStringLiteral("duration")).toString();
      if (n == u"spine") inSpine = true;
      if (inSpine && (n == u"asset-clip" || n == u"gap")) {
        items.push_back({n.toString(), a.value(QStringLiteral("name")).toString(), a.value(QStringLiteral("ref")).toString(),
                         a.value(QStringLiteral("offset")).toString(), a.value(QStringLiteral("duration")).toString(), {}, {}});
      }
      if (inSpine && n == u"note" && !items.empty()) items.back().note = xml.readElementText();
      if (inSpine && n == u"md" && !items.empty()) {
        items.back().md[a.value(QStringLiteral("key")).toString()] = a.value(QStringLiteral("value")).toString();
      }
    } else if (xml.isEndElement() && xml.name() == u"spine") {
      inSpine = false;
    }
  }
  ASSERT_FALSE(xml.hasError()) << xml.errorString().toStdString();
  EXPECT_EQ(version, QStringLiteral("1.9"));
  EXPECT_EQ(frameDuration, QStringLiteral("1/12s"));
  EXPECT_EQ(frames(sequenceDuration, 12), 19);  // round(1.6 * 12)

  ASSERT_EQ(items.size(), 3u);
  // The exporter's frame grid at 12 fps: 0.3 s -> 4 frames, then 7 - 4 = 3, then 19 - 7 = 12.
  const long expectedOffset[] = {0, 4, 7};
  const long expectedLength[] = {4, 3, 12};
  for (size_t i = 0; i < items.size(); ++i) {
    const SpineItem& it = items[i];
    SCOPED_TRACE(it.name.toStdString());
    EXPECT_EQ(frames(it.offset, 12), expectedOffset[i]);
    EXPECT_EQ(frames(it.duration, 12), expectedLength[i]);
    EXPECT_EQ(it.note, QStringLiteral("prompt number %1").arg(i + 1));
    EXPECT_EQ(it.md.value(QStringLiteral("com.shotcraft.prompt")), QStringLiteral("prompt number %1").arg(i + 1));
    EXPECT_EQ(it.md.value(QStringLiteral("com.shotcraft.seed")), QString::number(1000 + i));
    EXPECT_EQ(it.md.value(QStringLiteral("com.shotcraft.model")), QStringLiteral("shotcraft-tiny"));
    EXPECT_EQ(it.md.value(QStringLiteral("com.shotcraft.number")), QString::number(i + 1));
    EXPECT_TRUE(it.name.startsWith(QStringLiteral("s0%1 Shot title").arg(i + 1))) << it.name.toStdString();
  }
  EXPECT_EQ(items[0].element, QStringLiteral("gap")) << "no take: a gap of the shot's length";
  EXPECT_EQ(items[2].element, QStringLiteral("gap"));
  ASSERT_EQ(items[1].element, QStringLiteral("asset-clip"));
  EXPECT_EQ(items[1].md.value(QStringLiteral("com.shotcraft.take")), QStringLiteral("t01"));
  const QString src = assetSrc.value(items[1].ref);
  EXPECT_TRUE(src.startsWith(QStringLiteral("file:///")) && src.endsWith(QStringLiteral("/takes/s02_h/img_0001.png")))
      << src.toStdString();
  EXPECT_TRUE(items[1].md.value(QStringLiteral("com.shotcraft.frames")).endsWith(QStringLiteral("/takes/s02_h/")));
}

TEST(Fcpxml, UnwritablePathIsReported) {
  QString error;
  EXPECT_FALSE(media::FcpxmlWriter::write(smallProject({1.0}), QStringLiteral("/nonexistent"),
                                          QStringLiteral("/nonexistent/dir/cut.fcpxml"), &error));
  EXPECT_TRUE(error.startsWith(QStringLiteral("cannot write '/nonexistent/dir/cut.fcpxml'"))) << error.toStdString();
}
