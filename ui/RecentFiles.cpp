#include "ui/RecentFiles.h"

#include <QFileInfo>
#include <QSettings>

namespace shotcraft::ui {

namespace {
const char* const kSettingsKey = "recentFiles";

QStringList stored() { return QSettings().value(QLatin1String(kSettingsKey)).toStringList(); }
void store(const QStringList& paths) { QSettings().setValue(QLatin1String(kSettingsKey), paths); }
}  // namespace

QStringList RecentFiles::list() {
  QStringList paths;
  for (const QString& path : stored())
    if (QFileInfo::exists(path) && !paths.contains(path)) paths << path;
  return paths;
}

void RecentFiles::add(const QString& path) {
  const QString absolute = QFileInfo(path).absoluteFilePath();
  QStringList paths = stored();
  paths.removeAll(absolute);
  paths.prepend(absolute);
  while (paths.size() > kMaxEntries) paths.removeLast();
  store(paths);
}

void RecentFiles::remove(const QString& path) {
  QStringList paths = stored();
  paths.removeAll(QFileInfo(path).absoluteFilePath());
  store(paths);
}

void RecentFiles::clear() { store({}); }

}  // namespace shotcraft::ui
