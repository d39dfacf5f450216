// MainWindow: the Animatic dock (issue 8). Its playhead and the timeline's follow each other; the shot selected
// on the timeline is the one Loop Shot repeats.
#include <QAction>
#include <QDockWidget>
#include <QMenu>

#include "ui/AnimaticPlayer.h"
#include "ui/MainWindow.h"
#include "ui/StoryboardView.h"

namespace shotcraft::ui {

void MainWindow::createAnimaticUi() {
  m_animatic = new AnimaticPlayer(m_document, this);
  m_animaticDock = addPanelDock(QStringLiteral("AnimaticDock"), m_animatic, Qt::LeftDockWidgetArea);
  tabifyDockWidget(m_previewDock, m_animaticDock);  // a tab beside Live Preview and Camera
  m_previewDock->raise();
  m_viewMenu->insertAction(m_themeMenu->menuAction(), m_animaticDock->toggleViewAction());
  connect(m_storyboard, &StoryboardView::playheadChanged, m_animatic, &AnimaticPlayer::setPlayheadSeconds);
  connect(m_animatic, &AnimaticPlayer::playheadChanged, m_storyboard, &StoryboardView::setPlayheadSeconds);
  connect(m_storyboard, &StoryboardView::selectionChanged, m_animatic, &AnimaticPlayer::setSelectedShot);
}

void MainWindow::retranslateAnimaticUi() {
  if (m_animaticDock == nullptr) return;
  setDockTexts(m_animaticDock, tr("Animatic"), tr("&Animatic Player"));
}

}  // namespace shotcraft::ui
