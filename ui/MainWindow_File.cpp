// MainWindow: New, Open, Save, Save As, Import Fountain, recent projects, unsaved-changes prompts.
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QStandardPaths>
#include <QStatusBar>

#include "ui/MainWindow.h"
#include "ui/ProjectDocument.h"
#include "ui/RecentFiles.h"
#include "ui/StoryboardView.h"

namespace shotcraft::ui {

namespace {
constexpr int kStatusMessage_ms = 4000;
const char* const kFolderSuffix = ".shotcraft";
}  // namespace

bool MainWindow::maybeSave() {
  if (!m_document->isDirty()) return true;
  switch (m_askUnsaved ? m_askUnsaved(m_document->displayName()) : UnsavedChoice::Cancel) {
    case UnsavedChoice::Save: return saveProject();
    case UnsavedChoice::Discard: return true;
    case UnsavedChoice::Cancel: return false;
  }
  return false;
}

bool MainWindow::newProject() {
  if (!maybeSave()) return false;
  m_document->newProject();
  statusBar()->showMessage(tr("New project"), kStatusMessage_ms);
  return true;
}

bool MainWindow::openProject(const QString& path) {
  if (!maybeSave()) return false;
  QString error;
  if (!m_document->load(path, &error)) {
    RecentFiles::remove(path);  // do not offer it again at the next start
    updateRecentMenu();
    reportError(tr("Cannot Open Project"),
                tr("Could not open %1:\n%2").arg(QDir::toNativeSeparators(path), error));
    return false;
  }
  rememberRecent(m_document->filePath());
  offerRecoveryFor(m_document->filePath());  // crash recovery (MainWindow_Recovery.cpp)
  selectFirstShot();
  statusBar()->showMessage(tr("Opened %1").arg(QDir::toNativeSeparators(m_document->filePath())), kStatusMessage_ms);
  return true;
}

bool MainWindow::saveProject() {
  if (m_document->filePath().isEmpty()) return saveAsWithDialog();
  QString error;
  if (!m_document->save(&error)) {
    reportError(tr("Cannot Save Project"), tr("The project was not saved:\n%1").arg(error));
    return false;
  }
  rememberRecent(m_document->filePath());
  statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(m_document->filePath())), kStatusMessage_ms);
  return true;
}

bool MainWindow::saveProjectAs(const QString& folder) {
  QString target = folder;
  if (QFileInfo(target).fileName() != QLatin1String("project.json") && !target.endsWith(QLatin1String(kFolderSuffix)))
    target += QLatin1String(kFolderSuffix);
  QString error;
  if (!m_document->saveAs(target, &error)) {
    reportError(tr("Cannot Save Project"), tr("The project was not saved:\n%1").arg(error));
    return false;
  }
  rememberRecent(m_document->filePath());
  statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(m_document->filePath())), kStatusMessage_ms);
  return true;
}

bool MainWindow::importFountain(const QString& fountainPath) {
  if (!maybeSave()) return false;
  QString error;
  if (!m_document->importFountain(fountainPath, &error)) {
    reportError(tr("Cannot Import Screenplay"),
                tr("Could not import %1:\n%2").arg(QDir::toNativeSeparators(fountainPath), error));
    return false;
  }
  selectFirstShot();
  statusBar()->showMessage(tr("Imported %1").arg(QFileInfo(fountainPath).fileName()), kStatusMessage_ms);
  return true;
}

void MainWindow::openWithDialog() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Open Project"), dialogFolder(),
                                                    tr("Shotcraft projects (project.json)"));
  if (!path.isEmpty()) openProject(path);
}

bool MainWindow::saveAsWithDialog() {
  const QString suggested = QDir(dialogFolder()).filePath(m_document->displayName() + QLatin1String(kFolderSuffix));
  const QString folder = QFileDialog::getSaveFileName(this, tr("Save Project As"), suggested,
                                                      tr("Shotcraft project folders (*.shotcraft)"));
  return !folder.isEmpty() && saveProjectAs(folder);
}

void MainWindow::importWithDialog() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Import Fountain Screenplay"), dialogFolder(),
                                                    tr("Fountain screenplays (*.fountain *.spmd *.txt)"));
  if (!path.isEmpty()) importFountain(path);
}

void MainWindow::selectFirstShot() {
  const QStringList ids = m_document->project().shotIds();
  if (!ids.isEmpty()) m_storyboard->selectShot(ids.first());
}

void MainWindow::rememberRecent(const QString& path) {
  if (path.isEmpty()) return;
  RecentFiles::add(path);
  updateRecentMenu();
}

QString MainWindow::dialogFolder() const {
  if (!m_document->filePath().isEmpty()) return QFileInfo(m_document->filePath()).absolutePath();
  const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
  return documents.isEmpty() ? QDir::homePath() : documents;
}

}  // namespace shotcraft::ui
