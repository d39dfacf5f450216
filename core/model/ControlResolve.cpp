#include "core/model/ControlResolve.h"

#include "core/model/Project.h"

namespace shotcraft::model {

QString previousControlShot(const Project& project, const QString& shotId, ControlKind kind) {
  const QStringList ids = project.shotIds();
  for (qsizetype i = ids.indexOf(shotId) - 1; i >= 0; --i) {
    const Shot* shot = project.findShot(ids.at(i));
    if (shot == nullptr) continue;
    const ControlSlot& s = shot->controls.slot(kind);
    if (s.origin == ControlOrigin::File && !s.source.isEmpty()) return shot->id;
  }
  return {};
}

ControlSettings resolveControls(const Project& project, const QString& shotId) {
  const Shot* shot = project.findShot(shotId);
  if (shot == nullptr) return {};
  ControlSettings out = shot->controls;
  for (int k = 0; k < kControlKindCount; ++k) {
    const auto kind = static_cast<ControlKind>(k);
    ControlSlot slot = out.slot(kind);
    if (slot.origin != ControlOrigin::PreviousShot) continue;
    slot.origin = ControlOrigin::File;
    slot.source.clear();
    const QString from = previousControlShot(project, shotId, kind);
    if (const Shot* previous = from.isEmpty() ? nullptr : project.findShot(from)) {
      slot.source = previous->controls.slot(kind).source;
      slot.source_kind = previous->controls.slot(kind).source_kind;
    }
    out.setSlot(kind, slot);
  }
  return out;
}

}  // namespace shotcraft::model
