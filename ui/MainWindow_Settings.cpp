// MainWindow: Settings > Preferences (issue 8). The dialog stores the values; this applies them to the running
// studio: language and theme switch live, the autosave interval takes effect at once, and renders pick up the
// model folder, device, precision and threads through RenderController::engineOptions().
#include <QAction>
#include <QMenu>
#include <QStatusBar>

#include "ui/Autosaver.h"
#include "ui/MainWindow.h"
#include "ui/ModelsPanel.h"
#include "ui/RenderController.h"
#include "ui/SettingsDialog.h"
#include "ui/Translations.h"

namespace shotcraft::ui {

void MainWindow::createSettingsUi() {
  m_preferencesAction = new QAction(this);
  m_preferencesAction->setObjectName(QStringLiteral("actionPreferences"));
  m_preferencesAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
  m_preferencesAction->setMenuRole(QAction::PreferencesRole);
  connect(m_preferencesAction, &QAction::triggered, this, [this] { showSettings(); });
  m_settingsMenu->addSeparator();
  m_settingsMenu->addAction(m_preferencesAction);
  m_loadedModelDir = RenderController::modelDir();  // createRenderUi() loaded its tokenizer
}

SettingsDialog* MainWindow::showSettings() {
  if (m_settingsDialog == nullptr) {
    m_settingsDialog = new SettingsDialog(this);
    connect(m_settingsDialog, &SettingsDialog::applied, this, &MainWindow::applySettings);
  }
  m_settingsDialog->setValues(StudioSettings::load());
  m_settingsDialog->show();
  m_settingsDialog->raise();
  return m_settingsDialog;
}

void MainWindow::applySettings(const StudioSettings& settings) {
  if (settings.language != Translations::current()) setLanguage(settings.language);
  if (settings.theme != Theme::current()) setTheme(settings.theme);
  m_autosaver->setInterval_s(settings.autosaveInterval_s);
  if (m_loadedModelDir != RenderController::modelDir()) {
    m_loadedModelDir = RenderController::modelDir();
    loadTokenizer(m_loadedModelDir);
    refreshRenderStates();  // a different model makes other takes current
  }
  if (m_modelsPanel != nullptr) m_modelsPanel->refresh();  // the folders or the chosen model may have changed
}

void MainWindow::retranslateSettingsUi() {
  if (m_preferencesAction != nullptr) m_preferencesAction->setText(tr("&Preferences…"));
}

}  // namespace shotcraft::ui
