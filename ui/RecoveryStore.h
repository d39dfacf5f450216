#pragma once
// Crash-recovery snapshots of unsaved projects (issue 8). One JSON file per project under
// AppLocalDataLocation/recovery/: "<name>-<hash of the project folder>.json" for a saved project, or
// "untitled-<pid>.json" for one that has no folder yet. A snapshot never touches the user's own project file;
// it is written atomically (QSaveFile) and holds the project as project.json would, plus where it belongs.
#include <QDateTime>
#include <QString>
#include <QStringList>

#include "core/model/Project.h"

namespace shotcraft::ui {

struct RecoverySnapshot {
  model::Project project;
  QString projectPath;  // the Name.shotcraft folder it belongs to; "" for an untitled project
  QDateTime savedAt;    // UTC
  QString file;         // the snapshot file it was read from
};

class RecoveryStore {
 public:
  static QString folder();  // AppLocalDataLocation/recovery
  // The snapshot file of `projectPath` ("" = an untitled project of this process).
  static QString snapshotFile(const QString& projectPath);
  static QString untitledFile(qint64 pid);

  // Writes atomically; false + one line in *error when the folder or the file cannot be written.
  static bool write(const QString& file, const model::Project& project, const QString& projectPath,
                    QString* error = nullptr);
  // False + one line naming the file and what is wrong (not JSON, wrong kind, a bad project field).
  static bool read(const QString& file, RecoverySnapshot* out, QString* error = nullptr);
  static bool remove(const QString& file);
  // Moves a snapshot that cannot be read out of the way ("<file>.corrupt") so it is not offered again.
  static void setAside(const QString& file);

  // The snapshot of `projectPath` when there is one at least as new as its project.json; "" otherwise.
  static QString pendingFor(const QString& projectPath);
  // Untitled snapshots left by processes that are gone, newest first.
  static QStringList orphanedUntitled();
};

}  // namespace shotcraft::ui
