// MainWindow: the Models dock (issue 4). Choosing a model there applies it like Settings > Preferences does; the
// time the render engine took to load its model shows in the status bar and under the models list.
#include <QAction>
#include <QDockWidget>
#include <QFileInfo>
#include <QMenu>
#include <QStatusBar>

#include "ui/MainWindow.h"
#include "ui/ModelsPanel.h"
#include "ui/RenderController.h"
#include "ui/StudioSettings.h"

namespace shotcraft::ui {

namespace {
constexpr int kLoadMessage_ms = 8000;
}

void MainWindow::createModelsUi() {
  m_modelsPanel = new ModelsPanel(nullptr, this);
  m_modelsDock = addPanelDock(QStringLiteral("ModelsDock"), m_modelsPanel, Qt::LeftDockWidgetArea);
  tabifyDockWidget(m_animaticDock, m_modelsDock);  // a tab beside Live Preview, Camera and Animatic
  m_previewDock->raise();
  m_viewMenu->insertAction(m_themeMenu->menuAction(), m_modelsDock->toggleViewAction());
  connect(m_modelsPanel, &ModelsPanel::modelChosen, this, [this] { applySettings(StudioSettings::load()); });
  connect(m_render, &RenderController::engineLoaded, this, [this](const QString& modelDir, double seconds) {
    m_modelsPanel->showLoadTime(modelDir, seconds);
    const QString name = modelDir.isEmpty() ? tr("the model") : QFileInfo(modelDir).fileName();
    statusBar()->showMessage(tr("Loaded %1 in %2 s").arg(name, QString::number(seconds, 'f', 1)), kLoadMessage_ms);
  });
}

void MainWindow::retranslateModelsUi() {
  if (m_modelsDock == nullptr) return;
  setDockTexts(m_modelsDock, tr("Models"), tr("&Models"));
}

}  // namespace shotcraft::ui
