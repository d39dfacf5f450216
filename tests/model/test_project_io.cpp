#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <sys/stat.h>

#include "core/model/ProjectIo.h"

using namespace shotcraft::model;

namespace {
Project smallProject() {
  Project p;
  EXPECT_TRUE(p.requestSetName(QStringLiteral("Io Test")));
  Shot s = p.makeShot();
  s.prompt = QStringLiteral("a lighthouse at night");
  EXPECT_TRUE(p.requestInsertShot(0, 0, s));
  return p;
}

QByteArray readAll(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeFile(const QString& path, const QByteArray& bytes) {
  QFile f(path);
  ASSERT_TRUE(f.open(QIODevice::WriteOnly));
  f.write(bytes);
}
}  // namespace

TEST(ProjectIo, SaveCreatesTheFolderLayoutAndLoadsBack) {
  QTemporaryDir tmp;
  ASSERT_TRUE(tmp.isValid());
  const QString folder = tmp.filePath(QStringLiteral("Io.shotcraft"));
  const Project original = smallProject();
  QString error;
  ASSERT_TRUE(ProjectIo::save(original, folder, &error)) << error.toStdString();
  EXPECT_TRUE(QFileInfo(folder + "/project.json").isFile());
  EXPECT_TRUE(QFileInfo(folder + "/assets").isDir());
  EXPECT_TRUE(QFileInfo(folder + "/takes").isDir());
  Project loaded;
  ASSERT_TRUE(ProjectIo::load(folder, &loaded, &error)) << error.toStdString();
  EXPECT_EQ(loaded, original);
  Project viaFile;
  ASSERT_TRUE(ProjectIo::load(folder + "/project.json", &viaFile, &error)) << error.toStdString();
  EXPECT_EQ(viaFile, original);
  // No temporary files are left behind by the atomic save.
  EXPECT_EQ(QDir(folder).entryList(QDir::Files), QStringList{QStringLiteral("project.json")});
}

TEST(ProjectIo, PathHelpers) {
  EXPECT_EQ(ProjectIo::nameFromPath(QStringLiteral("/a/Neon.shotcraft")), QStringLiteral("Neon"));
  EXPECT_EQ(ProjectIo::nameFromPath(QStringLiteral("/a/Neon.shotcraft/project.json")), QStringLiteral("Neon"));
  EXPECT_EQ(ProjectIo::projectFilePath(QStringLiteral("/a/Neon.shotcraft")), QStringLiteral("/a/Neon.shotcraft/project.json"));
  EXPECT_EQ(ProjectIo::projectFolder(QStringLiteral("/a/Neon.shotcraft/project.json")), QStringLiteral("/a/Neon.shotcraft"));
}

TEST(ProjectIo, LoadErrorsAreClear) {
  QTemporaryDir tmp;
  Project p = smallProject();
  const Project before = p;
  QString error;
  EXPECT_FALSE(ProjectIo::load(tmp.filePath("missing.shotcraft"), &p, &error));
  EXPECT_TRUE(error.endsWith(QStringLiteral("no such file or folder"))) << error.toStdString();
  QDir(tmp.path()).mkdir("Empty.shotcraft");
  EXPECT_FALSE(ProjectIo::load(tmp.filePath("Empty.shotcraft"), &p, &error));
  EXPECT_TRUE(error.contains(QStringLiteral("no project.json"))) << error.toStdString();
  EXPECT_FALSE(ProjectIo::load(QString(), &p, &error));
  EXPECT_EQ(p, before);
}

TEST(ProjectIo, RefusesHugeFilesWithoutReadingThem) {
  QTemporaryDir tmp;
  const QString folder = tmp.filePath("Huge.shotcraft");
  QDir().mkpath(folder);
  QFile f(folder + "/project.json");
  ASSERT_TRUE(f.open(QIODevice::WriteOnly));
  ASSERT_TRUE(f.resize(ProjectIo::kMaxProjectFileBytes + 1));  // sparse: costs no disk
  f.close();
  Project p;
  QString error;
  EXPECT_FALSE(ProjectIo::load(folder, &p, &error));
  EXPECT_TRUE(error.contains(QStringLiteral("too large"))) << error.toStdString();
}

TEST(ProjectIo, RefusesNonRegularFilesInsteadOfHanging) {
  QTemporaryDir tmp;
  const QString folder = tmp.filePath("Fifo.shotcraft");
  QDir().mkpath(folder);
  ASSERT_EQ(mkfifo(QFile::encodeName(folder + "/project.json").constData(), 0600), 0);
  Project p;
  QString error;
  EXPECT_FALSE(ProjectIo::load(folder, &p, &error));
  EXPECT_TRUE(error.contains(QStringLiteral("not a regular file"))) << error.toStdString();
}

TEST(ProjectIo, BrokenFileIsReportedAndLeftOnDisk) {
  QTemporaryDir tmp;
  const QString folder = tmp.filePath("Broken.shotcraft");
  const Project original = smallProject();
  ASSERT_TRUE(ProjectIo::save(original, folder, nullptr));
  const QString file = folder + "/project.json";
  const QByteArray truncated = readAll(file).left(60);
  writeFile(file, truncated);
  Project p;
  QString error;
  EXPECT_FALSE(ProjectIo::load(folder, &p, &error));
  EXPECT_TRUE(error.startsWith(QStringLiteral("project.json is not valid JSON"))) << error.toStdString();
  EXPECT_EQ(readAll(file), truncated);  // loading never rewrites the file
}

TEST(ProjectIo, FailedSaveLeavesTheOriginalUnchanged) {
  QTemporaryDir tmp;
  const QString folder = tmp.filePath("Keep.shotcraft");
  const Project original = smallProject();
  ASSERT_TRUE(ProjectIo::save(original, folder, nullptr));
  const QByteArray onDisk = readAll(folder + "/project.json");
  Project edited = original;
  ASSERT_TRUE(edited.requestSetShotPrompt(QStringLiteral("s01"), QStringLiteral("changed")));

  // 1. A target under a regular file cannot be created (works as root too).
  const QString plainFile = tmp.filePath("not-a-folder");
  writeFile(plainFile, "x");
  QString error;
  EXPECT_FALSE(ProjectIo::save(edited, plainFile + "/Sub.shotcraft", &error));
  EXPECT_FALSE(error.isEmpty());
  EXPECT_EQ(readAll(plainFile), QByteArray("x"));

  // 2. Saving over the existing project where takes/ has become a regular file fails before any write.
  ASSERT_TRUE(QDir(folder + "/takes").removeRecursively());
  writeFile(folder + "/takes", "blocker");
  EXPECT_FALSE(ProjectIo::save(edited, folder, &error));
  EXPECT_TRUE(error.contains(QStringLiteral("is not a folder"))) << error.toStdString();
  EXPECT_EQ(readAll(folder + "/project.json"), onDisk);
  QFile::remove(folder + "/takes");

  // 3. The commit itself fails (project.json is a folder we cannot replace): nothing half-written remains.
  const QString other = tmp.filePath("Dir.shotcraft");
  QDir().mkpath(other + "/project.json/inner");
  EXPECT_FALSE(ProjectIo::save(edited, other, &error));
  EXPECT_FALSE(error.isEmpty());
  EXPECT_TRUE(QFileInfo(other + "/project.json/inner").isDir());
  EXPECT_EQ(QDir(other).entryList(QDir::Files), QStringList());

  // The original still loads as it was.
  Project loaded;
  ASSERT_TRUE(ProjectIo::load(folder, &loaded, &error)) << error.toStdString();
  EXPECT_EQ(loaded, original);
}

TEST(ProjectIo, SaveToProjectJsonPathAndOverwrite) {
  QTemporaryDir tmp;
  const QString folder = tmp.filePath("Over.shotcraft");
  Project p = smallProject();
  QString error;
  ASSERT_TRUE(ProjectIo::save(p, folder + "/project.json", &error)) << error.toStdString();
  ASSERT_TRUE(p.requestSetShotDuration(QStringLiteral("s01"), 7.5));
  ASSERT_TRUE(ProjectIo::save(p, folder, &error)) << error.toStdString();
  Project loaded;
  ASSERT_TRUE(ProjectIo::load(folder, &loaded, &error));
  EXPECT_DOUBLE_EQ(loaded.findShot(QStringLiteral("s01"))->duration_s, 7.5);
  EXPECT_FALSE(ProjectIo::save(p, QString(), &error));
}
