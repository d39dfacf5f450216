// Runs the studio binary under Xvfb with the bundled demo, in both languages and both themes, and keeps the
// pictures in BUILD/screenshots/ (README: "Screenshots") so anyone can look. Checks that each picture is the
// window, that the themes and the languages really differ, and that nothing is blank.
#include <QDir>
#include <QImage>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include "tests/common/TestUtil.h"

namespace {

struct Shot {
  QString lang, theme;
  QImage image;
};

double meanLuma(const QImage& img) {
  double sum = 0;
  const QImage rgb = img.convertToFormat(QImage::Format_RGB32);
  for (int y = 0; y < rgb.height(); y += 4) {
    for (int x = 0; x < rgb.width(); x += 4) sum += qGray(rgb.pixel(x, y));
  }
  return sum / ((rgb.height() / 4.0) * (rgb.width() / 4.0));
}

int distinctColours(const QImage& img) {
  QSet<QRgb> seen;
  const QImage rgb = img.convertToFormat(QImage::Format_RGB32);
  for (int y = 0; y < rgb.height(); y += 3) {
    for (int x = 0; x < rgb.width(); x += 3) seen.insert(rgb.pixel(x, y));
  }
  return int(seen.size());
}

// Fraction of sampled pixels that differ.
double differing(const QImage& a, const QImage& b) {
  if (a.size() != b.size()) return 1.0;
  int diff = 0, n = 0;
  for (int y = 0; y < a.height(); y += 4) {
    for (int x = 0; x < a.width(); x += 4, ++n) diff += a.pixel(x, y) != b.pixel(x, y);
  }
  return double(diff) / n;
}

}  // namespace

TEST(Screenshots, StudioWithTheDemoInBothLanguagesAndThemes) {
  const QString xvfb = QStandardPaths::findExecutable(QStringLiteral("xvfb-run"));
  ASSERT_FALSE(xvfb.isEmpty()) << "xvfb-run is missing: scripts/install-deps installs it (package xvfb)";
  const QString out = QStringLiteral(SHOTCRAFT_BINARY_DIR "/screenshots");
  QDir().mkpath(out);
  const QString demo = QString::fromStdString(shotcraft::test::sourcePath("resources/demo/NeonDawn.shotcraft"));
  QTemporaryDir home;  // throwaway settings, recent files and recovery snapshots
  std::vector<Shot> shots;
  for (const char* lang : {"en", "zh_CN"}) {
    for (const char* theme : {"light", "dark"}) {
      const QString file = out + QStringLiteral("/shotcraft-%1-%2.png").arg(QLatin1String(lang), QLatin1String(theme));
      QFile::remove(file);
      QProcess p;
      QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
      env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.path() + QStringLiteral("/config"));
      env.insert(QStringLiteral("XDG_DATA_HOME"), home.path() + QStringLiteral("/data"));
      env.remove(QStringLiteral("QT_QPA_PLATFORM"));  // the real xcb platform on the virtual display
      p.setProcessEnvironment(env);
      p.start(xvfb, {QStringLiteral("-a"), QStringLiteral("-s"), QStringLiteral("-screen 0 1600x1000x24"),
                     QStringLiteral(SHOTCRAFT_STUDIO_BIN), QStringLiteral("--lang"), QLatin1String(lang),
                     QStringLiteral("--theme"), QLatin1String(theme), QStringLiteral("--screenshot"), file, demo});
      ASSERT_TRUE(p.waitForFinished(60000)) << "the studio did not exit within 60 s (" << lang << ", " << theme << ")";
      ASSERT_EQ(p.exitCode(), 0) << p.readAllStandardError().toStdString();
      QImage image(file);
      ASSERT_FALSE(image.isNull()) << file.toStdString();
      shots.push_back({QLatin1String(lang), QLatin1String(theme), image});
    }
  }
  for (const Shot& s : shots) {
    SCOPED_TRACE((s.lang + QLatin1Char(' ') + s.theme).toStdString());
    EXPECT_GE(s.image.width(), 1200);
    EXPECT_GE(s.image.height(), 800);
    EXPECT_GT(distinctColours(s.image), 200) << "a real window has text, cards and thumbnails";
  }
  // shots: en-light, en-dark, zh-light, zh-dark
  EXPECT_LT(meanLuma(shots[1].image) + 40, meanLuma(shots[0].image)) << "dark theme is darker";
  EXPECT_LT(meanLuma(shots[3].image) + 40, meanLuma(shots[2].image));
  EXPECT_GT(differing(shots[0].image, shots[2].image), 0.005) << "Chinese text changes the window";
}
