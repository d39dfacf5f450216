// ProjectDocument: takes arriving from renders.
#include "ui/ProjectDocument.h"

namespace shotcraft::ui {

bool ProjectDocument::applyTake(const QString& shotId, const model::Take& take, QString* error) {
  const model::Shot* shot = m_project.findShot(shotId);
  if (shot == nullptr) {
    if (error != nullptr) *error = QStringLiteral("shot %1: no such shot").arg(shotId);
    return false;
  }
  const model::Shot before = *shot;
  model::Shot after = before;
  QString selectId = take.id;
  const model::Take* existing = nullptr;
  for (const model::Take& t : after.takes) {
    if (t.render_hash == take.render_hash) existing = &t;
  }
  if (existing != nullptr) {
    selectId = existing->id;
  } else {
    model::Take added = take;
    if (added.id.isEmpty() || after.findTake(added.id) != nullptr) added.id = after.nextTakeId();
    selectId = added.id;
    after.takes.push_back(added);
  }
  after.selected_take = selectId;
  if (after == before) return true;
  ModelRequest forward = [after](model::Project& p, QString* e) { return p.requestUpdateShot(after, e); };
  ModelRequest inverse = [before](model::Project& p, QString* e) { return p.requestUpdateShot(before, e); };
  return edit(tr("Add Take"), forward, inverse, {ChangeKind::Shot, shotId}, QString(), error);
}

}  // namespace shotcraft::ui
