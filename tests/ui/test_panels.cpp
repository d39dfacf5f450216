// The Shot and Brief docks: edits typed into the panels reach the model through undoable steps, and
// Edit > Undo / Redo bring the panels back in step.
#include <QAction>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTest>
#include <QUndoStack>

#include "tests/ui/UiTestSupport.h"
#include "ui/ActRow.h"
#include "ui/BriefPanel.h"
#include "ui/MainWindow.h"
#include "ui/ProjectDocument.h"
#include "ui/ShotCard.h"
#include "ui/ShotPanel.h"
#include "ui/StoryboardView.h"

using shotcraft::test::UiTest;
using shotcraft::ui::MainWindow;

class PanelTest : public UiTest {
 protected:
  void SetUp() override {
    UiTest::SetUp();
    m_window = std::make_unique<MainWindow>();
    m_window->setErrorReporter([](const QString&, const QString&) {});
    m_window->document()->reset(shotcraft::test::sampleProject(), QString(), false);
    m_id = m_window->document()->project().shotIds().at(1);
    m_window->storyboard()->selectShot(m_id);
  }
  void TearDown() override {
    m_window.reset();
    UiTest::TearDown();
  }
  QAction* action(const char* name) const { return m_window->findChild<QAction*>(QLatin1String(name)); }
  const shotcraft::model::Shot& shot() const { return *m_window->document()->project().findShot(m_id); }

  std::unique_ptr<MainWindow> m_window;
  QString m_id;
};

TEST_F(PanelTest, SelectingACardShowsTheShotInThePanel) {
  auto* panel = m_window->shotPanel();
  EXPECT_EQ(panel->shotId(), m_id);
  EXPECT_EQ(panel->titleEdit()->text(), shot().title);
  EXPECT_EQ(panel->promptEdit()->toPlainText(), shot().prompt);
  const QString other = m_window->document()->project().shotIds().at(4);
  QTest::mouseClick(m_window->storyboard()->card(other), Qt::LeftButton);
  EXPECT_EQ(panel->shotId(), other);
  EXPECT_EQ(panel->titleEdit()->text(), QStringLiteral("b3"));
}

TEST_F(PanelTest, PromptEditedInThePanelUndoesAndRedoesThroughTheEditMenu) {
  auto* prompt = m_window->shotPanel()->promptEdit();
  const QString original = shot().prompt;
  prompt->setPlainText(QStringLiteral("a courier at dawn"));
  EXPECT_EQ(shot().prompt, QStringLiteral("a courier at dawn"));
  EXPECT_TRUE(m_window->isWindowModified());
  QAction* undo = action("actionUndo");
  QAction* redo = action("actionRedo");
  ASSERT_NE(undo, nullptr);
  ASSERT_NE(redo, nullptr);
  EXPECT_EQ(undo->shortcut(), QKeySequence(QKeySequence::Undo));
  EXPECT_EQ(redo->shortcut(), QKeySequence(QKeySequence::Redo));
  EXPECT_TRUE(undo->isEnabled());
  EXPECT_EQ(undo->text(), QStringLiteral("&Undo Edit Prompt"));

  undo->trigger();
  EXPECT_EQ(shot().prompt, original);
  EXPECT_EQ(prompt->toPlainText(), original) << "the panel follows the model";
  EXPECT_FALSE(m_window->isWindowModified());
  EXPECT_TRUE(redo->isEnabled());
  redo->trigger();
  EXPECT_EQ(shot().prompt, QStringLiteral("a courier at dawn"));
  EXPECT_EQ(prompt->toPlainText(), QStringLiteral("a courier at dawn"));
  const QString cardExcerpt = m_window->storyboard()->card(m_id)->findChildren<QLabel*>().last()->text();
  EXPECT_EQ(cardExcerpt, QStringLiteral("a courier at dawn")) << "the card shows the new prompt";
}

TEST_F(PanelTest, SpinBoxesAndSamplerEditTheShot) {
  auto* panel = m_window->shotPanel();
  panel->durationSpin()->setValue(6.5);
  panel->fpsSpin()->setValue(24);
  panel->seedSpin()->setValue(4242.0);
  panel->stepsSpin()->setValue(20);
  panel->cfgSpin()->setValue(7.5);
  EXPECT_EQ(panel->cadenceSpin()->value(), 0);
  EXPECT_EQ(panel->cadenceSpin()->text(), QStringLiteral("Render default"));
  panel->cadenceSpin()->setValue(3);
  panel->samplerCombo()->setCurrentIndex(panel->samplerCombo()->findData(QStringLiteral("ddim")));
  panel->titleEdit()->setText(QString());
  QTest::keyClicks(panel->titleEdit(), QStringLiteral("Rooftop"));
  EXPECT_DOUBLE_EQ(shot().duration_s, 6.5);
  EXPECT_EQ(shot().fps, 24);
  EXPECT_EQ(shot().seed, 4242u);
  EXPECT_EQ(shot().steps, 20);
  EXPECT_DOUBLE_EQ(shot().cfg_scale, 7.5);
  EXPECT_EQ(shot().cadence_frames, 3);
  EXPECT_EQ(shot().sampler, QStringLiteral("ddim"));
  EXPECT_EQ(shot().title, QStringLiteral("Rooftop"));
  EXPECT_EQ(m_window->document()->undoStack()->count(), 8) << "typing a title is one step";
  while (m_window->document()->undoStack()->canUndo()) m_window->document()->undoStack()->undo();
  EXPECT_EQ(m_window->document()->project(), shotcraft::test::sampleProject());
  EXPECT_EQ(panel->fpsSpin()->value(), shot().fps);
  EXPECT_EQ(panel->cadenceSpin()->value(), 0);
  EXPECT_EQ(panel->titleEdit()->text(), shot().title);
}

TEST_F(PanelTest, NoSelectionShowsTheHint) {
  m_window->storyboard()->selectShot(QString());
  EXPECT_TRUE(m_window->shotPanel()->shotId().isEmpty());
  EXPECT_EQ(m_window->shotPanel()->findChild<QStackedWidget*>()->currentIndex(), 0);
  EXPECT_FALSE(action("actionRemoveShot")->isEnabled());
}

TEST_F(PanelTest, ShotActionsAddRemoveAndMoveTheSelection) {
  action("actionAddShot")->trigger();  // right after the selected shot "a2" (act 1, row 2)
  const QString added = m_window->storyboard()->selectedShot();
  ASSERT_NE(added, m_id);
  EXPECT_EQ(m_window->document()->project().locate(added)->act, 0);
  EXPECT_EQ(m_window->document()->project().locate(added)->row, 2);
  EXPECT_EQ(m_window->shotPanel()->shotId(), added);
  action("actionMoveEarlier")->trigger();
  EXPECT_EQ(m_window->document()->project().locate(added)->row, 1);
  EXPECT_EQ(m_window->storyboard()->selectedShot(), added) << "the moved shot stays selected";
  action("actionRemoveShot")->trigger();
  EXPECT_EQ(m_window->document()->project().findShot(added), nullptr);
  EXPECT_EQ(m_window->storyboard()->cardCount(), 6);
  m_window->document()->undoStack()->undo();
  EXPECT_NE(m_window->document()->project().findShot(added), nullptr);
  EXPECT_EQ(m_window->storyboard()->cardCount(), 7);
}

TEST_F(PanelTest, ActTitleEditedOnTheBoardIsUndoable) {
  QLineEdit* title = m_window->storyboard()->actRow(2)->titleEdit();
  title->selectAll();
  QTest::keyClicks(title, QStringLiteral("Finale"));
  EXPECT_EQ(m_window->document()->project().act(2).title, QStringLiteral("Finale"));
  m_window->document()->undoStack()->undo();
  EXPECT_EQ(title->text(), shotcraft::test::sampleProject().act(2).title);
}

TEST_F(PanelTest, BriefPanelEditsTheBrief) {
  auto* brief = m_window->briefPanel();
  EXPECT_EQ(brief->titleEdit()->text(), QStringLiteral("Sample brief"));
  brief->audienceEdit()->end(false);
  QTest::keyClicks(brief->audienceEdit(), QStringLiteral(" and riders"));
  brief->sellingPointsEdit()->setPlainText(QStringLiteral("light\n\n  fast  \n"));
  brief->targetDurationSpin()->setValue(30.0);
  brief->videoTypeCombo()->setCurrentIndex(1);
  const auto& model = m_window->document()->project().brief();
  EXPECT_EQ(model.audience, QStringLiteral("testers and riders"));
  EXPECT_EQ(model.selling_points, (QStringList{QStringLiteral("light"), QStringLiteral("fast")}));
  EXPECT_DOUBLE_EQ(model.target_duration_s, 30.0);
  EXPECT_EQ(model.video_type, shotcraft::model::VideoType::MicroFilm);
  EXPECT_EQ(m_window->document()->undoStack()->count(), 4);
  while (m_window->document()->undoStack()->canUndo()) m_window->document()->undoStack()->undo();
  EXPECT_EQ(brief->audienceEdit()->text(), QStringLiteral("testers"));
  EXPECT_TRUE(brief->sellingPointsEdit()->toPlainText().isEmpty());
  EXPECT_EQ(brief->videoTypeCombo()->currentIndex(), 0);
}

TEST_F(PanelTest, RefusedValueIsReportedAndNotKept) {
  auto* panel = m_window->shotPanel();
  // Prompts have a length limit; a longer one is refused by the model and reported under the form.
  panel->promptEdit()->setPlainText(QString(100001, QLatin1Char('x')));
  EXPECT_NE(shot().prompt.size(), 100001);
  EXPECT_FALSE(panel->lastError().isEmpty());
  EXPECT_EQ(m_window->document()->undoStack()->count(), 0);
  panel->promptEdit()->setPlainText(QStringLiteral("fine"));
  EXPECT_TRUE(panel->lastError().isEmpty());
}
