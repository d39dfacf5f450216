#pragma once
// The studio window: the storyboard in the middle, "Brief" and "Shot" docks, menus, a tool bar and a status bar
// summary. Owns one ProjectDocument. Split by concern: MainWindow.cpp (layout, state, close),
// MainWindow_File.cpp (new/open/save/import/recent), MainWindow_Menus.cpp (actions, menus, retranslation),
// MainWindow_Edit.cpp (shot actions, language and theme).
#include <QMainWindow>
#include <QString>
#include <functional>

#include "ui/Theme.h"

class QAction;
class QActionGroup;
class QDateTime;
class QDockWidget;
class QLabel;
class QMenu;
class QToolBar;

namespace shotcraft::ui {

class AnimaticPlayer;
class Autosaver;
class BriefPanel;
class SettingsDialog;
struct StudioSettings;
class CameraPathEditor;
class ControlPanel;
class ModelsPanel;
class PreviewPanel;
class ProjectDocument;
class RenderController;
class RenderQueuePanel;
class ShotPanel;
class StoryboardView;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  enum class UnsavedChoice { Save, Discard, Cancel };
  // Shows an error to the user. The default is a modal QMessageBox; tests install one that records.
  using ErrorReporter = std::function<void(const QString& title, const QString& message)>;
  // Asks what to do with unsaved changes before they would be lost.
  using UnsavedPrompt = std::function<UnsavedChoice(const QString& projectName)>;

  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  ProjectDocument* document() const { return m_document; }
  StoryboardView* storyboard() const { return m_storyboard; }
  ShotPanel* shotPanel() const { return m_shotPanel; }
  BriefPanel* briefPanel() const { return m_briefPanel; }
  QDockWidget* shotDock() const { return m_shotDock; }
  QDockWidget* briefDock() const { return m_briefDock; }
  QMenu* fileMenu() const { return m_fileMenu; }
  QMenu* editMenu() const { return m_editMenu; }
  QLabel* summaryLabel() const { return m_summary; }
  RenderController* renderController() const { return m_render; }
  RenderQueuePanel* renderQueuePanel() const { return m_queuePanel; }
  PreviewPanel* previewPanel() const { return m_previewPanel; }
  QDockWidget* renderQueueDock() const { return m_queueDock; }
  QDockWidget* previewDock() const { return m_previewDock; }
  // Controls and Camera docks (MainWindow_Steering.cpp).
  ControlPanel* controlPanel() const { return m_controlPanel; }
  CameraPathEditor* cameraEditor() const { return m_cameraEditor; }
  QDockWidget* controlDock() const { return m_controlDock; }
  QDockWidget* cameraDock() const { return m_cameraDock; }

  // --- rendering (MainWindow_Render.cpp). Renders the selected shot in the background; asks to save an
  // unsaved project first. False with the reason reported when nothing was queued.
  bool renderSelectedShot(bool final);
  // Drafts every shot without an up-to-date take (none yet, stale or failed), in play order, as Batch jobs
  // (a shot the creator renders meanwhile goes first), keeping each shot's seed. Returns how many were queued.
  int renderStaleShots();

  void setErrorReporter(ErrorReporter reporter) { m_reportError = std::move(reporter); }
  void setUnsavedPrompt(UnsavedPrompt prompt) { m_askUnsaved = std::move(prompt); }

  // --- file operations. Those that replace the project first ask about unsaved changes (maybeSave()).
  // On failure they report the model's one-line error and keep the current project.
  bool newProject();
  bool openProject(const QString& path);
  bool saveProject();  // Save As when the project has no folder yet
  bool saveProjectAs(const QString& folder);
  bool importFountain(const QString& fountainPath);
  bool maybeSave();  // true when the current project may be replaced or closed

  // --- appearance; both are remembered in QSettings.
  void setLanguage(const QString& language);  // "en" or "zh_CN"
  void setTheme(ThemeKind theme);

  QString summaryText() const;  // "3 acts · 10 shots · 45.0 s"

  // --- autosave and crash recovery (MainWindow_Recovery.cpp). The prompt answers "Recover unsaved changes
  // from <time>?"; the default is a QMessageBox, tests install their own.
  using RecoveryPrompt = std::function<bool(const QString& projectName, const QDateTime& savedAt)>;
  void setRecoveryPrompt(RecoveryPrompt prompt) { m_askRecover = std::move(prompt); }
  Autosaver* autosaver() const { return m_autosaver; }
  // Offers the snapshot back; on yes the document holds it, dirty and bound to its project's folder. A snapshot
  // that cannot be read is reported in one line and set aside. False when nothing was recovered.
  bool offerRecovery(const QString& snapshotFile);
  bool offerRecoveryFor(const QString& projectPath);  // the project's snapshot, when newer than it
  bool offerOrphanedRecovery();  // an untitled project of a run that did not close cleanly

  // --- the Animatic dock (MainWindow_Animatic.cpp)
  AnimaticPlayer* animaticPlayer() const { return m_animatic; }
  QDockWidget* animaticDock() const { return m_animaticDock; }

  // --- the Models dock (MainWindow_Models.cpp)
  ModelsPanel* modelsPanel() const { return m_modelsPanel; }
  QDockWidget* modelsDock() const { return m_modelsDock; }

  // --- Settings > Preferences (MainWindow_Settings.cpp): shows the (non-modal) dialog with the saved values.
  SettingsDialog* showSettings();
  void applySettings(const StudioSettings& settings);  // language, theme, autosave, model folder

 protected:
  void closeEvent(QCloseEvent* event) override;
  void changeEvent(QEvent* event) override;

 private:
  // MainWindow.cpp
  void createDocks();
  // A dock named objectName (saved layouts find docks by it) holding widget, added at area. Its title and View
  // menu text are set where the UI is retranslated (setDockTexts()).
  QDockWidget* addPanelDock(const QString& objectName, QWidget* widget, Qt::DockWidgetArea area);
  static void setDockTexts(QDockWidget* dock, const QString& title, const QString& menuText);
  void connectDocument();
  void restoreLayout();
  void saveLayout() const;
  void updateTitle();
  void updateSummary();
  void reportError(const QString& title, const QString& message);
  // MainWindow_Menus.cpp
  void createActions();
  void createMenus();
  void retranslateUi();
  void updateRecentMenu();
  void updateEditActions();
  // MainWindow_File.cpp
  void openWithDialog();
  bool saveAsWithDialog();
  void importWithDialog();
  void rememberRecent(const QString& path);
  void selectFirstShot();
  QString dialogFolder() const;
  // MainWindow_Edit.cpp
  void addShotAfterSelection();
  void duplicateSelectedShot();
  void removeSelectedShot();
  void nudgeSelectedShot(int direction);
  void showAbout();
  // MainWindow_Render.cpp
  void createRenderUi();
  bool ensureSavedForRender();  // an unsaved project is saved first (takes live in its folder); false if not
  void retranslateRenderUi();
  void refreshRenderStates(const QString& shotId = {});  // "" = every shot
  void chooseModelFolder();
  void loadTokenizer(const QString& modelDir);
  // MainWindow_Steering.cpp
  void createSteeringUi();
  void retranslateSteeringUi();
  // MainWindow_Recovery.cpp
  void createRecovery();
  // MainWindow_Settings.cpp
  void createSettingsUi();
  void retranslateSettingsUi();
  // MainWindow_Animatic.cpp
  void createAnimaticUi();
  void retranslateAnimaticUi();
  // MainWindow_Models.cpp
  void createModelsUi();
  void retranslateModelsUi();

  ProjectDocument* m_document;
  StoryboardView* m_storyboard;
  ShotPanel* m_shotPanel = nullptr;
  BriefPanel* m_briefPanel = nullptr;
  QDockWidget* m_shotDock = nullptr;
  QDockWidget* m_briefDock = nullptr;
  QToolBar* m_toolBar = nullptr;
  RenderController* m_render = nullptr;
  RenderQueuePanel* m_queuePanel = nullptr;
  PreviewPanel* m_previewPanel = nullptr;
  QDockWidget* m_queueDock = nullptr;
  QDockWidget* m_previewDock = nullptr;
  ControlPanel* m_controlPanel = nullptr;
  CameraPathEditor* m_cameraEditor = nullptr;
  QDockWidget* m_controlDock = nullptr;
  QDockWidget* m_cameraDock = nullptr;
  QMenu* m_renderMenu = nullptr;
  QAction* m_renderDraftAction = nullptr;
  QAction* m_renderFinalAction = nullptr;
  QAction* m_renderStaleAction = nullptr;
  QAction* m_modelFolderAction = nullptr;
  QLabel* m_summary = nullptr;
  ErrorReporter m_reportError;
  UnsavedPrompt m_askUnsaved;
  Autosaver* m_autosaver = nullptr;
  RecoveryPrompt m_askRecover;
  QAction* m_preferencesAction = nullptr;
  SettingsDialog* m_settingsDialog = nullptr;
  QString m_loadedModelDir;  // the folder the prompt editors' tokenizer came from
  AnimaticPlayer* m_animatic = nullptr;
  QDockWidget* m_animaticDock = nullptr;
  ModelsPanel* m_modelsPanel = nullptr;
  QDockWidget* m_modelsDock = nullptr;

  QMenu* m_fileMenu = nullptr;
  QMenu* m_recentMenu = nullptr;
  QMenu* m_editMenu = nullptr;
  QMenu* m_viewMenu = nullptr;
  QMenu* m_themeMenu = nullptr;
  QMenu* m_settingsMenu = nullptr;
  QMenu* m_languageMenu = nullptr;
  QMenu* m_helpMenu = nullptr;
  struct Actions {
    QAction* newProject = nullptr;
    QAction* open = nullptr;
    QAction* save = nullptr;
    QAction* saveAs = nullptr;
    QAction* importFountain = nullptr;
    QAction* clearRecent = nullptr;
    QAction* quit = nullptr;
    QAction* undo = nullptr;
    QAction* redo = nullptr;
    QAction* addShot = nullptr;
    QAction* duplicateShot = nullptr;
    QAction* removeShot = nullptr;
    QAction* moveEarlier = nullptr;
    QAction* moveLater = nullptr;
    QAction* lightTheme = nullptr;
    QAction* darkTheme = nullptr;
    QAction* about = nullptr;
    QActionGroup* themes = nullptr;
    QActionGroup* languages = nullptr;
  } m_actions;
};

}  // namespace shotcraft::ui
