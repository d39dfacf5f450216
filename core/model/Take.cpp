#include "core/model/Take.h"

#include <cmath>

#include "core/model/Identifier.h"
#include "core/model/RelativePath.h"

namespace shotcraft::model {

QString Take::validate() const {
  if (QString why = checkIdentifier(id); !why.isEmpty()) return QStringLiteral("id: ") + why;
  if (!created.isValid()) return QStringLiteral("created: must be an ISO 8601 date-time");
  if (render_hash.isEmpty() || render_hash.size() > 256) return QStringLiteral("render_hash: must be 1..256 characters");
  if (QString why = checkRelativePath(frames); !why.isEmpty()) return QStringLiteral("frames: ") + why;
  if (flicker && (!std::isfinite(*flicker) || *flicker < 0.0)) return QStringLiteral("flicker: must be >= 0");
  return {};
}

}  // namespace shotcraft::model
