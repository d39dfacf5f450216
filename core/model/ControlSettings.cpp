#include "core/model/ControlSettings.h"

#include <cmath>

#include "core/model/RelativePath.h"

namespace shotcraft::model {

namespace {
constexpr std::array<const char*, kControlKindCount> kKindNames = {"depth", "canny", "pose"};
}

QString ControlSettings::validateSlot(const ControlSlot& s) {
  if (!std::isfinite(s.weight) || s.weight < 0.0 || s.weight > 2.0) return QStringLiteral("weight: must be in 0..2");
  if (!std::isfinite(s.start) || s.start < 0.0 || s.start > 1.0) return QStringLiteral("start: must be in 0..1");
  if (!std::isfinite(s.end) || s.end < 0.0 || s.end > 1.0) return QStringLiteral("end: must be in 0..1");
  if (s.start > s.end) return QStringLiteral("start: must be <= end");
  if (!s.source.isEmpty()) {
    const QString why = checkRelativePath(s.source);
    if (!why.isEmpty()) return QStringLiteral("source: ") + why;
  } else if (s.enabled && s.origin == ControlOrigin::File) {
    return QStringLiteral("source: an enabled control needs an image in assets/");
  }
  return {};
}

QString ControlSettings::validate() const {
  for (int k = 0; k < kControlKindCount; ++k) {
    const QString why = validateSlot(m_slots[size_t(k)]);
    if (!why.isEmpty()) return QString::fromLatin1(kKindNames[size_t(k)]) + QLatin1Char('.') + why;
  }
  return {};
}

int ControlSettings::activeCount() const {
  int n = 0;
  for (const ControlSlot& s : m_slots) n += s.active() ? 1 : 0;
  return n;
}

QString ControlSettings::kindName(ControlKind kind) { return QString::fromLatin1(kKindNames[index(kind)]); }

std::optional<ControlKind> ControlSettings::kindFromName(const QString& name) {
  for (int k = 0; k < kControlKindCount; ++k) {
    if (name == QLatin1String(kKindNames[size_t(k)])) return static_cast<ControlKind>(k);
  }
  return std::nullopt;
}

QString ControlSettings::sourceName(ControlSource source) {
  return source == ControlSource::Map ? QStringLiteral("map") : QStringLiteral("image");
}

std::optional<ControlSource> ControlSettings::sourceFromName(const QString& name) {
  if (name == QLatin1String("image")) return ControlSource::Image;
  if (name == QLatin1String("map")) return ControlSource::Map;
  return std::nullopt;
}

QString ControlSettings::originName(ControlOrigin origin) {
  return origin == ControlOrigin::PreviousShot ? QStringLiteral("previous_shot") : QStringLiteral("file");
}

std::optional<ControlOrigin> ControlSettings::originFromName(const QString& name) {
  if (name == QLatin1String("file")) return ControlOrigin::File;
  if (name == QLatin1String("previous_shot")) return ControlOrigin::PreviousShot;
  return std::nullopt;
}

}  // namespace shotcraft::model
