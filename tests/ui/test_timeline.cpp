// The three-act timeline: clips as wide as their duration, drag to reorder (also across acts), drag the right
// edge to resize (one undo step per drag), split at the playhead, multi-select delete, zoom, ruler and playhead.
#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>
#include <QWheelEvent>
#include <memory>

#include "tests/ui/UiTestSupport.h"
#include "ui/ActRow.h"
#include "ui/MainWindow.h"
#include "ui/ProjectDocument.h"
#include "ui/ShotCard.h"
#include "ui/StoryboardView.h"
#include "ui/TimelineGeometry.h"
#include "ui/TimelineRuler.h"

using shotcraft::test::UiTest;
using shotcraft::ui::ProjectDocument;
using shotcraft::ui::ShotCard;
using shotcraft::ui::StoryboardView;

namespace {

// Sends one mouse event to `widget` the way a grabbed drag delivers it: to the pressed widget, any position.
void sendMouse(QWidget* widget, QEvent::Type type, const QPoint& local, Qt::MouseButton button,
               Qt::MouseButtons buttons, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
  QMouseEvent event(type, QPointF(local), QPointF(widget->mapToGlobal(local)), button, buttons, modifiers);
  QApplication::sendEvent(widget, &event);
}

class TimelineTest : public UiTest {
 protected:
  void SetUp() override {
    UiTest::SetUp();
    m_document = std::make_unique<ProjectDocument>();
    shotcraft::model::Project project = shotcraft::test::sampleProject();  // acts of 2, 3, 1 shots of 2 s
    ASSERT_TRUE(project.requestSetBeats({0.5, 1.0, 1.5, 7.25}));
    m_document->reset(project, QString(), false);
    m_view = std::make_unique<StoryboardView>(m_document.get());
    m_view->resize(1400, 900);
    m_view->show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(m_view.get()));
    QCoreApplication::processEvents();
    m_ids = project.shotIds();  // a1 a2 | b1 b2 b3 | c1
    ASSERT_EQ(m_ids.size(), 6);
  }
  void TearDown() override {
    m_view.reset();
    m_document.reset();
    UiTest::TearDown();
  }
  const shotcraft::model::Project& project() const { return m_document->project(); }
  QUndoStack* stack() const { return m_document->undoStack(); }
  ShotCard* card(int index) const { return m_view->card(m_ids.at(index)); }

  std::unique_ptr<ProjectDocument> m_document;
  std::unique_ptr<StoryboardView> m_view;
  QStringList m_ids;
};

TEST_F(TimelineTest, ClipsAreAsWideAsTheirDurationAndFollowEachOtherInTime) {
  const double pps = m_view->pixelsPerSecond();
  for (int i = 0; i < m_ids.size(); ++i) {
    ASSERT_NE(card(i), nullptr);
    EXPECT_NEAR(card(i)->width(), 2.0 * pps, 1.0) << m_ids.at(i).toStdString();
  }
  // The second act starts where the first ends: b1's left edge lines up with a2's right edge in the content.
  const QPoint a2End = card(1)->mapTo(m_view->content(), QPoint(card(1)->width(), 0));
  const QPoint b1Start = card(2)->mapTo(m_view->content(), QPoint(0, 0));
  EXPECT_EQ(a2End.x(), b1Start.x());
  EXPECT_GT(b1Start.y(), a2End.y()) << "acts are bands one above the other";
  EXPECT_EQ(m_view->ruler()->beats_s().size(), 4u) << "beat markers come from the project";
}

TEST_F(TimelineTest, DraggingAClipAcrossActsMovesTheShotAndUndoRestores) {
  const shotcraft::model::Project before = project();
  ShotCard* a1 = card(0);
  ShotCard* b3 = card(4);
  const QPoint start(a1->width() / 2, a1->height() / 2);
  sendMouse(a1, QEvent::MouseButtonPress, start, Qt::LeftButton, Qt::LeftButton);
  // Over the left part of b3: between b2 and b3 in the second act.
  const QPoint target = b3->mapToGlobal(QPoint(6, b3->height() / 2));
  sendMouse(a1, QEvent::MouseMove, a1->mapFromGlobal(target - QPoint(40, 0)), Qt::NoButton, Qt::LeftButton);
  sendMouse(a1, QEvent::MouseMove, a1->mapFromGlobal(target), Qt::NoButton, Qt::LeftButton);
  EXPECT_TRUE(a1->isDragging());
  const QLine indicator = m_view->dropIndicator();
  ASSERT_FALSE(indicator.isNull()) << "a drop indicator shows while dragging";
  EXPECT_EQ(indicator.x1(), b3->mapTo(m_view->content(), QPoint(0, 0)).x()) << "at the gap before b3";
  sendMouse(a1, QEvent::MouseButtonRelease, a1->mapFromGlobal(target), Qt::LeftButton, Qt::NoButton);
  EXPECT_TRUE(m_view->dropIndicator().isNull());

  const auto where = project().locate(m_ids.at(0));
  ASSERT_TRUE(where.has_value());
  EXPECT_EQ(where->act, 1);
  EXPECT_EQ(where->row, 2);
  EXPECT_EQ(project().act(0).shots.size(), 1u);
  EXPECT_EQ(stack()->count(), 1);
  EXPECT_EQ(m_view->selectedShot(), m_ids.at(0)) << "the dragged shot stays selected";
  stack()->undo();
  EXPECT_EQ(project(), before);
  EXPECT_EQ(m_view->cardCount(), 6);
}

TEST_F(TimelineTest, DropHandlerMovesIntoAnotherActAndEscapeCancelsADrag) {
  // Drop c1 before a1: the start of the first act.
  ShotCard* a1 = card(0);
  const QPoint beforeA1 = a1->mapTo(m_view->content(), QPoint(3, a1->height() / 2));
  ASSERT_TRUE(m_view->dropShot(m_ids.at(5), beforeA1));
  EXPECT_EQ(project().shotIds().first(), m_ids.at(5));
  EXPECT_EQ(project().act(2).shots.size(), 0u);
  stack()->undo();
  EXPECT_EQ(project().shotIds(), m_ids);

  // A drag cancelled with Escape leaves the model alone.
  const int steps = stack()->count();
  ShotCard* b1 = card(2);
  sendMouse(b1, QEvent::MouseButtonPress, QPoint(20, 40), Qt::LeftButton, Qt::LeftButton);
  sendMouse(b1, QEvent::MouseMove, QPoint(-150, 40), Qt::NoButton, Qt::LeftButton);
  ASSERT_TRUE(b1->isDragging());
  QTest::keyClick(b1, Qt::Key_Escape);
  EXPECT_FALSE(b1->isDragging());
  EXPECT_TRUE(m_view->dropIndicator().isNull());
  sendMouse(b1, QEvent::MouseButtonRelease, QPoint(-150, 40), Qt::LeftButton, Qt::NoButton);
  EXPECT_EQ(project().shotIds(), m_ids);
  EXPECT_EQ(stack()->count(), steps);
  EXPECT_EQ(stack()->index(), 0);
}

TEST_F(TimelineTest, EdgeDragResizesLiveOnTheGridAsOneUndoStepPerDrag) {
  ShotCard* a2 = card(1);
  const QString id = m_ids.at(1);
  const double pps = m_view->pixelsPerSecond();
  const int y = a2->height() / 2;
  const QPoint edge(a2->width() - 2, y);
  ASSERT_TRUE(a2->isOnResizeEdge(edge));
  const int b1Before = card(2)->mapTo(m_view->content(), QPoint(0, 0)).x();

  sendMouse(a2, QEvent::MouseButtonPress, edge, Qt::LeftButton, Qt::LeftButton);
  sendMouse(a2, QEvent::MouseMove, edge + QPoint(static_cast<int>(0.5 * pps), 0), Qt::NoButton, Qt::LeftButton);
  EXPECT_DOUBLE_EQ(project().findShot(id)->duration_s, 2.5) << "live while dragging";
  EXPECT_NEAR(a2->width(), 2.5 * pps, 1.0);
  EXPECT_NEAR(card(2)->mapTo(m_view->content(), QPoint(0, 0)).x() - b1Before, 0.5 * pps, 1.0)
      << "later clips move along";
  sendMouse(a2, QEvent::MouseMove, edge + QPoint(static_cast<int>(1.03 * pps), 0), Qt::NoButton, Qt::LeftButton);
  sendMouse(a2, QEvent::MouseButtonRelease, edge + QPoint(static_cast<int>(1.03 * pps), 0), Qt::LeftButton,
            Qt::NoButton);
  EXPECT_DOUBLE_EQ(project().findShot(id)->duration_s, 3.0) << "snapped to 0.1 s";
  EXPECT_EQ(stack()->count(), 1) << "one drag, one undo step";

  // A second drag is a second step; dragging far left stops at the shortest duration.
  const QPoint edge2(a2->width() - 2, y);
  sendMouse(a2, QEvent::MouseButtonPress, edge2, Qt::LeftButton, Qt::LeftButton);
  sendMouse(a2, QEvent::MouseMove, edge2 - QPoint(2000, 0), Qt::NoButton, Qt::LeftButton);
  sendMouse(a2, QEvent::MouseButtonRelease, edge2 - QPoint(2000, 0), Qt::LeftButton, Qt::NoButton);
  EXPECT_DOUBLE_EQ(project().findShot(id)->duration_s, 0.1);
  EXPECT_EQ(stack()->count(), 2);
  stack()->undo();
  EXPECT_DOUBLE_EQ(project().findShot(id)->duration_s, 3.0);
  stack()->undo();
  EXPECT_DOUBLE_EQ(project().findShot(id)->duration_s, 2.0);
  EXPECT_NEAR(a2->width(), 2.0 * pps, 1.0);
}

TEST_F(TimelineTest, SplitAtPlayheadKeepsTheTotalAndUndoRestores) {
  const shotcraft::model::Project before = project();
  const QString a2 = m_ids.at(1);  // 2 s .. 4 s
  m_view->setPlayheadSeconds(3.5);
  EXPECT_EQ(m_view->shotAtPlayhead(), a2);
  QString error;
  EXPECT_FALSE(m_view->splitAtPlayhead(m_ids.at(0), &error)) << "the playhead is not inside a1";
  EXPECT_FALSE(error.isEmpty());
  EXPECT_EQ(stack()->count(), 0);

  m_view->selectShot(a2);
  QAction* split = m_view->findChild<QAction*>(QStringLiteral("actionClipSplit"));
  ASSERT_NE(split, nullptr);
  std::unique_ptr<QMenu> menu(m_view->createContextMenu(nullptr));
  EXPECT_TRUE(menu->actions().contains(split));
  ASSERT_TRUE(split->isEnabled());
  split->trigger();
  ASSERT_EQ(project().act(0).shots.size(), 3u);
  const auto& head = project().act(0).shots[1];
  const auto& tail = project().act(0).shots[2];
  EXPECT_EQ(head.id, a2);
  EXPECT_DOUBLE_EQ(head.duration_s, 1.5);
  EXPECT_DOUBLE_EQ(tail.duration_s, 0.5);
  EXPECT_DOUBLE_EQ(head.duration_s + tail.duration_s, 2.0);
  EXPECT_EQ(tail.prompt, head.prompt);
  EXPECT_EQ(tail.seed, head.seed);
  EXPECT_EQ(tail.sampler, head.sampler);
  EXPECT_DOUBLE_EQ(project().totalDuration_s(), before.totalDuration_s());
  EXPECT_EQ(m_view->cardCount(), 7);
  const QString tailId = tail.id;
  EXPECT_EQ(stack()->count(), 1);
  stack()->undo();
  EXPECT_EQ(project(), before);
  EXPECT_EQ(m_view->cardCount(), 6);
  stack()->redo();
  EXPECT_EQ(project().act(0).shots[2].id, tailId) << "redo recreates the same shot";

  // The document call on its own: the time counts from the shot's start.
  QString newId;
  ASSERT_TRUE(m_document->splitShot(m_ids.at(5), 0.5, &error, &newId));
  EXPECT_DOUBLE_EQ(project().findShot(m_ids.at(5))->duration_s, 0.5);
  EXPECT_DOUBLE_EQ(project().findShot(newId)->duration_s, 1.5);
  EXPECT_FALSE(m_document->splitShot(m_ids.at(5), 0.5, &error)) << "not inside a 0.5 s shot";
}

TEST_F(TimelineTest, CtrlAndShiftClickSelectSeveralAndDeleteIsOneUndoStep) {
  const shotcraft::model::Project before = project();
  QTest::mouseClick(card(0), Qt::LeftButton);
  QTest::mouseClick(card(2), Qt::LeftButton, Qt::ControlModifier);
  EXPECT_EQ(m_view->selectedShots(), (QStringList{m_ids.at(0), m_ids.at(2)}));
  QTest::mouseClick(card(4), Qt::LeftButton, Qt::ShiftModifier);  // b1 .. b3
  EXPECT_EQ(m_view->selectedShots(), (QStringList{m_ids.at(2), m_ids.at(3), m_ids.at(4)}));
  QTest::mouseClick(card(0), Qt::LeftButton, Qt::ControlModifier);
  EXPECT_EQ(m_view->selectedShots().size(), 4);
  EXPECT_EQ(m_view->selectedShot(), m_ids.at(0));
  EXPECT_TRUE(card(3)->isSelected());
  EXPECT_FALSE(card(1)->isSelected());
  QTest::mouseClick(card(3), Qt::LeftButton, Qt::ControlModifier);  // toggles b2 off
  EXPECT_FALSE(m_view->selectedShots().contains(m_ids.at(3)));
  QTest::mouseClick(card(3), Qt::LeftButton, Qt::ControlModifier);

  QTest::keyClick(m_view.get(), Qt::Key_Delete);
  EXPECT_EQ(project().shotIds(), (QStringList{m_ids.at(1), m_ids.at(5)}));
  EXPECT_EQ(m_view->cardCount(), 2);
  EXPECT_EQ(stack()->count(), 1) << "one macro for the whole selection";
  EXPECT_EQ(m_view->selectedShot(), m_ids.at(5)) << "the next shot is selected";
  stack()->undo();
  EXPECT_EQ(project(), before);
  EXPECT_EQ(m_view->cardCount(), 6);
  stack()->redo();
  EXPECT_EQ(project().shotCount(), 2);
}

TEST_F(TimelineTest, ZoomScalesClipWidthsProportionally) {
  const double pps = m_view->pixelsPerSecond();
  QSignalSpy zoomed(m_view.get(), &StoryboardView::zoomChanged);
  ASSERT_TRUE(m_document->setShotDuration(m_ids.at(3), 3.7));
  std::vector<int> before;
  for (int i = 0; i < m_ids.size(); ++i) before.push_back(card(i)->width());
  m_view->setPixelsPerSecond(pps * 2);
  for (int i = 0; i < m_ids.size(); ++i) EXPECT_NEAR(card(i)->width(), 2 * before[size_t(i)], 2) << i;
  EXPECT_NEAR(card(3)->width(), 3.7 * pps * 2, 1.0);
  m_view->zoomOutAction()->trigger();
  EXPECT_DOUBLE_EQ(m_view->pixelsPerSecond(), pps * 2 / 1.25);
  EXPECT_NEAR(card(0)->width(), 2.0 * pps * 2 / 1.25, 1.0);

  // Ctrl+wheel zooms in one step.
  const double current = m_view->pixelsPerSecond();
  QWheelEvent wheel(QPointF(300, 200), QPointF(m_view->viewport()->mapToGlobal(QPoint(300, 200))), QPoint(),
                    QPoint(0, 120), Qt::NoButton, Qt::ControlModifier, Qt::NoScrollPhase, false);
  QApplication::sendEvent(m_view->viewport(), &wheel);
  EXPECT_DOUBLE_EQ(m_view->pixelsPerSecond(), current * 1.25);
  EXPECT_EQ(zoomed.count(), 3);
  m_view->setPixelsPerSecond(1e9);
  EXPECT_LE(m_view->pixelsPerSecond(), 480.0) << "clamped";
  EXPECT_FALSE(m_view->zoomInAction()->isEnabled());
}

TEST_F(TimelineTest, ClickingTheRulerPlacesThePlayheadOnTheGrid) {
  QSignalSpy moved(m_view.get(), &StoryboardView::playheadChanged);
  shotcraft::ui::TimelineRuler* ruler = m_view->ruler();
  QTest::mouseClick(ruler, Qt::LeftButton, Qt::NoModifier, QPoint(ruler->xForTime(5.23), 10));
  EXPECT_DOUBLE_EQ(m_view->playheadSeconds(), 5.2);
  ASSERT_EQ(moved.count(), 1);
  EXPECT_DOUBLE_EQ(moved.at(0).at(0).toDouble(), 5.2);
  EXPECT_EQ(m_view->shotAtPlayhead(), m_ids.at(2)) << "b1 spans 4..6 s";
  m_view->setPlayheadSeconds(500.0);
  EXPECT_DOUBLE_EQ(m_view->playheadSeconds(), 12.0) << "clamped to the storyboard's length";
  m_view->setPlayheadSeconds(-3.0);
  EXPECT_DOUBLE_EQ(m_view->playheadSeconds(), 0.0);
}

TEST_F(TimelineTest, ContextMenuActionsActOnTheSelection) {
  m_view->selectShot(m_ids.at(2));
  QSignalSpy regenerate(m_view.get(), &StoryboardView::regenerateRequested);
  QSignalSpy newTake(m_view.get(), &StoryboardView::newTakeRequested);
  std::unique_ptr<QMenu> menu(m_view->createContextMenu(nullptr));
  QStringList names;
  for (QAction* action : menu->actions())
    if (!action->isSeparator()) names << action->objectName();
  EXPECT_EQ(names, (QStringList{QStringLiteral("actionClipRegenerate"), QStringLiteral("actionClipNewTake"),
                                QStringLiteral("actionClipDuplicate"), QStringLiteral("actionClipSplit"),
                                QStringLiteral("actionClipDelete")}));
  m_view->findChild<QAction*>(QStringLiteral("actionClipRegenerate"))->trigger();
  m_view->findChild<QAction*>(QStringLiteral("actionClipNewTake"))->trigger();
  ASSERT_EQ(regenerate.count(), 1);
  EXPECT_EQ(regenerate.at(0).at(0).toString(), m_ids.at(2));
  EXPECT_EQ(newTake.count(), 1);
  m_view->findChild<QAction*>(QStringLiteral("actionClipDuplicate"))->trigger();
  EXPECT_EQ(project().act(1).shots.size(), 4u);
  EXPECT_EQ(project().locate(m_view->selectedShot())->row, 1) << "the copy is selected, right after";
}

// Acts laid out one after the other on one time axis: at the default zoom a long storyboard runs far past the
// view, so acts 2 and 3 start off screen. Loading a project fits the zoom to the view's width instead.
class TimelineFitTest : public UiTest {
 protected:
  // Every clip's rectangle inside the viewport's (both axes, in viewport coordinates).
  static void expectAllClipsVisible(StoryboardView& view, const QStringList& ids) {
    const QRect visible = view.viewport()->rect();
    for (const QString& id : ids) {
      ShotCard* c = view.card(id);
      ASSERT_NE(c, nullptr) << id.toStdString();
      const QRect clip(c->mapTo(view.viewport(), QPoint(0, 0)), c->size());
      EXPECT_TRUE(visible.contains(clip)) << id.toStdString() << " at x " << clip.left() << ".." << clip.right()
                                          << ", y " << clip.top() << ".." << clip.bottom() << " outside "
                                          << visible.width() << "x" << visible.height();
    }
  }
};

TEST_F(TimelineFitTest, LoadingAThreeActProjectShowsEveryActsClipsInTheViewport) {
  shotcraft::model::Project project = shotcraft::test::sampleProject();  // acts of 2, 3, 1 shots
  for (const QString& id : project.shotIds()) ASSERT_TRUE(project.requestSetShotDuration(id, 9.0));  // 54 s
  ProjectDocument document;
  StoryboardView view(&document);
  view.resize(900, 800);  // tall enough for the three bands: this is about the time axis
  view.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
  ASSERT_GT(54.0 * shotcraft::ui::timeline::kDefaultPixelsPerSecond, view.viewport()->width())
      << "the default zoom would leave acts 2 and 3 off screen";
  document.reset(project, QString(), false);  // what opening a project does
  QCoreApplication::processEvents();
  EXPECT_TRUE(view.fitsToWidth());
  EXPECT_LT(view.pixelsPerSecond(), shotcraft::ui::timeline::kDefaultPixelsPerSecond);
  const QStringList ids = project.shotIds();
  expectAllClipsVisible(view, ids);
  for (int act = 0; act < 3; ++act) EXPECT_FALSE(project.act(act).shots.empty());

  // While fitted, the view refits when it is resized (e.g. once the window takes its final size).
  view.resize(700, 800);
  QCoreApplication::processEvents();
  expectAllClipsVisible(view, ids);

  // The user's zoom is kept from then on, also across resizes; Zoom to Fit brings the whole storyboard back.
  view.zoomInAction()->trigger();
  const double userZoom = view.pixelsPerSecond();
  EXPECT_FALSE(view.fitsToWidth());
  view.resize(1000, 800);
  QCoreApplication::processEvents();
  EXPECT_DOUBLE_EQ(view.pixelsPerSecond(), userZoom);
  view.resize(600, 800);
  QCoreApplication::processEvents();
  EXPECT_DOUBLE_EQ(view.pixelsPerSecond(), userZoom);
  view.zoomToFitAction()->trigger();
  QCoreApplication::processEvents();
  EXPECT_LT(view.pixelsPerSecond(), userZoom);
  expectAllClipsVisible(view, ids);
}

TEST_F(TimelineFitTest, OpeningTheDemoInTheWindowShowsAllThreeActs) {
  const QString demo = shotcraft::test::demoProjectPath();
  if (demo.isEmpty()) GTEST_SKIP() << "no demo project in the source tree";
  shotcraft::ui::MainWindow window;
  window.setErrorReporter([](const QString&, const QString&) {});
  window.resize(1280, 800);
  window.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
  QString error;
  ASSERT_TRUE(window.document()->load(demo, &error)) << error.toStdString();
  QCoreApplication::processEvents();
  StoryboardView* view = window.storyboard();
  const QRect visible = view->viewport()->rect();
  const shotcraft::model::Project& project = window.document()->project();
  for (int act = 0; act < 3; ++act) {
    ASSERT_FALSE(project.act(act).shots.empty()) << "the demo has three acts";
    for (const auto& shot : project.act(act).shots) {
      ShotCard* c = view->card(shot.id);
      ASSERT_NE(c, nullptr);
      const int left = c->mapTo(view->viewport(), QPoint(0, 0)).x();
      EXPECT_GE(left, visible.left()) << "act " << act + 1;
      EXPECT_LE(left + c->width(), visible.right() + 1) << "act " << act + 1 << " runs past the visible width";
    }
  }
}

class TimelineWindowTest : public UiTest {};

TEST_F(TimelineWindowTest, WindowOffersZoomInTheViewMenuAndDeletesTheWholeSelection) {
  shotcraft::ui::MainWindow window;
  window.setErrorReporter([](const QString&, const QString&) {});
  window.document()->reset(shotcraft::test::sampleProject(), QString(), false);
  QMenu* view = window.findChild<QMenu*>(QStringLiteral("menuView"));
  ASSERT_NE(view, nullptr);
  EXPECT_TRUE(view->actions().contains(window.storyboard()->zoomInAction()));
  EXPECT_TRUE(view->actions().contains(window.storyboard()->zoomOutAction()));
  const QStringList ids = window.document()->project().shotIds();
  window.storyboard()->clickShot(ids.at(1));
  window.storyboard()->clickShot(ids.at(3), Qt::LeftButton, Qt::ControlModifier);
  window.findChild<QAction*>(QStringLiteral("actionRemoveShot"))->trigger();
  EXPECT_EQ(window.document()->project().shotCount(), 4);
  window.document()->undoStack()->undo();
  EXPECT_EQ(window.document()->project().shotIds(), ids);
}

}  // namespace
