#include "ui/MainWindow.h"

#include <QAction>
#include <QCloseEvent>
#include <QDockWidget>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QUndoStack>

#include "ui/BriefPanel.h"
#include "ui/ProjectDocument.h"
#include "ui/ShotPanel.h"
#include "ui/StoryboardView.h"

namespace shotcraft::ui {

namespace {
const char* const kGeometryKey = "mainWindow/geometry";
const char* const kStateKey = "mainWindow/state";
constexpr int kLayoutVersion = 1;
constexpr int kStatusMessage_ms = 6000;
}  // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_document(new ProjectDocument(this)), m_storyboard(new StoryboardView(m_document, this)) {
  setObjectName(QStringLiteral("MainWindow"));
  setCentralWidget(m_storyboard);
  setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);
  m_summary = new QLabel(this);
  m_summary->setObjectName(QStringLiteral("summaryLabel"));
  statusBar()->addPermanentWidget(m_summary);

  m_reportError = [this](const QString& title, const QString& message) {
    QMessageBox::warning(this, title, message);
  };
  m_askUnsaved = [this](const QString& projectName) {
    QMessageBox box(QMessageBox::Warning, tr("Unsaved Changes"),
                    tr("\"%1\" has changes that are not saved.").arg(projectName), QMessageBox::NoButton, this);
    box.setInformativeText(tr("Save them before continuing?"));
    QPushButton* save = box.addButton(tr("&Save"), QMessageBox::AcceptRole);
    QPushButton* discard = box.addButton(tr("&Don't Save"), QMessageBox::DestructiveRole);
    box.addButton(tr("Cancel"), QMessageBox::RejectRole);
    box.setDefaultButton(save);
    box.exec();
    if (box.clickedButton() == save) return UnsavedChoice::Save;
    if (box.clickedButton() == discard) return UnsavedChoice::Discard;
    return UnsavedChoice::Cancel;
  };

  createDocks();
  createActions();
  createMenus();
  createRenderUi();
  createSteeringUi();
  createRecovery();
  createSettingsUi();
  createAnimaticUi();
  createModelsUi();
  connectDocument();
  retranslateUi();
  restoreLayout();
  updateTitle();
  updateSummary();
  updateEditActions();
}

MainWindow::~MainWindow() = default;

QDockWidget* MainWindow::addPanelDock(const QString& objectName, QWidget* widget, Qt::DockWidgetArea area) {
  auto* dock = new QDockWidget(this);
  dock->setObjectName(objectName);
  dock->setWidget(widget);
  addDockWidget(area, dock);
  return dock;
}

void MainWindow::setDockTexts(QDockWidget* dock, const QString& title, const QString& menuText) {
  dock->setWindowTitle(title);
  dock->toggleViewAction()->setText(menuText);
}

void MainWindow::createDocks() {
  m_briefPanel = new BriefPanel(m_document, this);
  m_briefDock = addPanelDock(QStringLiteral("BriefDock"), m_briefPanel, Qt::RightDockWidgetArea);
  m_shotPanel = new ShotPanel(m_document, this);
  m_shotDock = addPanelDock(QStringLiteral("ShotDock"), m_shotPanel, Qt::RightDockWidgetArea);
  resizeDocks({m_briefDock, m_shotDock}, {400, 400}, Qt::Horizontal);
  resizeDocks({m_briefDock, m_shotDock}, {240, 660}, Qt::Vertical);
}

void MainWindow::connectDocument() {
  connect(m_storyboard, &StoryboardView::selectionChanged, this, [this](const QString& shotId) {
    m_shotPanel->setShot(shotId);
    updateEditActions();
  });
  connect(m_storyboard, &StoryboardView::editFailed, this, [this](const QString& message) {
    statusBar()->showMessage(tr("Not applied: %1").arg(message), kStatusMessage_ms);
  });
  connect(m_document, &ProjectDocument::changed, this, [this] {
    updateSummary();
    updateEditActions();
  });
  connect(m_document, &ProjectDocument::dirtyChanged, this, &MainWindow::updateTitle);
  connect(m_document, &ProjectDocument::filePathChanged, this, &MainWindow::updateTitle);
  connect(m_document, &ProjectDocument::projectReset, this, &MainWindow::updateTitle);
  connect(m_document->undoStack(), &QUndoStack::indexChanged, this, &MainWindow::updateEditActions);
}

QString MainWindow::summaryText() const {
  const model::Project& project = m_document->project();
  return tr("%1 acts · %n shot(s) · %2 s", nullptr, project.shotCount())
      .arg(model::Project::kActCount)
      .arg(QString::number(project.totalDuration_s(), 'f', 1));
}

void MainWindow::updateSummary() { m_summary->setText(summaryText()); }

void MainWindow::updateTitle() {
  setWindowTitle(tr("%1[*] — Shotcraft").arg(m_document->displayName()));
  setWindowModified(m_document->isDirty());
}

void MainWindow::reportError(const QString& title, const QString& message) {
  statusBar()->showMessage(message, kStatusMessage_ms);
  if (m_reportError) m_reportError(title, message);
}

void MainWindow::restoreLayout() {
  QSettings settings;
  const QByteArray geometry = settings.value(QLatin1String(kGeometryKey)).toByteArray();
  if (geometry.isEmpty() || !restoreGeometry(geometry)) resize(1440, 900);
  restoreState(settings.value(QLatin1String(kStateKey)).toByteArray(), kLayoutVersion);
}

void MainWindow::saveLayout() const {
  QSettings settings;
  settings.setValue(QLatin1String(kGeometryKey), saveGeometry());
  settings.setValue(QLatin1String(kStateKey), saveState(kLayoutVersion));
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (!maybeSave()) {
    event->ignore();
    return;
  }
  saveLayout();
  event->accept();
}

void MainWindow::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslateUi();
  QMainWindow::changeEvent(event);
}

}  // namespace shotcraft::ui
