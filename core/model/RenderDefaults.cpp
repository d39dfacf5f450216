#include "core/model/RenderDefaults.h"

#include "core/model/Shot.h"

namespace shotcraft::model {

QString RenderDefaults::validate() const {
  if (model.trimmed().isEmpty()) return QStringLiteral("model: must not be empty");
  // Same ranges as a shot: check a shot built from these defaults.
  Shot probe;
  probe.id = QStringLiteral("defaults");
  probe.fps = fps;
  probe.aspect = aspect;
  probe.width = width;
  probe.height = height;
  probe.sampler = sampler;
  probe.steps = steps;
  probe.cfg_scale = cfg_scale;
  return probe.validate();
}

}  // namespace shotcraft::model
