// ProjectDocument: adding, removing, moving and duplicating shots, each undone and redone.
#include <QSignalSpy>

#include "tests/ui/UiTestSupport.h"
#include "ui/ProjectDocument.h"

using shotcraft::model::Project;
using shotcraft::test::UiTest;
using shotcraft::ui::ProjectDocument;

namespace {

QStringList titlesOfAct(const ProjectDocument& document, int act) {
  QStringList titles;
  for (const auto& shot : document.project().act(act).shots) titles << shot.title;
  return titles;
}

QString idOfTitle(const ProjectDocument& document, const QString& title) {
  for (const auto& act : document.project().acts())
    for (const auto& shot : act.shots)
      if (shot.title == title) return shot.id;
  return {};
}

}  // namespace

class UndoStructureTest : public UiTest {
 protected:
  void SetUp() override {
    UiTest::SetUp();
    m_document.reset(shotcraft::test::sampleProject(), QString(), false);
    m_original = m_document.project();
  }
  ProjectDocument m_document;
  Project m_original;
};

TEST_F(UndoStructureTest, AddShotThenUndoAndRedo) {
  QSignalSpy structure(&m_document, &ProjectDocument::structureChanged);
  QString id;
  QString error;
  ASSERT_TRUE(m_document.addShot(1, 1, &error, &id)) << error.toStdString();
  EXPECT_EQ(structure.count(), 1);
  EXPECT_EQ(m_document.project().shotCount(), 7);
  const auto where = m_document.project().locate(id);
  ASSERT_TRUE(where.has_value());
  EXPECT_EQ(where->act, 1);
  EXPECT_EQ(where->row, 1);
  m_document.undoStack()->undo();
  EXPECT_EQ(m_document.project(), m_original);
  m_document.undoStack()->redo();
  EXPECT_EQ(m_document.project().locate(id), where) << "redo recreates the same shot with the same id";
  ASSERT_TRUE(m_document.addShot(2, -1, &error, &id));
  EXPECT_EQ(m_document.project().locate(id)->row, 1) << "row -1 appends";
}

TEST_F(UndoStructureTest, RemoveShotThenUndoRestoresItInPlace) {
  const QString id = idOfTitle(m_document, QStringLiteral("b2"));
  ASSERT_TRUE(m_document.removeShot(id));
  EXPECT_EQ(titlesOfAct(m_document, 1), (QStringList{QStringLiteral("b1"), QStringLiteral("b3")}));
  EXPECT_EQ(m_document.project().findShot(id), nullptr);
  m_document.undoStack()->undo();
  EXPECT_EQ(m_document.project(), m_original);
  m_document.undoStack()->redo();
  EXPECT_EQ(m_document.project().shotCount(), 5);
  QString error;
  EXPECT_FALSE(m_document.removeShot(QStringLiteral("zz"), &error));
  EXPECT_FALSE(error.isEmpty());
}

TEST_F(UndoStructureTest, MoveShotAcrossActsThenUndo) {
  const QString id = idOfTitle(m_document, QStringLiteral("a1"));
  ASSERT_TRUE(m_document.moveShot(id, 2, 1));
  EXPECT_EQ(titlesOfAct(m_document, 0), QStringList{QStringLiteral("a2")});
  EXPECT_EQ(titlesOfAct(m_document, 2), (QStringList{QStringLiteral("c1"), QStringLiteral("a1")}));
  m_document.undoStack()->undo();
  EXPECT_EQ(m_document.project(), m_original);
  m_document.undoStack()->redo();
  EXPECT_EQ(titlesOfAct(m_document, 2), (QStringList{QStringLiteral("c1"), QStringLiteral("a1")}));
  EXPECT_FALSE(m_document.moveShot(id, 1, 99));
  EXPECT_EQ(m_document.undoStack()->count(), 1);
}

TEST_F(UndoStructureTest, NudgeCrossesActBoundariesAndStopsAtTheEnds) {
  const QString a2 = idOfTitle(m_document, QStringLiteral("a2"));
  ASSERT_TRUE(m_document.nudgeShot(a2, +1));  // last of act 1 -> first of act 2
  EXPECT_EQ(titlesOfAct(m_document, 1).first(), QStringLiteral("a2"));
  ASSERT_TRUE(m_document.nudgeShot(a2, -1));  // and back
  EXPECT_EQ(m_document.project(), m_original);
  const QString a1 = idOfTitle(m_document, QStringLiteral("a1"));
  EXPECT_FALSE(m_document.nudgeShot(a1, -1));
  EXPECT_FALSE(m_document.nudgeShot(idOfTitle(m_document, QStringLiteral("c1")), +1));
  ASSERT_TRUE(m_document.nudgeShot(a1, +1));
  EXPECT_EQ(titlesOfAct(m_document, 0), (QStringList{QStringLiteral("a2"), QStringLiteral("a1")}));
}

TEST_F(UndoStructureTest, DuplicateShotPlacesACopyAfterItAndUndoes) {
  const QString id = idOfTitle(m_document, QStringLiteral("b1"));
  QString copyId;
  ASSERT_TRUE(m_document.duplicateShot(id, nullptr, &copyId));
  EXPECT_NE(copyId, id);
  EXPECT_EQ(titlesOfAct(m_document, 1),
            (QStringList{QStringLiteral("b1"), QStringLiteral("b1"), QStringLiteral("b2"), QStringLiteral("b3")}));
  EXPECT_EQ(m_document.project().findShot(copyId)->prompt, m_document.project().findShot(id)->prompt);
  m_document.undoStack()->undo();
  EXPECT_EQ(m_document.project(), m_original);
}

TEST_F(UndoStructureTest, MixedSequenceUndoesBackToTheStart) {
  QString added;
  ASSERT_TRUE(m_document.addShot(0, 0, nullptr, &added));
  ASSERT_TRUE(m_document.setShotPrompt(added, QStringLiteral("new prompt")));
  ASSERT_TRUE(m_document.moveShot(added, 2, 0));
  ASSERT_TRUE(m_document.removeShot(idOfTitle(m_document, QStringLiteral("b3"))));
  ASSERT_TRUE(m_document.setActTitle(0, QStringLiteral("Opening")));
  const Project edited = m_document.project();
  while (m_document.undoStack()->canUndo()) m_document.undoStack()->undo();
  EXPECT_EQ(m_document.project(), m_original);
  EXPECT_FALSE(m_document.isDirty());
  while (m_document.undoStack()->canRedo()) m_document.undoStack()->redo();
  EXPECT_EQ(m_document.project(), edited);
}
