#include "core/model/Brief.h"

#include <array>
#include <cmath>
#include <utility>

#include "core/model/Limits.h"

namespace shotcraft::model {

namespace {
constexpr std::array<std::pair<VideoType, const char*>, 4> kNames = {{
    {VideoType::Promo, "promo"},
    {VideoType::MicroFilm, "micro-film"},
    {VideoType::VfxShort, "vfx-short"},
    {VideoType::Other, "other"},
}};
}  // namespace

QString Brief::validate() const {
  if (title.size() > limits::kMaxTextChars) return QStringLiteral("title: too long");
  if (audience.size() > limits::kMaxTextChars) return QStringLiteral("audience: too long");
  if (selling_points.size() > 1000) return QStringLiteral("selling_points: at most 1000 entries");
  if (!std::isfinite(target_duration_s) || target_duration_s < 0.0 ||
      target_duration_s > limits::kMaxTargetDuration_s) {
    return QStringLiteral("target_duration: must be in 0..3600 s (0 = not set)");
  }
  return {};
}

QString videoTypeName(VideoType type) {
  for (const auto& [t, name] : kNames) {
    if (t == type) return QString::fromLatin1(name);
  }
  return QStringLiteral("other");
}

std::optional<VideoType> videoTypeFromName(const QString& name) {
  for (const auto& [t, n] : kNames) {
    if (name == QLatin1String(n)) return t;
  }
  return std::nullopt;
}

}  // namespace shotcraft::model
