// Project: edits of shots (insert, remove, move, split, duplicate, per-field setters, takes).
#include <algorithm>
#include <cmath>

#include "core/model/Limits.h"
#include "core/model/Project.h"

namespace shotcraft::model {

namespace {
bool fail(QString* error, const QString& message) {
  if (error) *error = message;
  return false;
}

QString unknownShot(const QString& shotId) { return QStringLiteral("no shot with id '%1'").arg(shotId); }
}  // namespace

Shot* Project::mutableShot(const QString& shotId) {
  const auto where = locate(shotId);
  if (!where) return nullptr;
  return &m_acts[size_t(where->act)].shots[size_t(where->row)];
}

// Applies `change` to a copy of the shot, validates the copy and only then stores it.
template <typename Change>
bool Project::editShot(const QString& shotId, Change&& change, QString* error) {
  Shot* target = mutableShot(shotId);
  if (!target) return fail(error, unknownShot(shotId));
  Shot edited = *target;
  QString why = change(edited);
  if (why.isEmpty()) why = edited.validate();
  if (!why.isEmpty()) return fail(error, QStringLiteral("shot %1: %2").arg(shotId, why));
  *target = std::move(edited);
  return true;
}

bool Project::checkNewShot(const Shot& shot, QString* error) const {
  if (QString why = shot.validate(); !why.isEmpty()) return fail(error, QStringLiteral("shot: ") + why);
  if (locate(shot.id)) return fail(error, QStringLiteral("shot: id: duplicate shot id '%1'").arg(shot.id));
  return true;
}

bool Project::requestInsertShot(int act, int row, Shot shot, QString* error, QString* newId) {
  if (act < 0 || act >= kActCount) return fail(error, QStringLiteral("act: index %1 is not in 0..2").arg(act));
  auto& shots = m_acts[size_t(act)].shots;
  if (row < 0 || size_t(row) > shots.size()) {
    return fail(error, QStringLiteral("row: %1 is not in 0..%2").arg(row).arg(shots.size()));
  }
  if (shots.size() >= size_t(limits::kMaxShotsPerAct)) return fail(error, QStringLiteral("act: at most 1000 shots"));
  if (shot.id.isEmpty()) shot.id = newShotId();
  if (!checkNewShot(shot, error)) return false;
  if (newId) *newId = shot.id;
  shots.insert(shots.begin() + row, std::move(shot));
  return true;
}

bool Project::requestRemoveShot(const QString& shotId, QString* error, Shot* removed) {
  const auto where = locate(shotId);
  if (!where) return fail(error, unknownShot(shotId));
  auto& shots = m_acts[size_t(where->act)].shots;
  if (removed) *removed = shots[size_t(where->row)];
  shots.erase(shots.begin() + where->row);
  return true;
}

bool Project::requestMoveShot(const QString& shotId, int act, int row, QString* error) {
  const auto from = locate(shotId);
  if (!from) return fail(error, unknownShot(shotId));
  if (act < 0 || act >= kActCount) return fail(error, QStringLiteral("act: index %1 is not in 0..2").arg(act));
  auto& source = m_acts[size_t(from->act)].shots;
  auto& dest = m_acts[size_t(act)].shots;
  const size_t destSizeAfterRemoval = dest.size() - (from->act == act ? 1 : 0);
  if (row < 0 || size_t(row) > destSizeAfterRemoval) {
    return fail(error, QStringLiteral("row: %1 is not in 0..%2").arg(row).arg(destSizeAfterRemoval));
  }
  if (from->act != act && dest.size() >= size_t(limits::kMaxShotsPerAct)) {
    return fail(error, QStringLiteral("act: at most 1000 shots"));
  }
  Shot moving = std::move(source[size_t(from->row)]);
  source.erase(source.begin() + from->row);
  dest.insert(dest.begin() + row, std::move(moving));
  return true;
}

bool Project::requestDuplicateShot(const QString& shotId, QString* error, QString* newId) {
  const auto where = locate(shotId);
  if (!where) return fail(error, unknownShot(shotId));
  Shot copy = *shotAt(*where);
  copy.id = newShotId();
  copy.takes.clear();
  copy.selected_take.clear();
  return requestInsertShot(where->act, where->row + 1, std::move(copy), error, newId);
}

bool Project::requestSplitShot(const QString& shotId, double at_s, QString* error, QString* newId) {
  const auto where = locate(shotId);
  if (!where) return fail(error, unknownShot(shotId));
  const Shot& original = *shotAt(*where);
  if (!std::isfinite(at_s) || at_s <= 0.0 || at_s >= original.duration_s) {
    return fail(error, QStringLiteral("at: split time must be inside the shot (0 < t < %1 s)")
                           .arg(original.duration_s));
  }
  if (m_acts[size_t(where->act)].shots.size() >= size_t(limits::kMaxShotsPerAct)) {
    return fail(error, QStringLiteral("act: at most 1000 shots"));
  }
  Shot head = original;
  head.duration_s = at_s;
  head.camera = original.camera.sliced(0.0, at_s);
  Shot tail = original;
  tail.id = newShotId();
  tail.duration_s = original.duration_s - at_s;
  tail.camera = original.camera.sliced(at_s, original.duration_s);
  tail.takes.clear();
  tail.selected_take.clear();
  QString why = head.validate();
  if (why.isEmpty()) why = tail.validate();
  if (!why.isEmpty()) return fail(error, QStringLiteral("shot %1: %2").arg(shotId, why));
  if (newId) *newId = tail.id;
  auto& shots = m_acts[size_t(where->act)].shots;
  shots[size_t(where->row)] = std::move(head);
  shots.insert(shots.begin() + where->row + 1, std::move(tail));
  return true;
}

bool Project::requestUpdateShot(const Shot& shot, QString* error) {
  return editShot(
      shot.id,
      [&shot](Shot& s) {
        s = shot;
        return QString();
      },
      error);
}

bool Project::requestSetShotTitle(const QString& shotId, const QString& title, QString* error) {
  return editShot(shotId, [&](Shot& s) { s.title = title; return QString(); }, error);
}

bool Project::requestSetShotPrompt(const QString& shotId, const QString& prompt, QString* error) {
  return editShot(shotId, [&](Shot& s) { s.prompt = prompt; return QString(); }, error);
}

bool Project::requestSetShotNegativePrompt(const QString& shotId, const QString& negative, QString* error) {
  return editShot(shotId, [&](Shot& s) { s.negative_prompt = negative; return QString(); }, error);
}

bool Project::requestSetShotNotes(const QString& shotId, const QString& notes, QString* error) {
  return editShot(shotId, [&](Shot& s) { s.notes = notes; return QString(); }, error);
}

bool Project::requestSetShotDialogue(const QString& shotId, const QString& dialogue, QString* error) {
  return editShot(shotId, [&](Shot& s) { s.dialogue = dialogue; return QString(); }, error);
}

bool Project::requestSetShotDuration(const QString& shotId, double duration_s, QString* error) {
  return editShot(shotId, [&](Shot& s) { s.duration_s = duration_s; return QString(); }, error);
}

bool Project::requestSetShotFps(const QString& shotId, int fps, QString* error) {
  return editShot(shotId, [&](Shot& s) { s.fps = fps; return QString(); }, error);
}

bool Project::requestSetShotCadence(const QString& shotId, int cadenceFrames, QString* error) {
  return editShot(shotId, [&](Shot& s) { s.cadence_frames = cadenceFrames; return QString(); }, error);
}

bool Project::requestSetShotSize(const QString& shotId, AspectRatio aspect, int width, int height, QString* error) {
  return editShot(
      shotId,
      [&](Shot& s) {
        s.aspect = aspect;
        s.width = width;
        s.height = height;
        return QString();
      },
      error);
}

bool Project::requestSetShotSeed(const QString& shotId, uint64_t seed, QString* error) {
  return editShot(shotId, [&](Shot& s) { s.seed = seed; return QString(); }, error);
}

bool Project::requestSetShotSampler(const QString& shotId, const QString& sampler, int steps, double cfg_scale,
                                    QString* error) {
  return editShot(
      shotId,
      [&](Shot& s) {
        s.sampler = sampler;
        s.steps = steps;
        s.cfg_scale = cfg_scale;
        return QString();
      },
      error);
}

bool Project::requestSetControl(const QString& shotId, ControlKind kind, const ControlSlot& slot, QString* error) {
  return editShot(shotId, [&](Shot& s) { s.controls.setSlot(kind, slot); return QString(); }, error);
}

bool Project::requestSetCameraPath(const QString& shotId, const CameraPath& path, QString* error) {
  return editShot(shotId, [&](Shot& s) { s.camera = path; return QString(); }, error);
}

bool Project::requestAddTake(const QString& shotId, const Take& take, QString* error) {
  return editShot(
      shotId,
      [&](Shot& s) {
        if (s.findTake(take.id)) return QStringLiteral("takes: duplicate take id '%1'").arg(take.id);
        s.takes.push_back(take);
        return QString();
      },
      error);
}

bool Project::requestRemoveTake(const QString& shotId, const QString& takeId, QString* error) {
  return editShot(
      shotId,
      [&](Shot& s) {
        const auto it = std::find_if(s.takes.begin(), s.takes.end(), [&](const Take& t) { return t.id == takeId; });
        if (it == s.takes.end()) return QStringLiteral("takes: no take with id '%1'").arg(takeId);
        s.takes.erase(it);
        if (s.selected_take == takeId) s.selected_take.clear();
        return QString();
      },
      error);
}

bool Project::requestSelectTake(const QString& shotId, const QString& takeId, QString* error) {
  return editShot(
      shotId,
      [&](Shot& s) {
        if (!takeId.isEmpty() && !s.findTake(takeId)) return QStringLiteral("takes: no take with id '%1'").arg(takeId);
        s.selected_take = takeId;
        return QString();
      },
      error);
}

}  // namespace shotcraft::model
