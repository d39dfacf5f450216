// The Controls dock: weight slider and spin box, start/end, the source picker (file, sequence, previous shot) and
// the map preview reach the model as undoable steps; one slider drag is one undo step.
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QSlider>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>
#include <cmath>

#include "tests/ui/UiTestSupport.h"
#include "ui/ControlPanel.h"
#include "ui/ProjectDocument.h"
#include "ui/RangeSlider.h"

using shotcraft::model::ControlKind;
using shotcraft::model::ControlMode;
using shotcraft::model::ControlOrigin;
using shotcraft::model::ControlSource;
using shotcraft::ui::ControlPanel;
using shotcraft::ui::ControlSlotEditor;
using Mode = ControlSlotEditor::SourceMode;

namespace {

// A white rectangle on black: its canny map has edges on the outline and nothing inside.
QString writeBox(const QString& path) {
  QImage img(96, 64, QImage::Format_RGB888);
  img.fill(Qt::black);
  QPainter(&img).fillRect(24, 16, 48, 32, Qt::white);
  EXPECT_TRUE(img.save(path));
  return path;
}

class ControlPanelTest : public shotcraft::test::UiTest {
 protected:
  void SetUp() override {
    UiTest::SetUp();
    m_doc.reset(shotcraft::test::sampleProject(), QString(), false);
    m_ids = m_doc.project().shotIds();
    m_panel = std::make_unique<ControlPanel>(&m_doc);
    m_panel->setShot(m_ids.at(1));
  }
  void TearDown() override {
    m_panel.reset();
    UiTest::TearDown();
  }
  const shotcraft::model::ControlSlot& slot(ControlKind kind, int shot = 1) const {
    return m_doc.project().findShot(m_ids.at(shot))->controls.slot(kind);
  }
  ControlSlotEditor* editor(ControlKind kind) const { return m_panel->slotEditor(kind); }
  void saveTo(const QTemporaryDir& dir) {
    QString error;
    ASSERT_TRUE(m_doc.saveAs(dir.filePath(QStringLiteral("Ctl.shotcraft")), &error)) << error.toStdString();
  }

  shotcraft::ui::ProjectDocument m_doc;
  QStringList m_ids;
  std::unique_ptr<ControlPanel> m_panel;
};

TEST_F(ControlPanelTest, WeightSliderAndSpinBoxSetTheModelAndEachOther) {
  ControlSlotEditor* e = editor(ControlKind::Depth);
  e->weightSlider()->setValue(150);  // of 200 = weight 2
  EXPECT_DOUBLE_EQ(slot(ControlKind::Depth).weight, 1.5);
  EXPECT_DOUBLE_EQ(e->weightSpin()->value(), 1.5);
  e->weightSpin()->setValue(0.25);
  EXPECT_DOUBLE_EQ(slot(ControlKind::Depth).weight, 0.25);
  EXPECT_EQ(e->weightSlider()->value(), 25);
  EXPECT_DOUBLE_EQ(slot(ControlKind::Canny).weight, 1.0);  // other slots untouched
}

TEST_F(ControlPanelTest, OneSliderDragIsOneUndoStepAndUndoRestores) {
  QSlider* slider = editor(ControlKind::Pose)->weightSlider();
  const int before = m_doc.undoStack()->count();
  slider->setSliderDown(true);  // pressed: a new drag
  for (int v = 105; v <= 180; v += 5) slider->setValue(v);
  slider->setSliderDown(false);
  EXPECT_DOUBLE_EQ(slot(ControlKind::Pose).weight, 1.8);
  EXPECT_EQ(m_doc.undoStack()->count(), before + 1);
  slider->setSliderDown(true);  // a second drag is a second step
  for (int v = 170; v >= 60; v -= 10) slider->setValue(v);
  slider->setSliderDown(false);
  EXPECT_DOUBLE_EQ(slot(ControlKind::Pose).weight, 0.6);
  EXPECT_EQ(m_doc.undoStack()->count(), before + 2);
  m_doc.undoStack()->undo();
  EXPECT_DOUBLE_EQ(slot(ControlKind::Pose).weight, 1.8);
  EXPECT_EQ(slider->value(), 180);  // the panel follows the model
  m_doc.undoStack()->undo();
  EXPECT_DOUBLE_EQ(slot(ControlKind::Pose).weight, 1.0);
  EXPECT_DOUBLE_EQ(editor(ControlKind::Pose)->weightSpin()->value(), 1.0);
}

TEST_F(ControlPanelTest, StartAndEndStayOrdered) {
  ControlSlotEditor* e = editor(ControlKind::Canny);
  e->endSpin()->setValue(0.4);
  EXPECT_DOUBLE_EQ(slot(ControlKind::Canny).end, 0.4);
  e->startSpin()->setValue(0.8);  // bounded by end
  EXPECT_DOUBLE_EQ(slot(ControlKind::Canny).start, 0.4);
  EXPECT_LE(slot(ControlKind::Canny).start, slot(ControlKind::Canny).end);
  EXPECT_EQ(shotcraft::model::ControlSettings::validateSlot(slot(ControlKind::Canny)), QString());
}

TEST_F(ControlPanelTest, RangeSliderDragsAreOneUndoStepEachAndFollowTheSpinBoxes) {
  ControlSlotEditor* e = editor(ControlKind::Depth);
  emit e->sourceCombo()->activated(int(Mode::PreviousShot));  // an enabled slot (a disabled one takes no input)
  ASSERT_TRUE(e->isChecked());
  m_panel->resize(420, 900);
  m_panel->show();
  QCoreApplication::processEvents();
  shotcraft::ui::RangeSlider* range = e->rangeSlider();
  ASSERT_GT(range->width(), 100);
  const int y = range->height() / 2;
  const int before = m_doc.undoStack()->count();
  QTest::mousePress(range, Qt::LeftButton, Qt::NoModifier, QPoint(int(range->xForValue(0.0)), y));
  for (double v : {0.1, 0.2, 0.3}) QTest::mouseMove(range, QPoint(int(std::lround(range->xForValue(v))), y));
  QTest::mouseRelease(range, Qt::LeftButton, Qt::NoModifier, QPoint(int(std::lround(range->xForValue(0.3))), y));
  EXPECT_NEAR(slot(ControlKind::Depth).start, 0.3, 0.011);
  EXPECT_DOUBLE_EQ(slot(ControlKind::Depth).end, 1.0);
  EXPECT_EQ(m_doc.undoStack()->count(), before + 1);
  EXPECT_DOUBLE_EQ(e->startSpin()->value(), slot(ControlKind::Depth).start);
  // The upper handle cannot pass the lower one.
  QTest::mousePress(range, Qt::LeftButton, Qt::NoModifier, QPoint(int(range->xForValue(1.0)), y));
  QTest::mouseMove(range, QPoint(int(range->xForValue(0.6)), y));
  QTest::mouseRelease(range, Qt::LeftButton, Qt::NoModifier, QPoint(int(range->xForValue(0.1)), y));
  EXPECT_DOUBLE_EQ(slot(ControlKind::Depth).end, slot(ControlKind::Depth).start);
  EXPECT_EQ(m_doc.undoStack()->count(), before + 2);
  m_doc.undoStack()->undo();
  EXPECT_DOUBLE_EQ(slot(ControlKind::Depth).end, 1.0);
  EXPECT_DOUBLE_EQ(range->upper(), 1.0);
  e->endSpin()->setValue(0.75);  // spin box -> slider
  EXPECT_DOUBLE_EQ(range->upper(), 0.75);
}

TEST_F(ControlPanelTest, ModeComboEditsTheSlotAndUndoRestores) {
  ControlSlotEditor* e = editor(ControlKind::Depth);
  auto* combo = e->findChild<QComboBox*>(QStringLiteral("controlMode"));
  ASSERT_NE(combo, nullptr);
  ASSERT_EQ(combo, e->modeCombo());
  ASSERT_EQ(combo->count(), 3);
  ASSERT_EQ(slot(ControlKind::Depth).mode, ControlMode::Auto);
  EXPECT_EQ(combo->currentText(), QStringLiteral("Auto (the model's choice)"));
  EXPECT_FALSE(combo->toolTip().isEmpty());
  // Like the weight and the range, the combo takes no input while the slot is off.
  EXPECT_FALSE(combo->isEnabled());
  emit e->sourceCombo()->activated(int(Mode::PreviousShot));  // an enabled slot
  ASSERT_TRUE(e->isChecked());
  EXPECT_TRUE(combo->isEnabled());

  const int before = m_doc.undoStack()->count();
  const int controlFirst = combo->findText(QStringLiteral("Control first"));
  ASSERT_GE(controlFirst, 0);
  combo->setCurrentIndex(controlFirst);
  EXPECT_EQ(slot(ControlKind::Depth).mode, ControlMode::ControlFirst);
  EXPECT_EQ(slot(ControlKind::Depth).origin, ControlOrigin::PreviousShot);  // the rest of the slot is kept
  EXPECT_EQ(slot(ControlKind::Canny).mode, ControlMode::Auto);              // other slots untouched
  EXPECT_EQ(m_doc.undoStack()->count(), before + 1);
  combo->setCurrentIndex(combo->findText(QStringLiteral("Balanced")));
  EXPECT_EQ(slot(ControlKind::Depth).mode, ControlMode::Balanced);
  EXPECT_EQ(m_doc.undoStack()->count(), before + 1);  // mode edits in a row merge, like spin box edits of one field
  m_doc.undoStack()->undo();
  EXPECT_EQ(slot(ControlKind::Depth).mode, ControlMode::Auto);
  EXPECT_EQ(slot(ControlKind::Depth).origin, ControlOrigin::PreviousShot);
  EXPECT_EQ(combo->currentText(), QStringLiteral("Auto (the model's choice)"));  // the panel follows the model

  // Showing another shot's slot sets the combo without making an edit.
  shotcraft::model::ControlSettings controls = m_doc.project().findShot(m_ids.at(0))->controls;
  shotcraft::model::ControlSlot pose = controls.slot(ControlKind::Pose);
  pose.mode = ControlMode::ControlFirst;
  controls.setSlot(ControlKind::Pose, pose);
  QString error;
  ASSERT_TRUE(m_doc.setShotControls(m_ids.at(0), controls, QString(), &error)) << error.toStdString();
  int edits = 0;
  QObject::connect(editor(ControlKind::Pose), &ControlSlotEditor::slotEdited, [&edits] { ++edits; });
  m_panel->setShot(m_ids.at(0));
  EXPECT_EQ(editor(ControlKind::Pose)->modeCombo()->currentText(), QStringLiteral("Control first"));
  EXPECT_EQ(edits, 0);
  EXPECT_EQ(slot(ControlKind::Pose, 0).mode, ControlMode::ControlFirst);
}

TEST_F(ControlPanelTest, SwitchingOnWithoutAFileAndCancellingChangesNothing) {
  m_panel->setSourcePicker([](ControlKind, Mode) { return QString(); });  // cancelled
  const int steps = m_doc.undoStack()->count();
  editor(ControlKind::Depth)->setChecked(true);
  EXPECT_FALSE(editor(ControlKind::Depth)->isChecked());
  EXPECT_FALSE(slot(ControlKind::Depth).enabled);
  EXPECT_EQ(m_doc.undoStack()->count(), steps);
  EXPECT_TRUE(m_panel->lastError().isEmpty());
}

TEST_F(ControlPanelTest, PreviousShotFromThePickerReachesTheModel) {
  ControlSlotEditor* e = editor(ControlKind::Depth);
  emit e->sourceCombo()->activated(int(Mode::PreviousShot));
  EXPECT_EQ(slot(ControlKind::Depth).origin, ControlOrigin::PreviousShot);
  EXPECT_TRUE(slot(ControlKind::Depth).enabled);
  EXPECT_EQ(e->sourceMode(), Mode::PreviousShot);
  EXPECT_FALSE(e->chooseButton()->isEnabled());
  m_doc.undoStack()->undo();
  EXPECT_EQ(slot(ControlKind::Depth).origin, ControlOrigin::File);
  EXPECT_EQ(e->sourceCombo()->currentIndex(), int(Mode::ImageFile));
}

TEST_F(ControlPanelTest, AFileNeedsASavedProject) {
  QTemporaryDir dir;
  QString error;
  EXPECT_FALSE(m_panel->chooseSource(ControlKind::Canny, Mode::ImageFile,
                                     writeBox(dir.filePath(QStringLiteral("box.png"))), &error));
  EXPECT_TRUE(error.contains(QStringLiteral("Save the project"))) << error.toStdString();
  EXPECT_FALSE(m_panel->lastError().isEmpty());
  EXPECT_TRUE(slot(ControlKind::Canny).source.isEmpty());
}

TEST_F(ControlPanelTest, ChosenPictureIsCopiedIntoAssetsAndPreviewedAsCannyEdges) {
  QTemporaryDir dir;
  saveTo(dir);
  const QString picture = writeBox(dir.filePath(QStringLiteral("box.png")));
  QString error;
  ASSERT_TRUE(m_panel->chooseSource(ControlKind::Canny, Mode::ImageFile, picture, &error)) << error.toStdString();
  const auto& s = slot(ControlKind::Canny);
  EXPECT_EQ(s.source, QStringLiteral("controls/box.png"));
  EXPECT_EQ(s.source_kind, ControlSource::Image);  // canny: edges are found in the picture
  EXPECT_TRUE(s.enabled);
  EXPECT_TRUE(QFileInfo::exists(dir.filePath(QStringLiteral("Ctl.shotcraft/assets/controls/box.png"))));
  QTRY_VERIFY(!m_panel->previewsPending());  // computed in the background
  const QImage map = editor(ControlKind::Canny)->previewImage();
  ASSERT_FALSE(map.isNull());
  EXPECT_EQ(map.size(), QSize(96, 64));
  EXPECT_LT(qGray(map.pixel(48, 32)), 40);  // the inside of the white box is not an edge
  int edgePixels = 0;
  for (int y = 0; y < map.height(); ++y)
    for (int x = 0; x < map.width(); ++x) edgePixels += qGray(map.pixel(x, y)) > 200 ? 1 : 0;
  EXPECT_GT(edgePixels, 100);  // the outline (2 * (48 + 32) px) is
  // Choosing the same picture again reuses the copy.
  ASSERT_TRUE(m_panel->chooseSource(ControlKind::Canny, Mode::ImageFile, picture, &error));
  EXPECT_EQ(slot(ControlKind::Canny).source, QStringLiteral("controls/box.png"));
}

TEST_F(ControlPanelTest, AFolderBecomesAnImageSequenceAndThePreviousShotUsesIt) {
  QTemporaryDir dir;
  saveTo(dir);
  QDir(dir.path()).mkpath(QStringLiteral("walk"));
  writeBox(dir.filePath(QStringLiteral("walk/frame_1.png")));
  writeBox(dir.filePath(QStringLiteral("walk/frame_2.png")));
  m_panel->setShot(m_ids.at(0));
  QString error;
  ASSERT_TRUE(
      m_panel->chooseSource(ControlKind::Pose, Mode::ImageSequence, dir.filePath(QStringLiteral("walk")), &error))
      << error.toStdString();
  EXPECT_EQ(slot(ControlKind::Pose, 0).source, QStringLiteral("controls/walk"));
  EXPECT_EQ(slot(ControlKind::Pose, 0).source_kind, ControlSource::Map);  // pose files are ready maps
  EXPECT_EQ(editor(ControlKind::Pose)->sourceMode(), Mode::ImageSequence);
  EXPECT_TRUE(QFileInfo::exists(dir.filePath(QStringLiteral("Ctl.shotcraft/assets/controls/walk/frame_2.png"))));
  QTRY_VERIFY(!editor(ControlKind::Pose)->previewImage().isNull());
  // The next shot takes it "from previous shot" and previews the same map.
  m_panel->setShot(m_ids.at(1));
  ASSERT_TRUE(m_panel->chooseSource(ControlKind::Pose, Mode::PreviousShot, QString(), &error));
  EXPECT_EQ(slot(ControlKind::Pose).origin, ControlOrigin::PreviousShot);
  QTRY_VERIFY(!m_panel->previewsPending());
  EXPECT_FALSE(editor(ControlKind::Pose)->previewImage().isNull());
}

TEST_F(ControlPanelTest, ChooseButtonAsksThePickerAndReadyMapToggles) {
  QTemporaryDir dir;
  saveTo(dir);
  const QString picture = writeBox(dir.filePath(QStringLiteral("edges.png")));
  int asked = 0;
  m_panel->setSourcePicker([&](ControlKind kind, Mode mode) {
    ++asked;
    EXPECT_EQ(kind, ControlKind::Canny);
    EXPECT_EQ(mode, Mode::ImageFile);
    return picture;
  });
  editor(ControlKind::Canny)->setChecked(true);  // switching on a slot without a file asks for one
  EXPECT_EQ(asked, 1);
  EXPECT_TRUE(slot(ControlKind::Canny).enabled);
  editor(ControlKind::Canny)->chooseButton()->click();
  EXPECT_EQ(asked, 2);
  EXPECT_EQ(slot(ControlKind::Canny).source, QStringLiteral("controls/edges.png"));
  editor(ControlKind::Canny)->readyMapCheck()->setChecked(true);
  EXPECT_EQ(slot(ControlKind::Canny).source_kind, ControlSource::Map);
  editor(ControlKind::Canny)->setChecked(false);  // the group's check box: the slot's on/off
  EXPECT_FALSE(slot(ControlKind::Canny).enabled);
  m_doc.undoStack()->undo();
  EXPECT_TRUE(slot(ControlKind::Canny).enabled);
}

}  // namespace
