#include "tests/ui/UiTestSupport.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <algorithm>

#include "tests/common/TestUtil.h"
#include "ui/Theme.h"
#include "ui/Translations.h"

namespace shotcraft::test {

namespace {
// The shared test main builds whatever applicationFactory() returns: make it a QApplication.
const bool kGuiApplication = [] {
  applicationFactory() = [](int& argc, char** argv) -> std::unique_ptr<QCoreApplication> {
    auto app = std::make_unique<QApplication>(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("ShotcraftTests"));
    QCoreApplication::setApplicationName(QStringLiteral("shotcraft-ui-tests"));
    return app;
  };
  return true;
}();
}  // namespace

model::Project sampleProject() {
  model::Project project;
  const int sizes[] = {2, 3, 1};
  const char* const letters = "abc";
  for (int act = 0; act < 3; ++act) {
    for (int row = 0; row < sizes[act]; ++row) {
      model::Shot shot = project.makeShot();
      shot.title = QStringLiteral("%1%2").arg(QLatin1Char(letters[act])).arg(row + 1);
      shot.prompt = QStringLiteral("prompt of %1").arg(shot.title);
      shot.duration_s = 2.0;
      QString error;
      EXPECT_TRUE(project.requestInsertShot(act, row, shot, &error)) << error.toStdString();
    }
  }
  model::Brief brief;
  brief.title = QStringLiteral("Sample brief");
  brief.audience = QStringLiteral("testers");
  EXPECT_TRUE(project.requestSetBrief(brief));
  EXPECT_TRUE(project.requestSetName(QStringLiteral("Sample")));
  return project;
}

QString demoProjectPath() {
  const QString path = QString::fromStdString(sourcePath("resources/demo/NeonDawn.shotcraft"));
  return QFileInfo::exists(QDir(path).filePath(QStringLiteral("project.json"))) ? path : QString();
}

GapMeter::GapMeter(int interval_ms) {
  m_clock.start();
  QObject::connect(&m_ticker, &QTimer::timeout, [this] {
    const qint64 now = m_clock.elapsed();
    m_longest_ms = std::max(m_longest_ms, now - m_last_ms);
    m_last_ms = now;
    ++m_ticks;
  });
  m_ticker.start(interval_ms);
}

void UiTest::SetUp() {
  ASSERT_NE(qobject_cast<QApplication*>(QCoreApplication::instance()), nullptr);
  QSettings().clear();
  ASSERT_TRUE(ui::Translations::setLanguage(QStringLiteral("en")));
  ui::Theme::apply(ui::ThemeKind::Light);
}

void UiTest::TearDown() {
  QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
  QSettings().clear();
}

}  // namespace shotcraft::test
