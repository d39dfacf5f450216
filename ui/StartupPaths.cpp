#include "ui/StartupPaths.h"

#include <QDir>
#include <QFileInfo>

namespace shotcraft::ui {

namespace {
const char* const kDemoFolder = "NeonDawn.shotcraft";
}

QStringList StartupPaths::demoSearchFolders(const QString& applicationDir) {
  QStringList folders;
  if (!applicationDir.isEmpty()) {
    const QDir bin(applicationDir);
    folders << bin.absoluteFilePath(QStringLiteral("../share/shotcraft/demo"))
            << bin.absoluteFilePath(QStringLiteral("../../resources/demo"))
            << bin.absoluteFilePath(QStringLiteral("../../../resources/demo"));
  }
  folders << QStringLiteral(SHOTCRAFT_SOURCE_DIR "/resources/demo");
  for (QString& folder : folders) folder = QDir::cleanPath(folder);
  return folders;
}

QString StartupPaths::demoProject(const QString& applicationDir) {
  for (const QString& folder : demoSearchFolders(applicationDir)) {
    const QString candidate = QDir(folder).filePath(QLatin1String(kDemoFolder));
    if (QFileInfo::exists(QDir(candidate).filePath(QStringLiteral("project.json")))) return candidate;
  }
  return {};
}

QString StartupPaths::projectToOpen(const QString& argument, const QStringList& recent,
                                    const QString& applicationDir) {
  if (!argument.isEmpty()) return argument;
  if (!recent.isEmpty()) return recent.first();
  return demoProject(applicationDir);
}

}  // namespace shotcraft::ui
