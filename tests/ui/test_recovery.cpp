// Autosave and crash recovery: snapshots are written while a project has unsaved edits (never over the
// project), removed on save, offered back on open, and a broken one is reported and set aside.
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include "core/model/ProjectIo.h"
#include "tests/ui/UiTestSupport.h"
#include "ui/Autosaver.h"
#include "ui/MainWindow.h"
#include "ui/ProjectDocument.h"
#include "ui/RecoveryStore.h"

using shotcraft::test::UiTest;
using shotcraft::ui::Autosaver;
using shotcraft::ui::MainWindow;
using shotcraft::ui::RecoveryStore;

namespace {

struct RecoveryWindow {
  RecoveryWindow() {
    window.setErrorReporter([this](const QString&, const QString& message) { errors.push_back(message); });
    window.setUnsavedPrompt([](const QString&) { return MainWindow::UnsavedChoice::Discard; });
    window.setRecoveryPrompt([this](const QString&, const QDateTime& savedAt) {
      offeredAt = savedAt;
      ++asked;
      return accept;
    });
  }
  MainWindow window;
  QStringList errors;
  QDateTime offeredAt;
  int asked = 0;
  bool accept = true;
};

QString saveSample(const QTemporaryDir& dir) {
  const QString folder = dir.filePath(QStringLiteral("Crash.shotcraft"));
  EXPECT_TRUE(shotcraft::model::ProjectIo::save(shotcraft::test::sampleProject(), folder, nullptr));
  return folder;
}

QByteArray projectBytes(const QString& folder) {
  QFile file(shotcraft::model::ProjectIo::projectFilePath(folder));
  return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

}  // namespace

class RecoveryTest : public UiTest {};

TEST_F(RecoveryTest, SnapshotIsWrittenAfterAnEditBurstAndNotWhileClean) {
  QTemporaryDir dir;
  const QString folder = saveSample(dir);
  const QByteArray before = projectBytes(folder);
  RecoveryWindow t;
  ASSERT_TRUE(t.window.openProject(folder));
  Autosaver* saver = t.window.autosaver();
  saver->setSettleDelay_ms(20);
  const QString snapshot = saver->snapshotFile();
  EXPECT_TRUE(snapshot.startsWith(RecoveryStore::folder()));
  QTest::qWait(60);
  EXPECT_FALSE(QFileInfo::exists(snapshot)) << "a clean project has nothing to recover";

  const QString id = t.window.document()->project().shotIds().first();
  ASSERT_TRUE(t.window.document()->setShotPrompt(id, QStringLiteral("crash-proof prompt")));
  QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(snapshot), 2000);
  EXPECT_EQ(projectBytes(folder), before) << "autosave never writes the user's project";

  shotcraft::ui::RecoverySnapshot read;
  QString error;
  ASSERT_TRUE(RecoveryStore::read(snapshot, &read, &error)) << error.toStdString();
  EXPECT_EQ(read.project.findShot(id)->prompt, QStringLiteral("crash-proof prompt"));
  EXPECT_EQ(QFileInfo(read.projectPath).canonicalFilePath(), QFileInfo(folder).canonicalFilePath());
}

TEST_F(RecoveryTest, IntervalComesFromSettingsAndZeroTurnsItOff) {
  QSettings().setValue(QLatin1String(Autosaver::kIntervalKey), 5);
  RecoveryWindow t;
  EXPECT_EQ(t.window.autosaver()->interval_s(), 5);
  t.window.autosaver()->setInterval_s(0);
  t.window.autosaver()->setSettleDelay_ms(10);
  t.window.document()->reset(shotcraft::test::sampleProject(), QString(), false);
  ASSERT_TRUE(t.window.document()->setShotTitle(t.window.document()->project().shotIds().first(), QStringLiteral("x")));
  QTest::qWait(60);
  EXPECT_TRUE(t.window.document()->isDirty());
  EXPECT_FALSE(QFileInfo::exists(t.window.autosaver()->snapshotFile()));
}

TEST_F(RecoveryTest, SaveRemovesTheSnapshot) {
  QTemporaryDir dir;
  const QString folder = saveSample(dir);
  RecoveryWindow t;
  ASSERT_TRUE(t.window.openProject(folder));
  const QString id = t.window.document()->project().shotIds().first();
  ASSERT_TRUE(t.window.document()->setShotTitle(id, QStringLiteral("saved soon")));
  ASSERT_TRUE(t.window.autosaver()->writeNow());
  const QString snapshot = t.window.autosaver()->snapshotFile();
  ASSERT_TRUE(QFileInfo::exists(snapshot));
  ASSERT_TRUE(t.window.saveProject());
  EXPECT_FALSE(QFileInfo::exists(snapshot));
}

TEST_F(RecoveryTest, OpeningOffersTheNewerSnapshotAndRecoversItDirty) {
  QTemporaryDir dir;
  const QString folder = saveSample(dir);
  QString snapshot;
  QString id;
  {
    // A session that edits and then "crashes": its snapshot is left behind (the copy below stands in for it).
    RecoveryWindow crashed;
    ASSERT_TRUE(crashed.window.openProject(folder));
    id = crashed.window.document()->project().shotIds().first();
    ASSERT_TRUE(crashed.window.document()->setShotPrompt(id, QStringLiteral("recovered words")));
    ASSERT_TRUE(crashed.window.autosaver()->writeNow());
    snapshot = crashed.window.autosaver()->snapshotFile();
    ASSERT_TRUE(QFile::copy(snapshot, snapshot + QStringLiteral(".keep")));
  }
  ASSERT_FALSE(QFileInfo::exists(snapshot)) << "a clean close removes the snapshot";
  ASSERT_TRUE(QFile::rename(snapshot + QStringLiteral(".keep"), snapshot));

  RecoveryWindow t;
  ASSERT_TRUE(t.window.openProject(folder));
  EXPECT_EQ(t.asked, 1);
  EXPECT_TRUE(t.offeredAt.isValid());
  EXPECT_EQ(t.window.document()->project().findShot(id)->prompt, QStringLiteral("recovered words"));
  EXPECT_TRUE(t.window.document()->isDirty());
  EXPECT_EQ(QFileInfo(t.window.document()->filePath()).canonicalFilePath(), QFileInfo(folder).canonicalFilePath());
  EXPECT_TRUE(t.window.isWindowModified());
  ASSERT_TRUE(t.window.saveProject());
  shotcraft::model::Project saved;
  ASSERT_TRUE(shotcraft::model::ProjectIo::load(folder, &saved, nullptr));
  EXPECT_EQ(saved.findShot(id)->prompt, QStringLiteral("recovered words"));
  EXPECT_FALSE(QFileInfo::exists(snapshot));
}

TEST_F(RecoveryTest, DecliningRemovesTheSnapshotAndKeepsTheProject) {
  QTemporaryDir dir;
  const QString folder = saveSample(dir);
  shotcraft::model::Project edited = shotcraft::test::sampleProject();
  const QString id = edited.shotIds().first();
  ASSERT_TRUE(edited.requestSetShotPrompt(id, QStringLiteral("declined"), nullptr));
  const QString snapshot = RecoveryStore::snapshotFile(folder);
  ASSERT_TRUE(RecoveryStore::write(snapshot, edited, folder));
  RecoveryWindow t;
  t.accept = false;
  ASSERT_TRUE(t.window.openProject(folder));
  EXPECT_EQ(t.asked, 1);
  EXPECT_NE(t.window.document()->project().findShot(id)->prompt, QStringLiteral("declined"));
  EXPECT_FALSE(t.window.document()->isDirty());
  EXPECT_FALSE(QFileInfo::exists(snapshot));
}

TEST_F(RecoveryTest, CorruptSnapshotIsReportedInOneLineAndTheProjectStillOpens) {
  QTemporaryDir dir;
  const QString folder = saveSample(dir);
  const QString snapshot = RecoveryStore::snapshotFile(folder);
  ASSERT_TRUE(QDir().mkpath(RecoveryStore::folder()));
  {
    QFile file(snapshot);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("{\"app\": \"shotcraft-recovery\", \"project\": {tru");
  }
  RecoveryWindow t;
  ASSERT_TRUE(t.window.openProject(folder));
  EXPECT_EQ(t.asked, 0);
  ASSERT_EQ(t.errors.size(), 1);
  EXPECT_FALSE(t.errors.first().contains(QLatin1Char('\n'))) << t.errors.first().toStdString();
  EXPECT_TRUE(t.errors.first().contains(QStringLiteral("not JSON"))) << t.errors.first().toStdString();
  EXPECT_EQ(t.window.document()->project().shotCount(), 6);
  EXPECT_FALSE(t.window.document()->isDirty());
  EXPECT_FALSE(QFileInfo::exists(snapshot)) << "set aside, not offered again";
  QFile::remove(snapshot + QStringLiteral(".corrupt"));
}

TEST_F(RecoveryTest, UntitledSnapshotOfAGoneProcessIsOffered) {
  shotcraft::model::Project edited = shotcraft::test::sampleProject();
  ASSERT_TRUE(edited.requestSetName(QStringLiteral("Lost draft")));
  const QString orphan = RecoveryStore::untitledFile(2147480000);  // no such process
  ASSERT_TRUE(RecoveryStore::write(orphan, edited, QString()));
  RecoveryWindow t;
  ASSERT_TRUE(t.window.offerOrphanedRecovery());
  EXPECT_EQ(t.window.document()->project().name(), QStringLiteral("Lost draft"));
  EXPECT_TRUE(t.window.document()->filePath().isEmpty());
  EXPECT_TRUE(t.window.document()->isDirty());
  EXPECT_FALSE(QFileInfo::exists(orphan));
  EXPECT_TRUE(QFileInfo::exists(t.window.autosaver()->snapshotFile())) << "carried over to this run's name";
}
