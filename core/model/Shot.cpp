#include "core/model/Shot.h"

#include <QSet>
#include <QStringList>
#include <cmath>

#include "core/model/Identifier.h"
#include "core/model/Limits.h"

namespace shotcraft::model {

namespace {
QString checkSize(int px) {
  if (px < limits::kMinSize_px || px > limits::kMaxSize_px) return QStringLiteral("must be in 64..8192 px");
  if (px % limits::kSizeMultiple_px != 0) return QStringLiteral("must be a multiple of 8");
  return {};
}
}  // namespace

QString Shot::validate() const {
  if (QString why = checkIdentifier(id); !why.isEmpty()) return QStringLiteral("id: ") + why;
  if (title.size() > limits::kMaxTextChars) return QStringLiteral("title: too long");
  if (prompt.size() > limits::kMaxTextChars) return QStringLiteral("prompt: too long");
  if (negative_prompt.size() > limits::kMaxTextChars) return QStringLiteral("negative_prompt: too long");
  if (notes.size() > limits::kMaxTextChars) return QStringLiteral("notes: too long");
  if (dialogue.size() > limits::kMaxTextChars) return QStringLiteral("dialogue: too long");
  if (!std::isfinite(duration_s) || duration_s <= 0.0) return QStringLiteral("duration: must be > 0");
  if (duration_s > limits::kMaxShotDuration_s) return QStringLiteral("duration: must be <= 600 s");
  if (fps < limits::kMinFps || fps > limits::kMaxFps) return QStringLiteral("fps: must be in 1..120");
  if (QString why = checkSize(width); !why.isEmpty()) return QStringLiteral("width: ") + why;
  if (QString why = checkSize(height); !why.isEmpty()) return QStringLiteral("height: ") + why;
  if (seed > limits::kMaxSeed) return QStringLiteral("seed: must be in 0..9007199254740991");
  if (sampler.trimmed().isEmpty()) return QStringLiteral("sampler: must not be empty");
  if (steps < limits::kMinSteps || steps > limits::kMaxSteps) return QStringLiteral("steps: must be in 1..200");
  if (!std::isfinite(cfg_scale) || cfg_scale < 0.0 || cfg_scale > limits::kMaxCfg) {
    return QStringLiteral("cfg: must be in 0..30");
  }
  if (cadence_frames < 0 || cadence_frames > limits::kMaxCadenceFrames) {
    return QStringLiteral("cadence: must be in 0..240 (0 = the render's default)");
  }
  if (QString why = controls.validate(); !why.isEmpty()) return QStringLiteral("controls.") + why;
  if (QString why = camera.validate(); !why.isEmpty()) return QStringLiteral("camera.") + why;
  if (takes.size() > size_t(limits::kMaxTakesPerShot)) return QStringLiteral("takes: at most 1000 takes");
  QSet<QString> takeIds;
  for (size_t i = 0; i < takes.size(); ++i) {
    const QString at = QStringLiteral("takes[%1].").arg(i);
    if (QString why = takes[i].validate(); !why.isEmpty()) return at + why;
    if (takeIds.contains(takes[i].id)) return at + QStringLiteral("id: duplicate take id '%1'").arg(takes[i].id);
    takeIds.insert(takes[i].id);
  }
  if (!selected_take.isEmpty() && !takeIds.contains(selected_take)) {
    return QStringLiteral("selected_take: no take with id '%1'").arg(selected_take);
  }
  return {};
}

int Shot::frameCount() const {
  const double n = std::round(duration_s * fps);
  return n < 1.0 ? 1 : static_cast<int>(n);
}

const Take* Shot::findTake(const QString& takeId) const {
  if (takeId.isEmpty()) return nullptr;
  for (const Take& t : takes) {
    if (t.id == takeId) return &t;
  }
  return nullptr;
}

QString Shot::nextTakeId() const {
  QStringList ids;
  for (const Take& t : takes) ids << t.id;
  return nextIdentifier(QStringLiteral("t"), ids);
}

}  // namespace shotcraft::model
