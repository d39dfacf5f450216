// ProjectDocument: adding, removing and moving shots; the brief and the act titles.
#include "ui/ProjectDocument.h"

namespace shotcraft::ui {

using model::Project;

namespace {

ModelRequest insertRequest(int act, int row, const model::Shot& shot) {
  return [=](Project& p, QString* e) { return p.requestInsertShot(act, row, shot, e); };
}

ModelRequest removeRequest(const QString& shotId) {
  return [=](Project& p, QString* e) { return p.requestRemoveShot(shotId, e); };
}

ModelRequest moveRequest(const QString& shotId, int act, int row) {
  return [=](Project& p, QString* e) { return p.requestMoveShot(shotId, act, row, e); };
}

bool fail(QString* error, const QString& message) {
  if (error != nullptr) *error = message;
  return false;
}

}  // namespace

bool ProjectDocument::addShot(int act, int row, QString* error, QString* newId) {
  if (act < 0 || act >= Project::kActCount) return fail(error, QStringLiteral("act: must be 0..2"));
  const int size = static_cast<int>(m_project.act(act).shots.size());
  if (row < 0 || row > size) row = size;
  model::Shot shot = m_project.makeShot();  // fixed id, so redo recreates the same shot
  shot.title = tr("New shot");
  const QString id = shot.id;
  if (!edit(tr("Add Shot"), insertRequest(act, row, shot), removeRequest(id), {ChangeKind::Structure, id}, {},
            error))
    return false;
  if (newId != nullptr) *newId = id;
  return true;
}

bool ProjectDocument::removeShot(const QString& shotId, QString* error) {
  const auto where = m_project.locate(shotId);
  const model::Shot* shot = m_project.findShot(shotId);
  if (!where || shot == nullptr) return fail(error, QStringLiteral("shot %1: no such shot").arg(shotId));
  return edit(tr("Remove Shot"), removeRequest(shotId), insertRequest(where->act, where->row, *shot),
              {ChangeKind::Structure, shotId}, {}, error);
}

bool ProjectDocument::moveShot(const QString& shotId, int act, int row, QString* error) {
  const auto from = m_project.locate(shotId);
  if (!from) return fail(error, QStringLiteral("shot %1: no such shot").arg(shotId));
  if (from->act == act && from->row == row) return true;
  return edit(tr("Move Shot"), moveRequest(shotId, act, row), moveRequest(shotId, from->act, from->row),
              {ChangeKind::Structure, shotId}, {}, error);
}

bool ProjectDocument::nudgeShot(const QString& shotId, int direction, QString* error) {
  const auto from = m_project.locate(shotId);
  if (!from) return fail(error, QStringLiteral("shot %1: no such shot").arg(shotId));
  const int size = static_cast<int>(m_project.act(from->act).shots.size());
  int act = from->act;
  int row = from->row + (direction < 0 ? -1 : 1);
  if (row < 0) {  // past the start of its act: to the end of the previous act
    if (act == 0) return fail(error, QStringLiteral("shot %1: already the first shot").arg(shotId));
    --act;
    row = static_cast<int>(m_project.act(act).shots.size());
  } else if (row >= size) {  // past the end: to the start of the next act
    if (act == Project::kActCount - 1) return fail(error, QStringLiteral("shot %1: already the last shot").arg(shotId));
    ++act;
    row = 0;
  }
  return moveShot(shotId, act, row, error);
}

bool ProjectDocument::duplicateShot(const QString& shotId, QString* error, QString* newId) {
  const auto where = m_project.locate(shotId);
  const model::Shot* original = m_project.findShot(shotId);
  if (!where || original == nullptr) return fail(error, QStringLiteral("shot %1: no such shot").arg(shotId));
  model::Shot copy = *original;
  copy.id = m_project.newShotId();
  copy.takes.clear();
  copy.selected_take.clear();
  const QString id = copy.id;
  if (!edit(tr("Duplicate Shot"), insertRequest(where->act, where->row + 1, copy), removeRequest(id),
            {ChangeKind::Structure, id}, {}, error))
    return false;
  if (newId != nullptr) *newId = id;
  return true;
}

bool ProjectDocument::setBrief(const model::Brief& brief, const QString& field, QString* error) {
  const model::Brief before = m_project.brief();
  if (before == brief) return true;
  ModelRequest forward = [brief](Project& p, QString* e) { return p.requestSetBrief(brief, e); };
  ModelRequest inverse = [before](Project& p, QString* e) { return p.requestSetBrief(before, e); };
  return edit(tr("Edit Brief"), forward, inverse, {ChangeKind::Brief, {}},
              field.isEmpty() ? QString() : QStringLiteral("brief/%1").arg(field), error);
}

bool ProjectDocument::setActTitle(int act, const QString& title, QString* error) {
  if (act < 0 || act >= Project::kActCount) return fail(error, QStringLiteral("act: must be 0..2"));
  const QString before = m_project.act(act).title;
  if (before == title) return true;
  ModelRequest forward = [=](Project& p, QString* e) { return p.requestSetActTitle(act, title, e); };
  ModelRequest inverse = [=](Project& p, QString* e) { return p.requestSetActTitle(act, before, e); };
  return edit(tr("Rename Act"), forward, inverse, {ChangeKind::Acts, {}}, QStringLiteral("act/%1/title").arg(act),
              error);
}

}  // namespace shotcraft::ui
