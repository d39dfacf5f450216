// MainWindow: opening (good and broken projects), the summary, the title's modified mark, unsaved prompts,
// dock layout state, start-up paths.
#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QTemporaryDir>
#include <QUndoStack>

#include "core/model/ProjectIo.h"
#include "tests/ui/UiTestSupport.h"
#include "ui/MainWindow.h"
#include "ui/ProjectDocument.h"
#include "ui/RecentFiles.h"
#include "ui/ShotCard.h"
#include "ui/StartupPaths.h"
#include "ui/StoryboardView.h"

using shotcraft::test::UiTest;
using shotcraft::ui::MainWindow;

namespace {

struct RecordedError {
  QString title;
  QString message;
};

// A window whose errors are recorded instead of shown in a modal box.
class TestWindow {
 public:
  TestWindow() {
    window.setErrorReporter([this](const QString& title, const QString& message) {
      errors.push_back({title, message});
    });
    window.setUnsavedPrompt([this](const QString&) {
      ++prompts;
      return answer;
    });
  }
  MainWindow window;
  std::vector<RecordedError> errors;
  int prompts = 0;
  MainWindow::UnsavedChoice answer = MainWindow::UnsavedChoice::Cancel;
};

QString saveSample(const QTemporaryDir& dir, const QString& name) {
  const QString folder = dir.filePath(name);
  EXPECT_TRUE(shotcraft::model::ProjectIo::save(shotcraft::test::sampleProject(), folder, nullptr));
  return folder;
}

}  // namespace

class MainWindowTest : public UiTest {};

TEST_F(MainWindowTest, OpensTheDemoAndShowsItsActsAndShots) {
  const QString demo = shotcraft::test::demoProjectPath();
  if (demo.isEmpty()) GTEST_SKIP() << "resources/demo/NeonDawn.shotcraft is missing";
  TestWindow t;
  ASSERT_TRUE(t.window.openProject(demo));
  EXPECT_TRUE(t.errors.empty());
  EXPECT_EQ(t.window.storyboard()->cardCount(), 10);
  EXPECT_TRUE(t.window.summaryText().startsWith(QStringLiteral("3 acts · 10 shots · "))) << t.window.summaryText().toStdString();
  EXPECT_EQ(t.window.summaryLabel()->text(), t.window.summaryText());
  EXPECT_EQ(t.window.storyboard()->selectedShot(), t.window.document()->project().shotIds().first());
  EXPECT_EQ(shotcraft::ui::RecentFiles::list().value(0), QDir(demo).absolutePath());
}

TEST_F(MainWindowTest, SummaryUsesSingularAndUpdatesWithEdits) {
  TestWindow t;
  auto project = shotcraft::test::sampleProject();
  t.window.document()->reset(project, QString(), false);
  EXPECT_EQ(t.window.summaryText(), QStringLiteral("3 acts · 6 shots · 12.0 s"));
  EXPECT_EQ(t.window.summaryLabel()->text(), QStringLiteral("3 acts · 6 shots · 12.0 s"));
  const QString id = project.shotIds().first();
  ASSERT_TRUE(t.window.document()->setShotDuration(id, 4.5));
  EXPECT_EQ(t.window.summaryLabel()->text(), QStringLiteral("3 acts · 6 shots · 14.5 s"));
  t.window.document()->newProject();
  ASSERT_TRUE(t.window.document()->addShot(0, 0));
  EXPECT_EQ(t.window.summaryLabel()->text(), QStringLiteral("3 acts · 1 shot · 3.0 s"));
}

TEST_F(MainWindowTest, BrokenProjectShowsTheErrorAndKeepsTheWindowUsable) {
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  const QString folder = dir.filePath(QStringLiteral("Broken.shotcraft"));
  ASSERT_TRUE(QDir().mkpath(folder));
  QFile file(QDir(folder).filePath(QStringLiteral("project.json")));
  ASSERT_TRUE(file.open(QIODevice::WriteOnly));
  file.write(R"({"schema": 1, "app": "shotcraft", "name": "B", "acts": "not a list"})");
  file.close();

  TestWindow t;
  EXPECT_FALSE(t.window.openProject(folder));
  ASSERT_EQ(t.errors.size(), 1u);
  EXPECT_TRUE(t.errors[0].message.contains(QStringLiteral("acts"))) << t.errors[0].message.toStdString();
  EXPECT_TRUE(t.errors[0].message.contains(QDir::toNativeSeparators(folder)));
  EXPECT_EQ(t.window.document()->project(), shotcraft::model::Project());
  EXPECT_TRUE(shotcraft::ui::RecentFiles::list().isEmpty());
  // Still usable: a shot can be added and undone.
  ASSERT_TRUE(t.window.document()->addShot(0, -1));
  EXPECT_EQ(t.window.storyboard()->cardCount(), 1);
  t.window.document()->undoStack()->undo();
  EXPECT_EQ(t.window.storyboard()->cardCount(), 0);
}

TEST_F(MainWindowTest, TitleCarriesTheModifiedMarkUntilSaved) {
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  TestWindow t;
  ASSERT_TRUE(t.window.openProject(saveSample(dir, QStringLiteral("Title.shotcraft"))));
  EXPECT_EQ(t.window.windowTitle(), QStringLiteral("Sample[*] — Shotcraft"));
  EXPECT_FALSE(t.window.isWindowModified());
  const QString id = t.window.document()->project().shotIds().first();
  ASSERT_TRUE(t.window.document()->setShotTitle(id, QStringLiteral("changed")));
  EXPECT_TRUE(t.window.isWindowModified());
  t.window.document()->undoStack()->undo();
  EXPECT_FALSE(t.window.isWindowModified());
  t.window.document()->undoStack()->redo();
  EXPECT_TRUE(t.window.isWindowModified());
  ASSERT_TRUE(t.window.saveProject());
  EXPECT_FALSE(t.window.isWindowModified());
  EXPECT_TRUE(t.errors.empty());
}

TEST_F(MainWindowTest, UnsavedChangesAskBeforeNewAndOpen) {
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  const QString other = saveSample(dir, QStringLiteral("Other.shotcraft"));
  TestWindow t;
  ASSERT_TRUE(t.window.openProject(saveSample(dir, QStringLiteral("Mine.shotcraft"))));
  const QString id = t.window.document()->project().shotIds().first();
  ASSERT_TRUE(t.window.document()->setShotPrompt(id, QStringLiteral("unsaved")));

  t.answer = MainWindow::UnsavedChoice::Cancel;
  EXPECT_FALSE(t.window.newProject());
  EXPECT_FALSE(t.window.openProject(other));
  EXPECT_EQ(t.prompts, 2);
  EXPECT_EQ(t.window.document()->project().findShot(id)->prompt, QStringLiteral("unsaved"));

  t.answer = MainWindow::UnsavedChoice::Save;  // saves, then opens
  ASSERT_TRUE(t.window.openProject(other));
  EXPECT_EQ(t.prompts, 3);
  shotcraft::model::Project saved;
  ASSERT_TRUE(shotcraft::model::ProjectIo::load(dir.filePath(QStringLiteral("Mine.shotcraft")), &saved, nullptr));
  EXPECT_EQ(saved.findShot(id)->prompt, QStringLiteral("unsaved"));

  ASSERT_TRUE(t.window.document()->setShotPrompt(id, QStringLiteral("dropped")));
  t.answer = MainWindow::UnsavedChoice::Discard;
  ASSERT_TRUE(t.window.newProject());
  EXPECT_EQ(t.window.document()->project().shotCount(), 0);
  EXPECT_FALSE(t.window.isWindowModified());
  EXPECT_TRUE(t.window.newProject()) << "a clean project does not ask";
  EXPECT_EQ(t.prompts, 4);
}

TEST_F(MainWindowTest, DocksHaveNamesAndTheLayoutRoundTrips) {
  TestWindow t;
  EXPECT_EQ(t.window.shotDock()->objectName(), QStringLiteral("ShotDock"));
  EXPECT_EQ(t.window.briefDock()->objectName(), QStringLiteral("BriefDock"));
  t.window.show();
  const QByteArray state = t.window.saveState(1);
  t.window.shotDock()->hide();
  t.window.removeDockWidget(t.window.briefDock());
  ASSERT_TRUE(t.window.restoreState(state, 1));
  EXPECT_FALSE(t.window.shotDock()->isHidden());
  EXPECT_FALSE(t.window.briefDock()->isHidden());
  EXPECT_EQ(t.window.dockWidgetArea(t.window.briefDock()), Qt::RightDockWidgetArea);
}

TEST_F(MainWindowTest, CardsSayNotRenderedAndFollowTheSelection) {
  TestWindow t;
  auto project = shotcraft::test::sampleProject();
  t.window.document()->reset(project, QString(), false);
  const QStringList ids = project.shotIds();
  ASSERT_EQ(t.window.storyboard()->cardCount(), 6);
  auto* card = t.window.storyboard()->card(ids.at(2));
  ASSERT_NE(card, nullptr);
  EXPECT_EQ(card->thumbnailText(), QStringLiteral("Not rendered"));
  EXPECT_TRUE(card->metaText().startsWith(ids.at(2) + QStringLiteral(" · 2.0 s · seed ")));
  t.window.storyboard()->selectShot(ids.at(2));
  EXPECT_TRUE(card->isSelected());
  t.window.storyboard()->selectShot(ids.at(0));
  EXPECT_FALSE(card->isSelected());
  EXPECT_TRUE(t.window.storyboard()->card(ids.at(0))->isSelected());
  ASSERT_TRUE(t.window.document()->removeShot(ids.at(0)));
  EXPECT_TRUE(t.window.storyboard()->selectedShot().isEmpty()) << "a removed shot is no longer selected";
}

TEST_F(MainWindowTest, StartupPrefersArgumentThenRecentThenDemo) {
  using shotcraft::ui::StartupPaths;
  EXPECT_EQ(StartupPaths::projectToOpen(QStringLiteral("/a/A.shotcraft"), {QStringLiteral("/r")}, QString()),
            QStringLiteral("/a/A.shotcraft"));
  EXPECT_EQ(StartupPaths::projectToOpen(QString(), {QStringLiteral("/r"), QStringLiteral("/s")}, QString()),
            QStringLiteral("/r"));
  const QStringList folders = StartupPaths::demoSearchFolders(QStringLiteral("/opt/x/bin"));
  EXPECT_EQ(folders.value(0), QStringLiteral("/opt/x/share/shotcraft/demo"));
  if (!shotcraft::test::demoProjectPath().isEmpty()) {
    EXPECT_EQ(QDir(StartupPaths::projectToOpen(QString(), {}, QStringLiteral("/nonexistent/bin"))).absolutePath(),
              QDir(shotcraft::test::demoProjectPath()).absolutePath());
  }
}
