// MainWindow: the Controls dock (depth / canny / pose) and the Camera dock (camera-path editor), both following
// the storyboard's selection.
#include <QAction>
#include <QDockWidget>
#include <QMenu>

#include "ui/CameraPathEditor.h"
#include "ui/ControlPanel.h"
#include "ui/MainWindow.h"
#include "ui/ProjectDocument.h"
#include "ui/RenderController.h"
#include "ui/StoryboardView.h"

namespace shotcraft::ui {

namespace {
const QSize kCameraBackground_px(960, 540);
}

void MainWindow::createSteeringUi() {
  m_controlPanel = new ControlPanel(m_document, this);
  m_controlDock = addPanelDock(QStringLiteral("ControlDock"), m_controlPanel, Qt::RightDockWidgetArea);
  tabifyDockWidget(m_shotDock, m_controlDock);
  m_cameraEditor = new CameraPathEditor(m_document, this);
  m_cameraDock = addPanelDock(QStringLiteral("CameraDock"), m_cameraEditor, Qt::LeftDockWidgetArea);
  tabifyDockWidget(m_previewDock, m_cameraDock);
  m_shotDock->raise();
  m_previewDock->raise();

  m_cameraEditor->setBackgroundProvider(
      [this](const QString& shotId) { return m_render->thumbnail(shotId, kCameraBackground_px); });
  auto refreshBackground = [this](const QString& shotId) {
    if (shotId == m_cameraEditor->shotId()) m_cameraEditor->refreshBackground();
  };
  connect(m_render, &RenderController::renderStateChanged, this, refreshBackground);
  connect(m_document, &ProjectDocument::shotChanged, this, refreshBackground);  // e.g. another take selected
  connect(m_storyboard, &StoryboardView::selectionChanged, this, [this](const QString& shotId) {
    m_controlPanel->setShot(shotId);
    m_cameraEditor->setShot(shotId);
  });

  m_viewMenu->insertAction(m_themeMenu->menuAction(), m_controlDock->toggleViewAction());
  m_viewMenu->insertAction(m_themeMenu->menuAction(), m_cameraDock->toggleViewAction());
}

void MainWindow::retranslateSteeringUi() {
  setDockTexts(m_controlDock, tr("Controls"), tr("&Controls Panel"));
  setDockTexts(m_cameraDock, tr("Camera"), tr("C&amera Path Editor"));
}

}  // namespace shotcraft::ui
