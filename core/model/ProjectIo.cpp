#include "core/model/ProjectIo.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include "core/model/ProjectJson.h"

namespace shotcraft::model {

namespace {
bool fail(QString* error, const QString& message) {
  if (error) *error = message;
  return false;
}

bool endsWithProjectFile(const QString& path) {
  return QFileInfo(path).fileName() == QLatin1String(ProjectIo::kProjectFileName);
}
}  // namespace

QString ProjectIo::projectFilePath(const QString& path) {
  if (endsWithProjectFile(path) && !QFileInfo(path).isDir()) return QDir::cleanPath(path);
  return QDir::cleanPath(path + QLatin1Char('/') + QLatin1String(kProjectFileName));
}

QString ProjectIo::projectFolder(const QString& path) { return QFileInfo(projectFilePath(path)).path(); }

QString ProjectIo::nameFromPath(const QString& path) {
  QString name = QFileInfo(projectFolder(path)).fileName();
  if (name.endsWith(QLatin1String(kFolderSuffix))) name.chop(int(qstrlen(kFolderSuffix)));
  return name;
}

bool ProjectIo::load(const QString& path, Project* out, QString* error) {
  if (path.isEmpty()) return fail(error, QStringLiteral("no project path given"));
  const QFileInfo given(path);
  if (!given.exists()) return fail(error, QStringLiteral("%1: no such file or folder").arg(path));
  const QString file = projectFilePath(path);
  const QFileInfo info(file);
  if (!info.exists()) return fail(error, QStringLiteral("%1: not a Shotcraft project (no project.json)").arg(path));
  if (info.isDir() || !info.isFile()) return fail(error, QStringLiteral("%1: not a regular file").arg(file));
  if (info.size() > kMaxProjectFileBytes) {
    return fail(error, QStringLiteral("%1: too large (%2 MiB; the limit is 64 MiB)")
                           .arg(file)
                           .arg(double(info.size()) / (1024.0 * 1024.0), 0, 'f', 1));
  }
  QFile f(file);
  if (!f.open(QIODevice::ReadOnly)) return fail(error, QStringLiteral("cannot read %1: %2").arg(file, f.errorString()));
  // Read at most one byte past the checked size: a file that grew meanwhile is refused, not read without end.
  const QByteArray bytes = f.read(info.size() + 1);
  if (f.error() != QFileDevice::NoError) {
    return fail(error, QStringLiteral("cannot read %1: %2").arg(file, f.errorString()));
  }
  if (bytes.size() > info.size()) return fail(error, QStringLiteral("%1: changed while being read").arg(file));
  return ProjectJson::fromJson(bytes, out, error);
}

bool ProjectIo::save(const Project& project, const QString& folder, QString* error) {
  if (folder.isEmpty()) return fail(error, QStringLiteral("no project path given"));
  if (QString why = project.validate(); !why.isEmpty()) return fail(error, QStringLiteral("not saved: ") + why);
  const QString file = projectFilePath(folder);
  const QString dir = QFileInfo(file).path();
  const QFileInfo dirInfo(dir);
  if (dirInfo.exists() && !dirInfo.isDir()) return fail(error, QStringLiteral("%1: exists and is not a folder").arg(dir));
  for (const QString& sub : {QString(), QStringLiteral("/assets"), QStringLiteral("/takes")}) {
    const QString path = dir + sub;
    const QFileInfo subInfo(path);
    if (subInfo.exists() && !subInfo.isDir()) {
      return fail(error, QStringLiteral("cannot save into %1: %2 is not a folder").arg(dir, path));
    }
    if (!QDir().mkpath(path)) return fail(error, QStringLiteral("cannot create folder %1").arg(path));
  }
  QSaveFile out(file);
  if (!out.open(QIODevice::WriteOnly)) {
    return fail(error, QStringLiteral("cannot write %1: %2").arg(file, out.errorString()));
  }
  const QByteArray bytes = ProjectJson::toJson(project);
  if (out.write(bytes) != bytes.size()) {
    out.cancelWriting();
    return fail(error, QStringLiteral("cannot write %1: %2").arg(file, out.errorString()));
  }
  if (!out.commit()) return fail(error, QStringLiteral("cannot write %1: %2").arg(file, out.errorString()));
  return true;
}

}  // namespace shotcraft::model
