#include "core/model/Easing.h"

#include <algorithm>
#include <array>
#include <utility>

namespace shotcraft::model {

namespace {
constexpr std::array<std::pair<Easing, const char*>, 5> kNames = {{
    {Easing::Linear, "linear"},
    {Easing::EaseIn, "ease-in"},
    {Easing::EaseOut, "ease-out"},
    {Easing::EaseInOut, "ease-in-out"},
    {Easing::Hold, "hold"},
}};
}  // namespace

double ease(Easing easing, double u) {
  u = std::clamp(u, 0.0, 1.0);
  switch (easing) {
    case Easing::Linear:
      return u;
    case Easing::EaseIn:
      return u * u;
    case Easing::EaseOut:
      return 1.0 - (1.0 - u) * (1.0 - u);
    case Easing::EaseInOut:
      return u * u * (3.0 - 2.0 * u);
    case Easing::Hold:
      return u >= 1.0 ? 1.0 : 0.0;
  }
  return u;
}

QString easingName(Easing easing) {
  for (const auto& [e, name] : kNames) {
    if (e == easing) return QString::fromLatin1(name);
  }
  return QStringLiteral("linear");
}

std::optional<Easing> easingFromName(const QString& name) {
  for (const auto& [e, n] : kNames) {
    if (name == QLatin1String(n)) return e;
  }
  return std::nullopt;
}

}  // namespace shotcraft::model
