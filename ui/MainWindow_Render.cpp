// MainWindow: the render workflow: the Render Queue and Live Preview docks, the Render menu, the model folder
// setting and the storyboard cards' thumbnails and freshness marks.
#include <QAction>
#include <QDockWidget>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QMenu>
#include <QMenuBar>
#include <QRandomGenerator>
#include <QSettings>
#include <QStatusBar>
#include <QToolBar>
#include <QtConcurrent/QtConcurrentRun>

#include "core/model/Limits.h"
#include "ui/MainWindow.h"
#include "ui/PreviewPanel.h"
#include "ui/ProjectDocument.h"
#include "ui/PromptEditor.h"
#include "ui/RenderController.h"
#include "ui/RenderQueuePanel.h"
#include "ui/ShotCard.h"
#include "ui/ShotPanel.h"
#include "ui/StoryboardView.h"
#include "ui/TokenCounter.h"

namespace shotcraft::ui {

namespace {
constexpr int kRenderMessage_ms = 8000;
}

void MainWindow::createRenderUi() {
  m_render = new RenderController(m_document, nullptr, this);

  m_previewPanel = new PreviewPanel(m_render, this);
  m_previewDock = addPanelDock(QStringLiteral("PreviewDock"), m_previewPanel, Qt::LeftDockWidgetArea);
  m_queuePanel = new RenderQueuePanel(m_render, this);
  m_queueDock = addPanelDock(QStringLiteral("RenderQueueDock"), m_queuePanel, Qt::BottomDockWidgetArea);
  resizeDocks({m_queueDock}, {170}, Qt::Vertical);
  resizeDocks({m_previewDock}, {320}, Qt::Horizontal);

  m_renderDraftAction = new QAction(this);
  m_renderDraftAction->setObjectName(QStringLiteral("actionRenderDraft"));
  m_renderDraftAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
  connect(m_renderDraftAction, &QAction::triggered, this, [this] { renderSelectedShot(false); });
  m_renderFinalAction = new QAction(this);
  m_renderFinalAction->setObjectName(QStringLiteral("actionRenderFinal"));
  m_renderFinalAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
  connect(m_renderFinalAction, &QAction::triggered, this, [this] { renderSelectedShot(true); });
  m_renderStaleAction = new QAction(this);
  m_renderStaleAction->setObjectName(QStringLiteral("actionRenderStale"));
  m_renderStaleAction->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_R));
  connect(m_renderStaleAction, &QAction::triggered, this, [this] { renderStaleShots(); });
  m_modelFolderAction = new QAction(this);
  m_modelFolderAction->setObjectName(QStringLiteral("actionModelFolder"));
  connect(m_modelFolderAction, &QAction::triggered, this, &MainWindow::chooseModelFolder);

  m_renderMenu = new QMenu(this);
  m_renderMenu->setObjectName(QStringLiteral("menuRender"));
  m_renderMenu->addActions({m_renderDraftAction, m_renderFinalAction});
  m_renderMenu->addSeparator();
  m_renderMenu->addAction(m_renderStaleAction);
  menuBar()->insertMenu(m_settingsMenu->menuAction(), m_renderMenu);
  m_settingsMenu->addAction(m_modelFolderAction);
  m_viewMenu->insertAction(m_themeMenu->menuAction(), m_previewDock->toggleViewAction());
  m_viewMenu->insertAction(m_themeMenu->menuAction(), m_queueDock->toggleViewAction());
  m_toolBar->addSeparator();
  m_toolBar->addAction(m_renderDraftAction);

  loadTokenizer(RenderController::modelDir());

  // The timeline's clip menu: Regenerate does what Render Draft does; New Take draws a new seed first.
  connect(m_storyboard, &StoryboardView::regenerateRequested, this, [this] { renderSelectedShot(false); });
  connect(m_storyboard, &StoryboardView::newTakeRequested, this, [this](const QString& shotId) {
    m_document->setShotSeed(shotId, QRandomGenerator::global()->bounded(static_cast<quint64>(model::limits::kMaxSeed)));
    renderSelectedShot(false);
  });

  // Cards are rebuilt by the storyboard on these signals (connected earlier, so they run first).
  connect(m_document, &ProjectDocument::structureChanged, this, [this] { refreshRenderStates(); });
  connect(m_document, &ProjectDocument::projectReset, this, [this] { refreshRenderStates(); });
  connect(m_document, &ProjectDocument::shotChanged, this, &MainWindow::refreshRenderStates);
  connect(m_render, &RenderController::renderStateChanged, this, &MainWindow::refreshRenderStates);
  connect(m_render, &RenderController::renderFailed, this,
          [this](engine::JobId, const QString& shotId, const QString& error) {
            statusBar()->showMessage(tr("Render of %1 failed: %2").arg(shotId, error), kRenderMessage_ms);
          });
  connect(m_render, &RenderController::takeApplied, this, [this](const QString& shotId, const QString& takeId) {
    statusBar()->showMessage(tr("Shot %1: take %2 rendered").arg(shotId, takeId), kRenderMessage_ms);
  });
}

bool MainWindow::renderSelectedShot(bool final) {
  const QString shotId = m_storyboard->selectedShot();
  if (shotId.isEmpty()) {
    reportError(tr("Render"), tr("Select a shot to render first."));
    return false;
  }
  if (!ensureSavedForRender()) return false;
  if (!m_shotPanel->seedLocked()) {
    const uint64_t seed = QRandomGenerator::global()->bounded(static_cast<quint64>(model::limits::kMaxSeed));
    m_document->setShotSeed(shotId, seed);
  }
  m_shotPanel->promptEditor()->rememberPrompt();
  QString error;
  const render::RenderMode mode = final ? render::RenderMode::Final : render::RenderMode::Draft;
  if (!m_render->regenerate(shotId, mode, &error)) {
    reportError(tr("Render"), error);
    return false;
  }
  m_queueDock->show();
  m_previewDock->show();
  return true;
}

bool MainWindow::ensureSavedForRender() {
  if (!m_document->filePath().isEmpty()) return true;
  statusBar()->showMessage(tr("Save the project first: rendered takes are stored in its folder."), kRenderMessage_ms);
  return saveProject();  // Save As asks where
}

int MainWindow::renderStaleShots() {
  if (!ensureSavedForRender()) return 0;
  int queued = 0;
  QString firstError;
  for (const QString& shotId : m_document->project().shotIds()) {
    const Freshness state = m_render->freshness(shotId);
    if (state == Freshness::Rendered || state == Freshness::Rendering) continue;
    QString error;
    if (m_render->regenerate(shotId, render::RenderMode::Draft, &error, nullptr, engine::JobPriority::Batch)) {
      ++queued;
    } else if (firstError.isEmpty()) {
      firstError = error;
    }
  }
  if (!firstError.isEmpty()) reportError(tr("Render"), firstError);
  if (queued > 0) {
    m_queueDock->show();
    m_previewDock->show();
    statusBar()->showMessage(tr("Drafting %n shot(s) without an up-to-date take", nullptr, queued), kRenderMessage_ms);
  } else if (firstError.isEmpty()) {
    statusBar()->showMessage(tr("Every shot already has an up-to-date take"), kRenderMessage_ms);
  }
  return queued;
}

void MainWindow::refreshRenderStates(const QString& shotId) {
  if (m_render == nullptr) return;
  const QStringList ids = shotId.isEmpty() ? m_document->project().shotIds() : QStringList{shotId};
  for (const QString& id : ids) {
    ShotCard* card = m_storyboard->card(id);
    if (card == nullptr) continue;
    card->setRenderState(m_render->freshness(id),
                         m_render->thumbnail(id, QSize(ShotCard::kWidth_px, ShotCard::kThumbnailHeight_px)));
  }
}

void MainWindow::chooseModelFolder() {
  const QString folder = QFileDialog::getExistingDirectory(this, tr("Choose a Model Folder"),
                                                           RenderController::modelDir());
  if (folder.isEmpty()) return;
  QSettings().setValue(QLatin1String(RenderController::kModelDirKey), folder);
  loadTokenizer(folder);
  statusBar()->showMessage(tr("Renders will use the model in %1").arg(folder), kRenderMessage_ms);
}

// Reading the vocabulary takes a while: load it on a pool thread and hand it to both prompt editors.
void MainWindow::loadTokenizer(const QString& modelDir) {
  if (modelDir.isEmpty()) return;  // the editors estimate
  auto* watcher = new QFutureWatcher<TokenCounter>(this);
  connect(watcher, &QFutureWatcher<TokenCounter>::finished, this, [this, watcher] {
    const TokenCounter counter = watcher->result();
    m_shotPanel->promptEditor()->setTokenCounter(counter);
    m_shotPanel->negativePromptEditor()->setTokenCounter(counter);
    watcher->deleteLater();
  });
  watcher->setFuture(QtConcurrent::run([modelDir] {
    TokenCounter counter;
    counter.loadTokenizer(modelDir);
    return counter;
  }));
}

void MainWindow::retranslateRenderUi() {
  if (m_renderMenu == nullptr) return;
  m_renderMenu->setTitle(tr("&Render"));
  m_renderDraftAction->setText(tr("Render &Draft"));
  m_renderDraftAction->setToolTip(tr("Render a quick low-resolution take of the selected shot"));
  m_renderFinalAction->setText(tr("Render &Final"));
  m_renderStaleAction->setText(tr("Draft All &Stale Shots"));
  m_renderStaleAction->setToolTip(tr("Draft every shot that has no take yet or was edited since its take, in play order"));
  m_modelFolderAction->setText(tr("&Model Folder…"));
  setDockTexts(m_previewDock, tr("Live Preview"), tr("Live &Preview"));
  setDockTexts(m_queueDock, tr("Render Queue"), tr("Render &Queue"));
}

}  // namespace shotcraft::ui
