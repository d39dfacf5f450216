// ProjectDocument: the timeline's edits: an edge drag of a shot's duration, splitting a shot, deleting several.
#include "ui/ProjectDocument.h"

namespace shotcraft::ui {

using model::Project;

namespace {

bool fail(QString* error, const QString& message) {
  if (error != nullptr) *error = message;
  return false;
}

QString noShotError(const QString& shotId) { return QStringLiteral("shot %1: no such shot").arg(shotId); }

}  // namespace

bool ProjectDocument::dragShotDuration(const QString& shotId, double duration_s, const QString& gesture,
                                       QString* error) {
  const model::Shot* shot = m_project.findShot(shotId);
  if (shot == nullptr) return fail(error, noShotError(shotId));
  const double before = shot->duration_s;
  if (before == duration_s) return true;  // nothing to do, no undo step
  ModelRequest forward = [=](Project& p, QString* e) { return p.requestSetShotDuration(shotId, duration_s, e); };
  ModelRequest inverse = [=](Project& p, QString* e) { return p.requestSetShotDuration(shotId, before, e); };
  const QString mergeKey =
      gesture.isEmpty() ? QString() : QStringLiteral("shot/%1/duration-drag/%2").arg(shotId, gesture);
  return edit(tr("Change Duration"), forward, inverse, {ChangeKind::Shot, shotId}, mergeKey, error);
}

bool ProjectDocument::splitShot(const QString& shotId, double atSeconds, QString* error, QString* newId) {
  const model::Shot* shot = m_project.findShot(shotId);
  if (shot == nullptr) return fail(error, noShotError(shotId));
  const model::Shot original = *shot;
  const QString tailId = m_project.newShotId();  // what requestSplitShot picks, so redo recreates the same shot
  ModelRequest forward = [=](Project& p, QString* e) { return p.requestSplitShot(shotId, atSeconds, e); };
  ModelRequest inverse = [=](Project& p, QString* e) {
    return p.requestRemoveShot(tailId, e) && p.requestUpdateShot(original, e);
  };
  if (!edit(tr("Split Shot"), forward, inverse, {ChangeKind::Structure, shotId}, {}, error)) return false;
  if (newId != nullptr) *newId = tailId;
  return true;
}

bool ProjectDocument::removeShots(const QStringList& shotIds, QString* error) {
  QStringList ids;
  for (const QString& id : shotIds) {
    if (m_project.findShot(id) == nullptr) return fail(error, noShotError(id));
    if (!ids.contains(id)) ids << id;
  }
  if (ids.isEmpty()) return fail(error, QStringLiteral("shots: nothing to delete"));
  if (ids.size() == 1) return removeShot(ids.first(), error);
  m_undoStack->beginMacro(tr("Delete %1 Shots").arg(ids.size()));
  bool ok = true;
  for (const QString& id : ids) {
    if (!removeShot(id, error)) {
      ok = false;  // cannot happen after the check above; what was removed stays one undoable step
      break;
    }
  }
  m_undoStack->endMacro();
  return ok;
}

}  // namespace shotcraft::ui
