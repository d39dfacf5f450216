// ProjectDocument: loading, saving, the dirty flag, field edits through undo commands, refused edits.
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>

#include "core/model/ProjectIo.h"
#include "tests/common/TestUtil.h"
#include "tests/ui/UiTestSupport.h"
#include "ui/ProjectDocument.h"

using shotcraft::model::Project;
using shotcraft::test::UiTest;
using shotcraft::ui::ProjectDocument;

namespace {

QString firstShotId(const ProjectDocument& document) { return document.project().shotIds().value(0); }

bool writeFile(const QString& path, const QByteArray& bytes) {
  QFile file(path);
  return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

}  // namespace

class ProjectDocumentTest : public UiTest {};

TEST_F(ProjectDocumentTest, LoadsTheDemoWithThreeActsAndTenShots) {
  const QString demo = shotcraft::test::demoProjectPath();
  if (demo.isEmpty()) GTEST_SKIP() << "resources/demo/NeonDawn.shotcraft is missing";
  ProjectDocument document;
  QSignalSpy resets(&document, &ProjectDocument::projectReset);
  QString error;
  ASSERT_TRUE(document.load(demo, &error)) << error.toStdString();
  EXPECT_EQ(resets.count(), 1);
  EXPECT_EQ(document.project().acts().size(), 3u);
  EXPECT_EQ(document.project().shotCount(), 10);
  for (const auto& act : document.project().acts()) EXPECT_FALSE(act.shots.empty());
  EXPECT_FALSE(document.isDirty());
  EXPECT_EQ(document.filePath(), QDir(demo).absolutePath());
  EXPECT_EQ(document.displayName(), QStringLiteral("Neon Dawn"));
  EXPECT_FALSE(document.undoStack()->canUndo());
}

TEST_F(ProjectDocumentTest, LoadAcceptsProjectJsonPath) {
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  const QString folder = dir.filePath(QStringLiteral("Json.shotcraft"));
  ASSERT_TRUE(shotcraft::model::ProjectIo::save(shotcraft::test::sampleProject(), folder, nullptr));
  ProjectDocument document;
  ASSERT_TRUE(document.load(QDir(folder).filePath(QStringLiteral("project.json"))));
  EXPECT_EQ(document.filePath(), QDir(folder).absolutePath());
  EXPECT_EQ(document.project().shotCount(), 6);
}

TEST_F(ProjectDocumentTest, BrokenProjectIsRefusedWithTheFieldAndLeavesTheDocumentAlone) {
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  const QString folder = dir.filePath(QStringLiteral("Broken.shotcraft"));
  ASSERT_TRUE(shotcraft::model::ProjectIo::save(shotcraft::test::sampleProject(), folder, nullptr));
  const QString json = QDir(folder).filePath(QStringLiteral("project.json"));
  QFile file(json);
  ASSERT_TRUE(file.open(QIODevice::ReadOnly));
  QByteArray bytes = file.readAll();
  file.close();
  const QByteArray key = "\"duration\": ";
  const qsizetype at = bytes.indexOf(key);
  ASSERT_GE(at, 0);
  bytes.insert(at + key.size(), '-');  // a negative duration in the first shot
  ASSERT_TRUE(writeFile(json, bytes));

  ProjectDocument document;
  document.reset(shotcraft::test::sampleProject(), QString(), false);
  const Project before = document.project();
  QString error;
  EXPECT_FALSE(document.load(folder, &error));
  EXPECT_TRUE(error.contains(QStringLiteral("duration"))) << error.toStdString();
  EXPECT_EQ(document.project(), before);
  EXPECT_TRUE(document.filePath().isEmpty());
}

TEST_F(ProjectDocumentTest, MissingFolderIsAnError) {
  ProjectDocument document;
  QString error;
  EXPECT_FALSE(document.load(QStringLiteral("/nonexistent/Nope.shotcraft"), &error));
  EXPECT_FALSE(error.isEmpty());
  EXPECT_EQ(document.project(), Project());
}

TEST_F(ProjectDocumentTest, PromptEditUndoRedoAndMerging) {
  ProjectDocument document;
  document.reset(shotcraft::test::sampleProject(), QString(), false);
  const QString id = firstShotId(document);
  const QString original = document.project().findShot(id)->prompt;
  QSignalSpy shotChanges(&document, &ProjectDocument::shotChanged);

  ASSERT_TRUE(document.setShotPrompt(id, QStringLiteral("n")));
  ASSERT_TRUE(document.setShotPrompt(id, QStringLiteral("ne")));
  ASSERT_TRUE(document.setShotPrompt(id, QStringLiteral("neon")));
  EXPECT_EQ(document.project().findShot(id)->prompt, QStringLiteral("neon"));
  EXPECT_EQ(document.undoStack()->count(), 1) << "typing in one field merges into one step";
  EXPECT_EQ(shotChanges.count(), 3);
  EXPECT_TRUE(document.isDirty());

  document.undoStack()->undo();
  EXPECT_EQ(document.project().findShot(id)->prompt, original);
  EXPECT_FALSE(document.isDirty());
  document.undoStack()->redo();
  EXPECT_EQ(document.project().findShot(id)->prompt, QStringLiteral("neon"));

  ASSERT_TRUE(document.setShotTitle(id, QStringLiteral("Other field")));
  EXPECT_EQ(document.undoStack()->count(), 2) << "a different field is a new step";
}

TEST_F(ProjectDocumentTest, EveryShotFieldRoundTripsThroughUndo) {
  ProjectDocument document;
  document.reset(shotcraft::test::sampleProject(), QString(), false);
  const Project original = document.project();
  const QString id = firstShotId(document);
  ASSERT_TRUE(document.setShotTitle(id, QStringLiteral("T")));
  ASSERT_TRUE(document.setShotNegativePrompt(id, QStringLiteral("blurry")));
  ASSERT_TRUE(document.setShotDuration(id, 7.5));
  ASSERT_TRUE(document.setShotFps(id, 24));
  ASSERT_TRUE(document.setShotSeed(id, 9007199254740991ULL));
  ASSERT_TRUE(document.setShotSampler(id, QStringLiteral("ddim")));
  ASSERT_TRUE(document.setShotSteps(id, 30));
  ASSERT_TRUE(document.setShotCfgScale(id, 7.5));
  const auto* shot = document.project().findShot(id);
  EXPECT_EQ(shot->title, QStringLiteral("T"));
  EXPECT_EQ(shot->negative_prompt, QStringLiteral("blurry"));
  EXPECT_DOUBLE_EQ(shot->duration_s, 7.5);
  EXPECT_EQ(shot->fps, 24);
  EXPECT_EQ(shot->seed, 9007199254740991ULL);
  EXPECT_EQ(shot->sampler, QStringLiteral("ddim"));
  EXPECT_EQ(shot->steps, 30);
  EXPECT_DOUBLE_EQ(shot->cfg_scale, 7.5);
  EXPECT_EQ(document.undoStack()->count(), 8);
  while (document.undoStack()->canUndo()) document.undoStack()->undo();
  EXPECT_EQ(document.project(), original);
  while (document.undoStack()->canRedo()) document.undoStack()->redo();
  EXPECT_EQ(document.project().findShot(id)->steps, 30);
  EXPECT_EQ(document.project().findShot(id)->sampler, QStringLiteral("ddim"));
}

TEST_F(ProjectDocumentTest, RefusedEditChangesNothingAndAddsNoStep) {
  ProjectDocument document;
  document.reset(shotcraft::test::sampleProject(), QString(), false);
  const Project before = document.project();
  const QString id = firstShotId(document);
  QSignalSpy changes(&document, &ProjectDocument::changed);
  QString error;
  EXPECT_FALSE(document.setShotDuration(id, -1.0, &error));
  EXPECT_TRUE(error.contains(QStringLiteral("duration"))) << error.toStdString();
  EXPECT_FALSE(document.setShotFps(id, 0, &error));
  EXPECT_FALSE(document.setShotPrompt(QStringLiteral("nope"), QStringLiteral("x"), &error));
  EXPECT_TRUE(error.contains(QStringLiteral("nope")));
  EXPECT_EQ(document.project(), before);
  EXPECT_EQ(document.undoStack()->count(), 0);
  EXPECT_EQ(changes.count(), 0);
  EXPECT_FALSE(document.isDirty());
}

TEST_F(ProjectDocumentTest, BriefAndActTitleEditsUndo) {
  ProjectDocument document;
  document.reset(shotcraft::test::sampleProject(), QString(), false);
  const Project original = document.project();
  auto brief = document.project().brief();
  brief.audience = QStringLiteral("cyclists");
  ASSERT_TRUE(document.setBrief(brief, QStringLiteral("audience")));
  brief.audience = QStringLiteral("cyclists in Taipei");
  ASSERT_TRUE(document.setBrief(brief, QStringLiteral("audience")));
  EXPECT_EQ(document.undoStack()->count(), 1);
  ASSERT_TRUE(document.setActTitle(1, QStringLiteral("The chase")));
  EXPECT_EQ(document.project().act(1).title, QStringLiteral("The chase"));
  EXPECT_EQ(document.project().brief().audience, QStringLiteral("cyclists in Taipei"));
  document.undoStack()->undo();
  document.undoStack()->undo();
  EXPECT_EQ(document.project(), original);
  EXPECT_FALSE(document.setActTitle(5, QStringLiteral("x")));
}

TEST_F(ProjectDocumentTest, SaveWritesAndReloadsEqualAndClearsDirty) {
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  ProjectDocument document;
  document.reset(shotcraft::test::sampleProject(), QString(), false);
  ASSERT_TRUE(document.setShotPrompt(firstShotId(document), QStringLiteral("saved prompt")));
  QString error;
  EXPECT_FALSE(document.save(&error)) << "no folder yet";
  EXPECT_FALSE(error.isEmpty());
  QSignalSpy dirty(&document, &ProjectDocument::dirtyChanged);
  const QString folder = dir.filePath(QStringLiteral("Saved.shotcraft"));
  ASSERT_TRUE(document.saveAs(folder, &error)) << error.toStdString();
  EXPECT_FALSE(document.isDirty());
  ASSERT_EQ(dirty.count(), 1);
  EXPECT_FALSE(dirty.at(0).at(0).toBool());
  EXPECT_EQ(document.filePath(), QDir(folder).absolutePath());
  EXPECT_TRUE(QFile::exists(QDir(folder).filePath(QStringLiteral("project.json"))));

  ProjectDocument reloaded;
  ASSERT_TRUE(reloaded.load(folder, &error)) << error.toStdString();
  EXPECT_EQ(reloaded.project(), document.project());

  ASSERT_TRUE(document.setShotTitle(firstShotId(document), QStringLiteral("again")));
  EXPECT_TRUE(document.isDirty());
  ASSERT_TRUE(document.save(&error)) << error.toStdString();
  EXPECT_FALSE(document.isDirty());
  ASSERT_TRUE(reloaded.load(folder));
  EXPECT_EQ(reloaded.project().findShot(firstShotId(document))->title, QStringLiteral("again"));
}

TEST_F(ProjectDocumentTest, SaveAsTakesAssetsAndTakesAlong) {
  QTemporaryDir dir;
  const QString first = dir.filePath(QStringLiteral("First.shotcraft"));
  ProjectDocument document;
  QString error;
  ASSERT_TRUE(document.saveAs(first, &error)) << error.toStdString();
  ASSERT_TRUE(QDir().mkpath(first + QStringLiteral("/takes/abc123")));
  ASSERT_TRUE(writeFile(first + QStringLiteral("/takes/abc123/frame_0001.png"), "png bytes"));
  ASSERT_TRUE(writeFile(first + QStringLiteral("/assets/music.wav"), "wav bytes"));
  const QString second = dir.filePath(QStringLiteral("Second.shotcraft"));
  ASSERT_TRUE(document.saveAs(second, &error)) << error.toStdString();
  QFile frame(second + QStringLiteral("/takes/abc123/frame_0001.png"));
  ASSERT_TRUE(frame.open(QIODevice::ReadOnly));
  EXPECT_EQ(frame.readAll(), QByteArray("png bytes"));
  EXPECT_TRUE(QFile::exists(second + QStringLiteral("/assets/music.wav")));
  EXPECT_TRUE(QFile::exists(first + QStringLiteral("/assets/music.wav")));  // the old folder is left as it was
}

TEST_F(ProjectDocumentTest, NewUntitledProjectTakesItsFolderNameOnSaveAs) {
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  ProjectDocument document;
  document.newProject();
  ASSERT_TRUE(document.saveAs(dir.filePath(QStringLiteral("Harbour.shotcraft"))));
  EXPECT_EQ(document.project().name(), QStringLiteral("Harbour"));
  EXPECT_EQ(document.displayName(), QStringLiteral("Harbour"));
}

TEST_F(ProjectDocumentTest, ImportFountainGivesAnUnsavedProject) {
  const QString script = QString::fromStdString(shotcraft::test::sourcePath("resources/samples/neon_dawn.fountain"));
  if (!QFile::exists(script)) GTEST_SKIP() << "resources/samples/neon_dawn.fountain is missing";
  ProjectDocument document;
  QString error;
  ASSERT_TRUE(document.importFountain(script, &error)) << error.toStdString();
  EXPECT_GT(document.project().shotCount(), 0);
  EXPECT_TRUE(document.filePath().isEmpty());
  EXPECT_TRUE(document.isDirty());
  EXPECT_FALSE(document.importFountain(QStringLiteral("/nonexistent.fountain"), &error));
  EXPECT_GT(document.project().shotCount(), 0) << "a failed import keeps the project";
}
