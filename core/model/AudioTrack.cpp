#include "core/model/AudioTrack.h"

#include <cmath>

#include "core/model/Limits.h"
#include "core/model/RelativePath.h"

namespace shotcraft::model {

QString AudioTrack::validate() const {
  if (QString why = checkRelativePath(path); !why.isEmpty()) return QStringLiteral("path: ") + why;
  if (!std::isfinite(offset_s) || std::abs(offset_s) > limits::kMaxAudioOffset_s) {
    return QStringLiteral("offset_s: must be within +-36000 s");
  }
  if (!std::isfinite(gain_db) || gain_db < limits::kMinGain_db || gain_db > limits::kMaxGain_db) {
    return QStringLiteral("gain_db: must be in -60..24");
  }
  return {};
}

}  // namespace shotcraft::model
