// ProjectDocument: new, load, save and Fountain import.
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include "core/model/FountainImporter.h"
#include "core/model/ProjectIo.h"
#include "ui/ProjectDocument.h"

namespace shotcraft::ui {

using model::ProjectIo;

bool ProjectDocument::load(const QString& path, QString* error) {
  model::Project loaded;
  QString reason;
  if (!ProjectIo::load(path, &loaded, &reason)) {
    if (error != nullptr) *error = reason;
    return false;
  }
  reset(std::move(loaded), QFileInfo(ProjectIo::projectFolder(path)).absoluteFilePath(), false);
  return true;
}

bool ProjectDocument::save(QString* error) {
  if (m_filePath.isEmpty()) {
    if (error != nullptr) *error = tr("The project has no folder yet: use Save As.");
    return false;
  }
  return saveAs(m_filePath, error);
}

namespace {

// Copies every file under src into dst (creating folders), leaving files already at dst alone.
bool copyTree(const QString& src, const QString& dst, QString* error) {
  QDirIterator it(src, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
  while (it.hasNext()) {
    const QString from = it.next();
    const QString to = QDir(dst).filePath(QDir(src).relativeFilePath(from));
    if (QFileInfo::exists(to)) continue;
    if (!QDir().mkpath(QFileInfo(to).absolutePath()) || !QFile::copy(from, to)) {
      if (error) *error = QStringLiteral("cannot copy %1 to %2").arg(from, to);
      return false;
    }
  }
  return true;
}

}  // namespace

bool ProjectDocument::saveAs(const QString& folder, QString* error) {
  // A project saved under a new folder takes its assets (control images, audio) and takes (rendered frames) along.
  const QString target = QFileInfo(ProjectIo::projectFolder(folder)).absoluteFilePath();
  if (!m_filePath.isEmpty() && QFileInfo(m_filePath).absoluteFilePath() != target) {
    for (const char* part : {"assets", "takes"}) {
      const QString from = QDir(m_filePath).filePath(QLatin1String(part));
      if (QFileInfo(from).isDir() && !copyTree(from, QDir(target).filePath(QLatin1String(part)), error)) return false;
    }
  }
  model::Project toSave = m_project;
  if (toSave.name().trimmed().isEmpty() || toSave.name() == model::Project().name())
    toSave.requestSetName(ProjectIo::nameFromPath(folder));  // a new project takes its folder's name
  if (!ProjectIo::save(toSave, folder, error)) return false;
  m_project = std::move(toSave);
  setFilePath(QFileInfo(ProjectIo::projectFolder(folder)).absoluteFilePath());
  m_undoStack->setClean();
  setDirtyWithoutUndo(false);
  emit changed();
  return true;
}

bool ProjectDocument::importFountain(const QString& fountainPath, QString* error) {
  model::Project imported;
  if (!model::FountainImporter::importFile(fountainPath, QFileInfo(fountainPath).completeBaseName(), &imported, error))
    return false;
  reset(std::move(imported), QString(), true);  // nothing on disk yet: unsaved until Save As
  return true;
}

}  // namespace shotcraft::ui
