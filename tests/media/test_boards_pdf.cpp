// Storyboard PDFs checked with poppler's pdfinfo and pdftotext: page count, paper, text including CJK.
#include <QGuiApplication>
#include <QProcess>
#include <QTemporaryDir>
#include <gtest/gtest.h>

#include "core/model/ProjectIo.h"
#include "tests/common/TestUtil.h"
#include "tests/media/MediaTestUtil.h"
#include "ui/pdf/BoardsPdf.h"

using namespace shotcraft;
using namespace shotcraft::test;

namespace {

// This executable draws text: the shared test main must build a QGuiApplication.
const bool kGui = [] {
  applicationFactory() = [](int& argc, char** argv) -> std::unique_ptr<QCoreApplication> {
    return std::make_unique<QGuiApplication>(argc, argv);
  };
  return true;
}();

QString run(const QString& tool, const QStringList& args) {
  QProcess p;
  p.start(tool, args);
  if (!p.waitForFinished(60000) || p.exitCode() != 0) return {};
  return QString::fromUtf8(p.readAllStandardOutput());
}

int pdfPages(const QString& pdf) {
  for (const QString& line : run(QStringLiteral("pdfinfo"), {pdf}).split(QLatin1Char('\n'))) {
    if (line.startsWith(QLatin1String("Pages:"))) return line.mid(6).trimmed().toInt();
  }
  return -1;
}

}  // namespace

TEST(BoardsPdf, DemoProjectPagesAndTextIncludingChinese) {
  if (!haveTool("pdfinfo") || !haveTool("pdftotext")) GTEST_SKIP() << "poppler-utils not installed";
  ASSERT_TRUE(kGui);
  model::Project project;
  QString error;
  const QString demo = QString::fromStdString(sourcePath("resources/demo/NeonDawn.shotcraft"));
  ASSERT_TRUE(model::ProjectIo::load(demo, &project, &error)) << error.toStdString();
  QTemporaryDir dir;
  const QString pdf = dir.filePath(QStringLiteral("boards.pdf"));
  boards::BoardsOptions options;  // A4 portrait, 3x2
  ASSERT_TRUE(boards::BoardsPdf::write(project, demo, pdf, options, &error)) << error.toStdString();
  int expectedPages = 0;
  for (const model::Act& act : project.acts()) expectedPages += int(act.shots.size() + 5) / 6;
  EXPECT_EQ(pdfPages(pdf), expectedPages);
  EXPECT_EQ(boards::BoardsPdf::pageCount(project, options), expectedPages);

  const QString text = run(QStringLiteral("pdftotext"), {QStringLiteral("-enc"), QStringLiteral("UTF-8"), pdf,
                                                         QStringLiteral("-")});
  EXPECT_TRUE(text.contains(QStringLiteral("Act 1: ") + project.act(0).title)) << text.left(400).toStdString();
  EXPECT_TRUE(text.contains(QStringLiteral("Act 3")));
  const model::Shot& s02 = project.act(0).shots.at(1);
  EXPECT_TRUE(text.contains(QStringLiteral("seed %1").arg(s02.seed)));
  EXPECT_TRUE(text.contains(QStringLiteral("黎明"))) << "CJK prompt text missing from the PDF";
  EXPECT_TRUE(text.contains(QStringLiteral("(placeholder)")));
}

TEST(BoardsPdf, LandscapeLetterGridAndErrors) {
  if (!haveTool("pdfinfo")) GTEST_SKIP() << "poppler-utils not installed";
  model::Project project = smallProject({1, 1, 1, 1, 1});
  QTemporaryDir dir;
  const QString pdf = dir.filePath(QStringLiteral("letter.pdf"));
  boards::BoardsOptions options;
  options.paper = QPageSize::Letter;
  options.orientation = QPageLayout::Landscape;
  options.columns = 2;
  options.rows = 2;
  QString error;
  ASSERT_TRUE(boards::BoardsPdf::write(project, dir.path(), pdf, options, &error)) << error.toStdString();
  EXPECT_EQ(pdfPages(pdf), 2);
  const QString info = run(QStringLiteral("pdfinfo"), {pdf});
  EXPECT_TRUE(info.contains(QStringLiteral("792 x 612 pts"))) << info.toStdString();  // US Letter, landscape

  EXPECT_FALSE(boards::BoardsPdf::write(project, dir.path(), QStringLiteral("/no/such/dir/b.pdf"), options, &error));
  EXPECT_TRUE(error.startsWith(QStringLiteral("cannot write '/no/such/dir/b.pdf'"))) << error.toStdString();
  options.rows = 0;
  EXPECT_FALSE(boards::BoardsPdf::write(project, dir.path(), pdf, options, &error));
  EXPECT_TRUE(error.startsWith(QStringLiteral("--grid"))) << error.toStdString();
}
