// MainWindow: autosave and crash recovery (issue 8). The Autosaver keeps a snapshot of unsaved work; on start
// and when a project is opened, a snapshot newer than the project is offered back.
#include <QDateTime>
#include <QDir>
#include <QLocale>
#include <QMessageBox>
#include <QStatusBar>

#include "ui/Autosaver.h"
#include "ui/MainWindow.h"
#include "ui/ProjectDocument.h"
#include "ui/RecoveryStore.h"

namespace shotcraft::ui {

namespace {
constexpr int kRecoveryMessage_ms = 6000;
}

void MainWindow::createRecovery() {
  m_autosaver = new Autosaver(m_document, this);
  connect(m_autosaver, &Autosaver::snapshotFailed, this, [this](const QString& error) {
    statusBar()->showMessage(tr("Autosave failed: %1").arg(error), kRecoveryMessage_ms);
  });
  m_askRecover = [this](const QString& projectName, const QDateTime& savedAt) {
    const QString when = QLocale().toString(savedAt.toLocalTime(), QLocale::ShortFormat);
    QMessageBox box(QMessageBox::Question, tr("Recover Unsaved Changes"),
                    tr("Recover unsaved changes from %1?").arg(when), QMessageBox::Yes | QMessageBox::No, this);
    box.setInformativeText(tr("Shotcraft kept a copy of \"%1\" that was not saved before it closed.").arg(projectName));
    box.setDefaultButton(QMessageBox::Yes);
    return box.exec() == QMessageBox::Yes;
  };
}

bool MainWindow::offerRecovery(const QString& snapshotFile) {
  RecoverySnapshot snapshot;
  QString error;
  if (!RecoveryStore::read(snapshotFile, &snapshot, &error)) {
    RecoveryStore::setAside(snapshotFile);  // never offered again; the project opens as saved
    reportError(tr("Recovery Snapshot Ignored"), tr("A recovery snapshot could not be read: %1").arg(error));
    return false;
  }
  const bool untitled = snapshot.projectPath.isEmpty();
  const QString name = untitled ? tr("Untitled") : m_document->displayName();
  if (!m_askRecover || !m_askRecover(name, snapshot.savedAt)) {
    RecoveryStore::remove(snapshotFile);
    return false;
  }
  m_document->reset(std::move(snapshot.project), untitled ? QString() : m_document->filePath(), true);
  m_autosaver->adoptSnapshot(snapshotFile);
  statusBar()->showMessage(tr("Recovered unsaved changes from %1")
                               .arg(QLocale().toString(snapshot.savedAt.toLocalTime(), QLocale::ShortFormat)),
                           kRecoveryMessage_ms);
  return true;
}

bool MainWindow::offerRecoveryFor(const QString& projectPath) {
  const QString file = RecoveryStore::pendingFor(projectPath);
  return !file.isEmpty() && offerRecovery(file);
}

bool MainWindow::offerOrphanedRecovery() {
  if (m_document->isDirty()) return false;  // never replaces work of this session
  const QStringList files = RecoveryStore::orphanedUntitled();
  return !files.isEmpty() && offerRecovery(files.first());
}

}  // namespace shotcraft::ui
