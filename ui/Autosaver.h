#pragma once
// Writes crash-recovery snapshots of a ProjectDocument while it has unsaved changes (issue 8): every
// interval_s() seconds (QSettings kIntervalKey, default 60 s; 0 turns autosave off) and shortly after a burst
// of edits settles. The snapshot goes to RecoveryStore::snapshotFile(filePath) — never the project itself —
// and is removed when the document becomes clean (saved, or undone back), when another project replaces it,
// and when the autosaver is destroyed (a clean close). A crash leaves it behind for the next start.
#include <QObject>
#include <QString>

class QTimer;

namespace shotcraft::ui {

class ProjectDocument;

class Autosaver : public QObject {
  Q_OBJECT
 public:
  static constexpr const char* kIntervalKey = "autosave/interval_s";
  static constexpr int kDefaultInterval_s = 60;
  static constexpr int kDefaultSettle_ms = 3000;

  explicit Autosaver(ProjectDocument* document, QObject* parent = nullptr);
  ~Autosaver() override;  // removes this session's snapshot

  static int savedInterval_s();  // from QSettings, clamped to [0, 3600]
  int interval_s() const { return m_interval_s; }
  void setInterval_s(int seconds);  // 0 = off
  void setSettleDelay_ms(int ms);

  QString snapshotFile() const { return m_file; }  // where the current document's snapshot goes
  bool hasSnapshot() const { return m_written; }
  // Writes now when the document is dirty and changed since the last snapshot. False with *error on failure.
  bool writeNow(QString* error = nullptr);
  // The document now holds what the snapshot at `file` recovered: it becomes this session's snapshot.
  void adoptSnapshot(const QString& file);
  void discardSnapshot();

 signals:
  void snapshotWritten(const QString& file);
  void snapshotFailed(const QString& error);

 private:
  void onChanged();
  void onReset();
  void onDirtyChanged(bool dirty);

  ProjectDocument* m_document;
  QTimer* m_periodic;
  QTimer* m_settle;
  QString m_file;
  int m_interval_s = kDefaultInterval_s;
  bool m_written = false;  // m_file was written (or adopted) by this session
  bool m_pending = false;  // edits since the last snapshot
};

}  // namespace shotcraft::ui
