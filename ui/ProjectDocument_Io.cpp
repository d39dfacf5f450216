// ProjectDocument: new, load, save and Fountain import.
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

bool ProjectDocument::saveAs(const QString& folder, QString* error) {
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
