// The Camera dock: dragging anchors and handles on the canvas, the easing combo and the keyframe editors reach the
// model as undoable steps (one per drag); "Play motion" moves the preview camera without touching the model.
#include <qcustomplot.h>
#include <QComboBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>
#include <QWheelEvent>

#include "tests/ui/UiTestSupport.h"
#include "ui/CameraCurvePlot.h"
#include "ui/CameraPathCanvas.h"
#include "ui/CameraPathEditor.h"
#include "ui/CameraTimeRuler.h"
#include "ui/ControlPanel.h"
#include "ui/MainWindow.h"
#include "ui/ProjectDocument.h"
#include "ui/StoryboardView.h"

using shotcraft::model::CameraChannel;
using shotcraft::model::CameraKeyframe;
using shotcraft::model::CameraPath;
using shotcraft::model::Easing;
using shotcraft::ui::CameraPathCanvas;
using shotcraft::ui::CameraPathEditor;

namespace {

class CameraEditorTest : public shotcraft::test::UiTest {
 protected:
  void SetUp() override {
    UiTest::SetUp();
    shotcraft::model::Project project = shotcraft::test::sampleProject();
    m_id = project.shotIds().at(1);
    CameraKeyframe k0;
    CameraKeyframe k1;
    k1.time_s = 2.0;
    k1.set(CameraChannel::PanX, 0.2);
    k1.set(CameraChannel::PanY, 0.1);
    k1.set(CameraChannel::Zoom, 1.5);
    ASSERT_TRUE(project.requestSetCameraPath(m_id, CameraPath({k0, k1})));
    m_doc.reset(project, QString(), false);
    m_editor = std::make_unique<CameraPathEditor>(&m_doc);
    m_editor->resize(900, 800);
    m_editor->show();
    m_editor->setShot(m_id);
    QCoreApplication::processEvents();  // lay the page out
    ASSERT_GT(m_editor->canvas()->width(), 200);
  }
  void TearDown() override {
    m_editor.reset();
    UiTest::TearDown();
  }
  const CameraPath& camera() const { return m_doc.project().findShot(m_id)->camera; }
  const CameraKeyframe& key(int k) const { return camera().keyframes().at(size_t(k)); }
  void drag(const QPointF& from, const QPointF& by, int steps) {
    QWidget* canvas = m_editor->canvas();
    QTest::mousePress(canvas, Qt::LeftButton, Qt::NoModifier, from.toPoint());
    for (int i = 1; i <= steps; ++i) QTest::mouseMove(canvas, (from + by * (double(i) / steps)).toPoint());
    QTest::mouseRelease(canvas, Qt::LeftButton, Qt::NoModifier, (from + by).toPoint());
  }

  shotcraft::ui::ProjectDocument m_doc;
  QString m_id;
  std::unique_ptr<CameraPathEditor> m_editor;
};

TEST_F(CameraEditorTest, DraggingAnAnchorMovesTheKeyframeByTheDragOverTheFrameSizeInOneStep) {
  CameraPathCanvas* canvas = m_editor->canvas();
  const QRectF frame = canvas->frameRect();
  ASSERT_GT(frame.width(), 100.0);
  const QPointF anchor = canvas->anchorPos(1).toPoint();  // whole pixels, as a mouse gives
  EXPECT_NEAR(anchor.x(), frame.center().x() + 0.2 * frame.width(), 1.0);
  const int before = m_doc.undoStack()->count();
  drag(anchor, QPointF(30, -20), 6);
  const QPointF moved = QPointF(30, -20);
  EXPECT_NEAR(key(1).get(CameraChannel::PanX), 0.2 + moved.x() / frame.width(), 1e-9);
  EXPECT_NEAR(key(1).get(CameraChannel::PanY), 0.1 + moved.y() / frame.height(), 1e-9);
  EXPECT_DOUBLE_EQ(key(1).get(CameraChannel::Zoom), 1.5);  // other channels stay
  EXPECT_EQ(key(0), CameraKeyframe());
  EXPECT_EQ(m_editor->selectedKey(), 1);
  EXPECT_EQ(m_doc.undoStack()->count(), before + 1);  // six moves, one step
  m_doc.undoStack()->undo();
  EXPECT_DOUBLE_EQ(key(1).get(CameraChannel::PanX), 0.2);
  EXPECT_DOUBLE_EQ(canvas->path().keyframes()[1].get(CameraChannel::PanX), 0.2);  // the canvas follows
}

TEST_F(CameraEditorTest, DraggingAHandleSetsThePanHandlesOfThatSide) {
  CameraPathCanvas* canvas = m_editor->canvas();
  const QRectF frame = canvas->frameRect();
  const QPointF handle = canvas->handlePos(0, CameraPathCanvas::Part::HandleOut).toPoint();
  ASSERT_EQ(canvas->hitTest(handle).part, CameraPathCanvas::Part::HandleOut);
  drag(handle, QPointF(0, 40), 4);
  const QPointF offset = handle + QPointF(0, 40) - canvas->anchorPos(0);
  ASSERT_TRUE(key(0).handle_out[size_t(CameraChannel::PanX)].has_value());
  EXPECT_NEAR(*key(0).handle_out[size_t(CameraChannel::PanX)], offset.x() / frame.width(), 1e-9);
  EXPECT_NEAR(*key(0).handle_out[size_t(CameraChannel::PanY)], offset.y() / frame.height(), 1e-9);
  EXPECT_FALSE(key(0).handle_out[size_t(CameraChannel::Zoom)].has_value());
  EXPECT_FALSE(key(1).handle_in[size_t(CameraChannel::PanX)].has_value());
  // The curve now bends: halfway through, pan y is off the straight line.
  EXPECT_GT(camera().evaluate(CameraChannel::PanY, 1.0), 0.05 + 0.01);
}

TEST_F(CameraEditorTest, EasingComboSetsTheSelectedKeysSegment) {
  m_editor->selectKey(0);
  QComboBox* combo = m_editor->easingCombo();
  ASSERT_TRUE(combo->isEnabled());
  emit combo->activated(combo->findData(int(Easing::EaseInOut)));
  EXPECT_EQ(key(0).easing, Easing::EaseInOut);
  EXPECT_NEAR(camera().evaluate(CameraChannel::Zoom, 0.5), 1.0 + 0.5 * shotcraft::model::ease(Easing::EaseInOut, 0.25),
              1e-9);
  m_editor->selectKey(1);
  EXPECT_FALSE(combo->isEnabled());  // the last key starts no segment
  m_doc.undoStack()->undo();
  EXPECT_EQ(key(0).easing, Easing::Linear);
}

TEST_F(CameraEditorTest, KeyframeEditorsAndRulerDragEditTheSelectedKey) {
  m_editor->selectKey(1);
  m_editor->valueSpin(CameraChannel::Zoom)->setValue(2.0);
  m_editor->valueSpin(CameraChannel::Roll)->setValue(-15.0);
  EXPECT_DOUBLE_EQ(key(1).get(CameraChannel::Zoom), 2.0);
  EXPECT_DOUBLE_EQ(key(1).get(CameraChannel::Roll), -15.0);
  shotcraft::ui::CameraTimeRuler* ruler = m_editor->ruler();
  const QPoint at(int(ruler->xForTime(2.0)), ruler->height() - 20);
  QTest::mousePress(ruler, Qt::LeftButton, Qt::NoModifier, at);
  QTest::mouseMove(ruler, QPoint(int(ruler->xForTime(1.5)), at.y()));
  QTest::mouseRelease(ruler, Qt::LeftButton, Qt::NoModifier, QPoint(int(ruler->xForTime(1.5)), at.y()));
  EXPECT_NEAR(key(1).time_s, 1.5, 2.0 / ruler->width() * 2.0);
  EXPECT_EQ(camera().validate(), QString());
}

TEST_F(CameraEditorTest, WheelZoomsAndRollsTheSelectedKeyAndDeleteRemovesIt) {
  m_editor->selectKey(1);
  CameraPathCanvas* canvas = m_editor->canvas();
  const QPointF at = canvas->frameRect().center();
  const int before = m_doc.undoStack()->count();
  for (int i = 0; i < 2; ++i) {
    QWheelEvent wheel(at, canvas->mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(canvas, &wheel);
  }
  EXPECT_NEAR(key(1).get(CameraChannel::Zoom), 1.5 * 1.1 * 1.1, 1e-9);
  EXPECT_EQ(m_doc.undoStack()->count(), before + 1);  // notches in a row: one step
  QWheelEvent roll(at, canvas->mapToGlobal(at), QPoint(), QPoint(0, -120), Qt::NoButton, Qt::ShiftModifier,
                   Qt::NoScrollPhase, false);
  QCoreApplication::sendEvent(canvas, &roll);
  EXPECT_DOUBLE_EQ(key(1).get(CameraChannel::Roll), -5.0);
  QTest::keyClick(canvas, Qt::Key_Delete);
  ASSERT_EQ(camera().keyframes().size(), 1u);
  EXPECT_EQ(m_editor->selectedKey(), 0);
}

TEST_F(CameraEditorTest, PlayMotionMovesThePreviewAndLeavesTheModelAlone) {
  const shotcraft::model::Project before = m_doc.project();
  const int steps = m_doc.undoStack()->count();
  EXPECT_FALSE(m_editor->canvas()->previewTime().has_value());
  m_editor->play();
  EXPECT_TRUE(m_editor->isPlaying());
  QTRY_VERIFY_WITH_TIMEOUT(m_editor->playheadTime() > 0.1, 3000);
  ASSERT_TRUE(m_editor->canvas()->previewTime().has_value());
  EXPECT_DOUBLE_EQ(*m_editor->canvas()->previewTime(), m_editor->playheadTime());
  EXPECT_DOUBLE_EQ(m_editor->ruler()->playhead(), m_editor->playheadTime());
  m_editor->stop();
  EXPECT_FALSE(m_editor->isPlaying());
  EXPECT_EQ(m_doc.project(), before);
  EXPECT_EQ(m_doc.undoStack()->count(), steps);
  EXPECT_FALSE(m_doc.isDirty());
}

TEST_F(CameraEditorTest, AddAndRemoveKeyframesAndThePlotFollows) {
  ASSERT_TRUE(m_editor->addKeyframe(1.0));
  ASSERT_EQ(camera().keyframes().size(), 3u);
  EXPECT_DOUBLE_EQ(key(1).time_s, 1.0);
  EXPECT_NEAR(key(1).get(CameraChannel::Zoom), 1.25, 1e-9);  // the path's value there
  EXPECT_EQ(m_editor->selectedKey(), 1);
  QCustomPlot* plot = m_editor->curvePlot()->plot();
  ASSERT_EQ(plot->graphCount(), 4);
  EXPECT_EQ(plot->graph(0)->dataCount(), shotcraft::ui::CameraCurvePlot::kSamples);
  EXPECT_NEAR((plot->graph(0)->data()->constEnd() - 1)->value, 1.5, 1e-9);  // zoom at the end
  ASSERT_TRUE(m_editor->removeSelectedKeyframe());
  EXPECT_EQ(camera().keyframes().size(), 2u);
  // An empty path gets a start and an end key.
  ASSERT_TRUE(m_doc.setShotCamera(m_id, CameraPath()));
  ASSERT_TRUE(m_editor->addKeyframe(0.0));
  ASSERT_EQ(camera().keyframes().size(), 2u);
  EXPECT_DOUBLE_EQ(key(1).time_s, m_doc.project().findShot(m_id)->duration_s);
}

TEST_F(CameraEditorTest, MainWindowHasBothDocksFollowingTheSelection) {
  shotcraft::ui::MainWindow window;
  window.setErrorReporter([](const QString&, const QString&) {});
  window.document()->reset(shotcraft::test::sampleProject(), QString(), false);
  ASSERT_NE(window.findChild<QDockWidget*>(QStringLiteral("ControlDock")), nullptr);
  ASSERT_NE(window.findChild<QDockWidget*>(QStringLiteral("CameraDock")), nullptr);
  const QString id = window.document()->project().shotIds().at(2);
  window.storyboard()->selectShot(id);
  EXPECT_EQ(window.controlPanel()->shotId(), id);
  EXPECT_EQ(window.cameraEditor()->shotId(), id);
  EXPECT_EQ(window.controlDock()->windowTitle(), QStringLiteral("Controls"));
  window.setLanguage(QStringLiteral("zh_CN"));  // both docks retranslate live
  EXPECT_EQ(window.controlDock()->windowTitle(), QStringLiteral("控制"));
  EXPECT_EQ(window.cameraDock()->windowTitle(), QStringLiteral("运镜"));  // not 镜头, the Shot dock
  EXPECT_EQ(window.cameraEditor()->playButton()->text(), QStringLiteral("播放运动"));
  EXPECT_EQ(window.controlPanel()->slotEditor(shotcraft::model::ControlKind::Depth)->title(), QStringLiteral("深度"));
  window.setLanguage(QStringLiteral("en"));
  EXPECT_EQ(window.cameraEditor()->playButton()->text(), QStringLiteral("Play Motion"));
}

TEST_F(CameraEditorTest, ASavedLayoutRestoresBothDocks) {
  shotcraft::ui::MainWindow window;
  window.show();
  window.controlDock()->setFloating(true);
  window.cameraDock()->hide();
  const QByteArray state = window.saveState(1);
  window.controlDock()->setFloating(false);
  window.cameraDock()->show();
  ASSERT_TRUE(window.restoreState(state, 1));  // finds the docks by their object names
  EXPECT_TRUE(window.controlDock()->isFloating());
  EXPECT_TRUE(window.cameraDock()->isHidden());
}

}  // namespace
