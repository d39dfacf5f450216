#include "ui/RecoveryStore.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>

#include "core/model/ProjectIo.h"
#include "core/model/ProjectJson.h"

namespace shotcraft::ui {

namespace {

const char* const kKind = "shotcraft-recovery";
constexpr int kVersion = 1;

bool fail(QString* error, const QString& message) {
  if (error != nullptr) *error = message;
  return false;
}

QString canonicalProject(const QString& projectPath) {
  return QDir::cleanPath(QFileInfo(model::ProjectIo::projectFolder(projectPath)).absoluteFilePath());
}

bool processAlive(qint64 pid) {
#ifdef Q_OS_LINUX
  return QFileInfo::exists(QStringLiteral("/proc/%1").arg(pid));
#else
  Q_UNUSED(pid);
  return false;  // elsewhere an untitled snapshot of another process counts as left behind
#endif
}

}  // namespace

QString RecoveryStore::folder() {
  return QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
      .filePath(QStringLiteral("recovery"));
}

QString RecoveryStore::untitledFile(qint64 pid) {
  return QDir(folder()).filePath(QStringLiteral("untitled-%1.json").arg(pid));
}

QString RecoveryStore::snapshotFile(const QString& projectPath) {
  if (projectPath.isEmpty()) return untitledFile(QCoreApplication::applicationPid());
  const QString canonical = canonicalProject(projectPath);
  const QByteArray hash = QCryptographicHash::hash(canonical.toUtf8(), QCryptographicHash::Sha1).toHex().left(16);
  QString name = model::ProjectIo::nameFromPath(canonical);
  name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_-]")), QStringLiteral("_"));
  return QDir(folder()).filePath(QStringLiteral("%1-%2.json").arg(name.left(40), QString::fromLatin1(hash)));
}

bool RecoveryStore::write(const QString& file, const model::Project& project, const QString& projectPath,
                          QString* error) {
  if (!QDir().mkpath(QFileInfo(file).absolutePath()))
    return fail(error, QStringLiteral("cannot create the recovery folder %1").arg(QFileInfo(file).absolutePath()));
  QJsonObject root;
  root.insert(QStringLiteral("app"), QLatin1String(kKind));
  root.insert(QStringLiteral("version"), kVersion);
  root.insert(QStringLiteral("projectPath"), projectPath.isEmpty() ? QString() : canonicalProject(projectPath));
  root.insert(QStringLiteral("savedAt"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
  root.insert(QStringLiteral("project"), model::ProjectJson::toObject(project));
  const QByteArray bytes = QJsonDocument(root).toJson(QJsonDocument::Compact);
  QSaveFile out(file);
  if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.commit())
    return fail(error, QStringLiteral("cannot write the recovery snapshot %1: %2").arg(file, out.errorString()));
  return true;
}

bool RecoveryStore::read(const QString& file, RecoverySnapshot* out, QString* error) {
  QFile in(file);
  if (QFileInfo(file).size() > model::ProjectIo::kMaxProjectFileBytes)
    return fail(error, QStringLiteral("recovery snapshot %1: too large").arg(file));
  if (!in.open(QIODevice::ReadOnly))
    return fail(error, QStringLiteral("recovery snapshot %1: %2").arg(file, in.errorString()));
  QJsonParseError parse{};
  const QJsonDocument doc = QJsonDocument::fromJson(in.readAll(), &parse);
  if (doc.isNull() || !doc.isObject())
    return fail(error, QStringLiteral("recovery snapshot %1: not JSON (%2 at byte %3)")
                           .arg(file, parse.errorString())
                           .arg(parse.offset));
  const QJsonObject root = doc.object();
  if (root.value(QStringLiteral("app")).toString() != QLatin1String(kKind))
    return fail(error, QStringLiteral("recovery snapshot %1: app: not a Shotcraft recovery snapshot").arg(file));
  if (root.value(QStringLiteral("version")).toInt() > kVersion)
    return fail(error, QStringLiteral("recovery snapshot %1: version: newer than this Shotcraft").arg(file));
  const QDateTime savedAt =
      QDateTime::fromString(root.value(QStringLiteral("savedAt")).toString(), Qt::ISODateWithMs);
  if (!savedAt.isValid()) return fail(error, QStringLiteral("recovery snapshot %1: savedAt: not a time").arg(file));
  model::Project project;
  QString why;
  if (!model::ProjectJson::fromObject(root.value(QStringLiteral("project")).toObject(), &project, &why))
    return fail(error, QStringLiteral("recovery snapshot %1: project.%2").arg(file, why));
  out->project = std::move(project);
  out->projectPath = root.value(QStringLiteral("projectPath")).toString();
  out->savedAt = savedAt.toUTC();
  out->file = file;
  return true;
}

bool RecoveryStore::remove(const QString& file) { return QFile::remove(file); }

void RecoveryStore::setAside(const QString& file) {
  const QString aside = file + QStringLiteral(".corrupt");
  QFile::remove(aside);
  if (!QFile::rename(file, aside)) QFile::remove(file);
}

QString RecoveryStore::pendingFor(const QString& projectPath) {
  if (projectPath.isEmpty()) return {};
  const QString file = snapshotFile(projectPath);
  const QFileInfo snapshot(file);
  if (!snapshot.exists()) return {};
  const QFileInfo project(model::ProjectIo::projectFilePath(projectPath));
  if (project.exists() && snapshot.lastModified() < project.lastModified()) return {};
  return file;
}

QStringList RecoveryStore::orphanedUntitled() {
  const QFileInfoList entries = QDir(folder()).entryInfoList({QStringLiteral("untitled-*.json")}, QDir::Files,
                                                             QDir::Time);
  QStringList files;
  for (const QFileInfo& entry : entries) {
    bool ok = false;
    const qint64 pid = entry.completeBaseName().mid(QStringLiteral("untitled-").size()).toLongLong(&ok);
    if (!ok || pid == QCoreApplication::applicationPid() || processAlive(pid)) continue;
    files.push_back(entry.absoluteFilePath());
  }
  return files;
}

}  // namespace shotcraft::ui
