// MainWindow: actions, menus, the tool bar, and their (re)translation.
#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QMenuBar>
#include <QStyle>
#include <QToolBar>
#include <QUndoStack>

#include "ui/MainWindow.h"
#include "ui/ProjectDocument.h"
#include "ui/RecentFiles.h"
#include "ui/StoryboardView.h"
#include "ui/Translations.h"

namespace shotcraft::ui {

void MainWindow::createActions() {
  auto make = [this](QAction*& slot, const char* name, QKeySequence shortcut, auto handler) {
    slot = new QAction(this);
    slot->setObjectName(QLatin1String(name));
    slot->setShortcut(shortcut);
    connect(slot, &QAction::triggered, this, handler);
  };
  QStyle* style = QApplication::style();
  make(m_actions.newProject, "actionNew", QKeySequence::New, [this] { newProject(); });
  make(m_actions.open, "actionOpen", QKeySequence::Open, [this] { openWithDialog(); });
  make(m_actions.save, "actionSave", QKeySequence::Save, [this] { saveProject(); });
  make(m_actions.saveAs, "actionSaveAs", QKeySequence::SaveAs, [this] { saveAsWithDialog(); });
  make(m_actions.importFountain, "actionImportFountain", QKeySequence(Qt::CTRL | Qt::Key_I), [this] { importWithDialog(); });
  make(m_actions.clearRecent, "actionClearRecent", QKeySequence(), [this] {
    RecentFiles::clear();
    updateRecentMenu();
  });
  make(m_actions.quit, "actionQuit", QKeySequence::Quit, [this] { close(); });
  m_actions.quit->setMenuRole(QAction::QuitRole);
  m_actions.newProject->setIcon(style->standardIcon(QStyle::SP_FileIcon));
  m_actions.open->setIcon(style->standardIcon(QStyle::SP_DialogOpenButton));
  m_actions.save->setIcon(style->standardIcon(QStyle::SP_DialogSaveButton));

  QUndoStack* stack = m_document->undoStack();
  make(m_actions.undo, "actionUndo", QKeySequence::Undo, [stack] { stack->undo(); });
  make(m_actions.redo, "actionRedo", QKeySequence::Redo, [stack] { stack->redo(); });
  m_actions.undo->setIcon(style->standardIcon(QStyle::SP_ArrowBack));
  m_actions.redo->setIcon(style->standardIcon(QStyle::SP_ArrowForward));
  make(m_actions.addShot, "actionAddShot", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N), [this] { addShotAfterSelection(); });
  make(m_actions.duplicateShot, "actionDuplicateShot", QKeySequence(Qt::CTRL | Qt::Key_D), [this] { duplicateSelectedShot(); });
  make(m_actions.removeShot, "actionRemoveShot", QKeySequence::Delete, [this] { removeSelectedShot(); });
  make(m_actions.moveEarlier, "actionMoveEarlier", QKeySequence(Qt::ALT | Qt::Key_Left), [this] { nudgeSelectedShot(-1); });
  make(m_actions.moveLater, "actionMoveLater", QKeySequence(Qt::ALT | Qt::Key_Right), [this] { nudgeSelectedShot(1); });
  m_actions.addShot->setIcon(style->standardIcon(QStyle::SP_FileDialogNewFolder));
  m_actions.removeShot->setIcon(style->standardIcon(QStyle::SP_TrashIcon));
  m_storyboard->setCardActions({m_actions.moveEarlier, m_actions.moveLater});  // after the timeline's own

  m_actions.themes = new QActionGroup(this);
  make(m_actions.lightTheme, "actionLightTheme", QKeySequence(), [this] { setTheme(ThemeKind::Light); });
  make(m_actions.darkTheme, "actionDarkTheme", QKeySequence(), [this] { setTheme(ThemeKind::Dark); });
  for (QAction* action : {m_actions.lightTheme, m_actions.darkTheme}) {
    action->setCheckable(true);
    m_actions.themes->addAction(action);
  }
  (Theme::current() == ThemeKind::Dark ? m_actions.darkTheme : m_actions.lightTheme)->setChecked(true);

  m_actions.languages = new QActionGroup(this);
  for (const QString& language : Translations::available()) {
    auto* action = new QAction(Translations::nativeName(language), m_actions.languages);  // never translated
    action->setObjectName(QStringLiteral("actionLanguage_%1").arg(language));
    action->setData(language);
    action->setCheckable(true);
    action->setChecked(language == Translations::current());
    connect(action, &QAction::triggered, this, [this, language] { setLanguage(language); });
  }
  make(m_actions.about, "actionAbout", QKeySequence(), [this] { showAbout(); });
  m_actions.about->setMenuRole(QAction::AboutRole);
}

void MainWindow::createMenus() {
  QMenuBar* bar = menuBar();
  m_fileMenu = bar->addMenu(QString());
  m_fileMenu->setObjectName(QStringLiteral("menuFile"));
  m_fileMenu->addAction(m_actions.newProject);
  m_fileMenu->addAction(m_actions.open);
  m_recentMenu = m_fileMenu->addMenu(QString());
  m_recentMenu->setObjectName(QStringLiteral("menuRecent"));
  connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::updateRecentMenu);
  m_fileMenu->addSeparator();
  m_fileMenu->addAction(m_actions.save);
  m_fileMenu->addAction(m_actions.saveAs);
  m_fileMenu->addSeparator();
  m_fileMenu->addAction(m_actions.importFountain);
  m_fileMenu->addSeparator();
  m_fileMenu->addAction(m_actions.quit);

  m_editMenu = bar->addMenu(QString());
  m_editMenu->setObjectName(QStringLiteral("menuEdit"));
  m_editMenu->addAction(m_actions.undo);
  m_editMenu->addAction(m_actions.redo);
  m_editMenu->addSeparator();
  m_editMenu->addAction(m_actions.addShot);
  m_editMenu->addAction(m_actions.duplicateShot);
  m_editMenu->addAction(m_actions.removeShot);
  m_editMenu->addSeparator();
  m_editMenu->addAction(m_actions.moveEarlier);
  m_editMenu->addAction(m_actions.moveLater);

  m_viewMenu = bar->addMenu(QString());
  m_viewMenu->setObjectName(QStringLiteral("menuView"));
  m_viewMenu->addAction(m_briefDock->toggleViewAction());
  m_viewMenu->addAction(m_shotDock->toggleViewAction());
  m_viewMenu->addSeparator();
  m_viewMenu->addActions({m_storyboard->zoomInAction(), m_storyboard->zoomOutAction(),  // timeline zoom
                          m_storyboard->zoomToFitAction()});
  m_viewMenu->addSeparator();
  m_themeMenu = m_viewMenu->addMenu(QString());
  m_themeMenu->setObjectName(QStringLiteral("menuTheme"));
  m_themeMenu->addActions(m_actions.themes->actions());

  m_settingsMenu = bar->addMenu(QString());
  m_settingsMenu->setObjectName(QStringLiteral("menuSettings"));
  m_languageMenu = m_settingsMenu->addMenu(QString());
  m_languageMenu->setObjectName(QStringLiteral("menuLanguage"));
  m_languageMenu->addActions(m_actions.languages->actions());

  m_helpMenu = bar->addMenu(QString());
  m_helpMenu->setObjectName(QStringLiteral("menuHelp"));
  m_helpMenu->addAction(m_actions.about);

  m_toolBar = addToolBar(QString());
  m_toolBar->setObjectName(QStringLiteral("MainToolBar"));
  m_toolBar->setMovable(false);
  m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  m_toolBar->addActions({m_actions.newProject, m_actions.open, m_actions.save});
  m_toolBar->addSeparator();
  m_toolBar->addActions({m_actions.undo, m_actions.redo});
  m_toolBar->addSeparator();
  m_toolBar->addActions({m_actions.addShot, m_actions.removeShot});
  m_viewMenu->insertAction(m_themeMenu->menuAction(), m_toolBar->toggleViewAction());
  m_viewMenu->insertSeparator(m_themeMenu->menuAction());
  updateRecentMenu();
}

void MainWindow::retranslateUi() {
  m_fileMenu->setTitle(tr("&File"));
  m_recentMenu->setTitle(tr("Open &Recent"));
  m_editMenu->setTitle(tr("&Edit"));
  m_viewMenu->setTitle(tr("&View"));
  m_themeMenu->setTitle(tr("&Theme"));
  m_settingsMenu->setTitle(tr("&Settings"));
  m_languageMenu->setTitle(tr("&Language"));
  m_helpMenu->setTitle(tr("&Help"));
  m_toolBar->setWindowTitle(tr("Main Toolbar"));
  setDockTexts(m_briefDock, tr("Brief"), tr("&Brief Panel"));
  setDockTexts(m_shotDock, tr("Shot"), tr("S&hot Panel"));

  // Short labels for the tool bar (menu texts carry mnemonics that read badly on buttons in some languages).
  m_actions.newProject->setIconText(tr("New"));
  m_actions.open->setIconText(tr("Open"));
  m_actions.save->setIconText(tr("Save"));
  m_actions.addShot->setIconText(tr("Add Shot"));
  m_actions.removeShot->setIconText(tr("Delete Shot"));
  m_actions.newProject->setText(tr("&New"));
  m_actions.newProject->setToolTip(tr("Start a new, empty project"));
  m_actions.open->setText(tr("&Open..."));
  m_actions.open->setToolTip(tr("Open a project folder"));
  m_actions.save->setText(tr("&Save"));
  m_actions.save->setToolTip(tr("Save the project"));
  m_actions.saveAs->setText(tr("Save &As..."));
  m_actions.importFountain->setText(tr("&Import Fountain..."));
  m_actions.importFountain->setToolTip(tr("Build a new storyboard from a Fountain screenplay"));
  m_actions.clearRecent->setText(tr("&Clear List"));
  m_actions.quit->setText(tr("&Quit"));
  m_actions.addShot->setText(tr("&Add Shot"));
  m_actions.addShot->setToolTip(tr("Add a shot after the selected one"));
  m_actions.duplicateShot->setText(tr("D&uplicate Shot"));
  m_actions.removeShot->setText(tr("&Delete Shot"));
  m_actions.removeShot->setToolTip(tr("Delete the selected shot"));
  m_actions.moveEarlier->setText(tr("Move Shot &Earlier"));
  m_actions.moveLater->setText(tr("Move Shot &Later"));
  m_actions.lightTheme->setText(tr("&Light"));
  m_actions.darkTheme->setText(tr("&Dark"));
  m_actions.about->setText(tr("&About Shotcraft"));
  m_toolBar->toggleViewAction()->setText(tr("&Toolbar"));
  updateRecentMenu();
  updateEditActions();
  updateTitle();
  updateSummary();
  retranslateRenderUi();
  retranslateSteeringUi();
  retranslateSettingsUi();
  retranslateAnimaticUi();
  retranslateModelsUi();
}

void MainWindow::updateRecentMenu() {
  m_recentMenu->clear();
  const QStringList recent = RecentFiles::list();
  int number = 1;
  for (const QString& path : recent) {
    const QString label = tr("&%1 %2").arg(number++).arg(QDir::toNativeSeparators(path));
    QAction* action = m_recentMenu->addAction(label);
    connect(action, &QAction::triggered, this, [this, path] { openProject(path); });
  }
  if (recent.isEmpty()) m_recentMenu->addAction(tr("No recent projects"))->setEnabled(false);
  m_recentMenu->addSeparator();
  m_recentMenu->addAction(m_actions.clearRecent);
  m_actions.clearRecent->setEnabled(!recent.isEmpty());
}

void MainWindow::updateEditActions() {
  const QUndoStack* stack = m_document->undoStack();
  m_actions.undo->setEnabled(stack->canUndo());
  m_actions.redo->setEnabled(stack->canRedo());
  m_actions.undo->setText(stack->canUndo() ? tr("&Undo %1").arg(stack->undoText()) : tr("&Undo"));
  m_actions.redo->setText(stack->canRedo() ? tr("&Redo %1").arg(stack->redoText()) : tr("&Redo"));
  m_actions.undo->setIconText(tr("Undo"));
  m_actions.redo->setIconText(tr("Redo"));
  const bool hasShot = !m_storyboard->selectedShot().isEmpty();
  for (QAction* action : {m_actions.duplicateShot, m_actions.removeShot, m_actions.moveEarlier, m_actions.moveLater})
    action->setEnabled(hasShot);
}

}  // namespace shotcraft::ui
