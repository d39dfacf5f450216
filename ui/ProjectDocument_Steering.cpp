// ProjectDocument: the shot's ControlNet settings and camera path, edited as whole values (one undo step per
// call, or per gesture when the caller names one).
#include "ui/ProjectDocument.h"

namespace shotcraft::ui {

using model::Project;

namespace {

bool setControls(Project& p, const QString& id, const model::ControlSettings& controls, QString* e) {
  const model::Shot* shot = p.findShot(id);
  if (shot == nullptr) {
    if (e != nullptr) *e = QStringLiteral("shot %1: no such shot").arg(id);
    return false;
  }
  model::Shot edited = *shot;
  edited.controls = controls;
  return p.requestUpdateShot(edited, e);  // validates the whole shot; untouched on refusal
}

QString mergeKey(const QString& shotId, const char* what, const QString& gesture) {
  if (gesture.isEmpty()) return {};
  return QStringLiteral("shot/%1/%2/%3").arg(shotId, QLatin1String(what), gesture);
}

}  // namespace

bool ProjectDocument::setShotControls(const QString& shotId, const model::ControlSettings& controls,
                                      const QString& gesture, QString* error) {
  const model::Shot* shot = m_project.findShot(shotId);
  if (shot == nullptr) {
    if (error != nullptr) *error = QStringLiteral("shot %1: no such shot").arg(shotId);
    return false;
  }
  const model::ControlSettings before = shot->controls;
  if (before == controls) return true;  // nothing to do, no undo step
  ModelRequest forward = [=](Project& p, QString* e) { return setControls(p, shotId, controls, e); };
  ModelRequest inverse = [=](Project& p, QString* e) { return setControls(p, shotId, before, e); };
  return edit(tr("Change Controls"), forward, inverse, {ChangeKind::Shot, shotId},
              mergeKey(shotId, "controls", gesture), error);
}

bool ProjectDocument::setShotCamera(const QString& shotId, const model::CameraPath& camera, const QString& gesture,
                                    QString* error) {
  const model::Shot* shot = m_project.findShot(shotId);
  if (shot == nullptr) {
    if (error != nullptr) *error = QStringLiteral("shot %1: no such shot").arg(shotId);
    return false;
  }
  const model::CameraPath before = shot->camera;
  if (before == camera) return true;
  ModelRequest forward = [=](Project& p, QString* e) { return p.requestSetCameraPath(shotId, camera, e); };
  ModelRequest inverse = [=](Project& p, QString* e) { return p.requestSetCameraPath(shotId, before, e); };
  return edit(tr("Edit Camera Path"), forward, inverse, {ChangeKind::Shot, shotId}, mergeKey(shotId, "camera", gesture),
              error);
}

}  // namespace shotcraft::ui
