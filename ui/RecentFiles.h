#pragma once
// The most recently opened projects, newest first, kept in QSettings under "recentFiles".
#include <QString>
#include <QStringList>

namespace shotcraft::ui {

class RecentFiles {
 public:
  static constexpr int kMaxEntries = 8;

  static QStringList list();  // newest first; entries whose folder no longer exists are dropped
  static void add(const QString& path);  // moves an existing entry to the front
  static void remove(const QString& path);
  static void clear();
};

}  // namespace shotcraft::ui
