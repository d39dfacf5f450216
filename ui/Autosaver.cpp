#include "ui/Autosaver.h"

#include <QFile>
#include <QSettings>
#include <QTimer>
#include <algorithm>

#include "ui/ProjectDocument.h"
#include "ui/RecoveryStore.h"

namespace shotcraft::ui {

namespace {
constexpr int kMaxInterval_s = 3600;
}

Autosaver::Autosaver(ProjectDocument* document, QObject* parent)
    : QObject(parent), m_document(document), m_periodic(new QTimer(this)), m_settle(new QTimer(this)) {
  m_settle->setSingleShot(true);
  m_settle->setInterval(kDefaultSettle_ms);
  connect(m_periodic, &QTimer::timeout, this, [this] { writeNow(); });
  connect(m_settle, &QTimer::timeout, this, [this] { writeNow(); });
  connect(document, &ProjectDocument::changed, this, &Autosaver::onChanged);
  connect(document, &ProjectDocument::projectReset, this, &Autosaver::onReset);
  connect(document, &ProjectDocument::dirtyChanged, this, &Autosaver::onDirtyChanged);
  connect(document, &ProjectDocument::filePathChanged, this, [this] {
    // Save As of an untitled project: its old snapshot is now the saved file's business.
    if (m_written) RecoveryStore::remove(m_file);
    m_written = false;
    m_file = RecoveryStore::snapshotFile(m_document->filePath());
  });
  m_file = RecoveryStore::snapshotFile(document->filePath());
  setInterval_s(savedInterval_s());
}

Autosaver::~Autosaver() { discardSnapshot(); }

int Autosaver::savedInterval_s() {
  const int seconds = QSettings().value(QLatin1String(kIntervalKey), kDefaultInterval_s).toInt();
  return std::clamp(seconds, 0, kMaxInterval_s);
}

void Autosaver::setInterval_s(int seconds) {
  m_interval_s = std::clamp(seconds, 0, kMaxInterval_s);
  m_periodic->stop();
  if (m_interval_s == 0) {
    m_settle->stop();
    return;
  }
  m_periodic->setInterval(m_interval_s * 1000);
  if (m_document->isDirty()) m_periodic->start();
}

void Autosaver::setSettleDelay_ms(int ms) { m_settle->setInterval(std::max(0, ms)); }

void Autosaver::onChanged() {
  if (!m_document->isDirty()) return;
  m_pending = true;
  if (m_interval_s == 0) return;
  m_settle->start();
  if (!m_periodic->isActive()) m_periodic->start();
}

void Autosaver::onReset() {
  const QString next = RecoveryStore::snapshotFile(m_document->filePath());
  if (m_written && next != m_file) RecoveryStore::remove(m_file);
  if (next != m_file) m_written = false;
  m_file = next;
  m_pending = m_document->isDirty();
  m_settle->stop();
  m_periodic->stop();
}

void Autosaver::onDirtyChanged(bool dirty) {
  if (dirty) return;
  m_pending = false;
  m_settle->stop();
  m_periodic->stop();
  discardSnapshot();  // saved (or undone back to the saved state): nothing to recover
}

bool Autosaver::writeNow(QString* error) {
  if (!m_document->isDirty() || !m_pending) return true;
  QString why;
  if (!RecoveryStore::write(m_file, m_document->project(), m_document->filePath(), &why)) {
    if (error != nullptr) *error = why;
    emit snapshotFailed(why);
    return false;
  }
  m_written = true;
  m_pending = false;
  emit snapshotWritten(m_file);
  return true;
}

void Autosaver::adoptSnapshot(const QString& file) {
  if (file != m_file) {
    // An untitled snapshot of an earlier run: carry it over to this process's name.
    RecoveryStore::remove(m_file);
    QFile::rename(file, m_file);
  }
  m_written = true;
  m_pending = false;
  if (m_interval_s > 0) m_periodic->start();
}

void Autosaver::discardSnapshot() {
  if (!m_written) return;
  RecoveryStore::remove(m_file);
  m_written = false;
}

}  // namespace shotcraft::ui
