#include "core/model/AspectRatio.h"

#include <array>

namespace shotcraft::model {

namespace {
struct Entry {
  AspectRatio aspect;
  const char* name;
  double value;
};
constexpr std::array<Entry, 5> kEntries = {{
    {AspectRatio::Wide16x9, "16:9", 16.0 / 9.0},
    {AspectRatio::Tall9x16, "9:16", 9.0 / 16.0},
    {AspectRatio::Square1x1, "1:1", 1.0},
    {AspectRatio::Classic4x3, "4:3", 4.0 / 3.0},
    {AspectRatio::Scope239x1, "2.39:1", 2.39},
}};
}  // namespace

QString aspectRatioName(AspectRatio aspect) {
  for (const Entry& e : kEntries) {
    if (e.aspect == aspect) return QString::fromLatin1(e.name);
  }
  return QStringLiteral("16:9");
}

std::optional<AspectRatio> aspectRatioFromName(const QString& name) {
  for (const Entry& e : kEntries) {
    if (name == QLatin1String(e.name)) return e.aspect;
  }
  return std::nullopt;
}

double aspectRatioValue(AspectRatio aspect) {
  for (const Entry& e : kEntries) {
    if (e.aspect == aspect) return e.value;
  }
  return 16.0 / 9.0;
}

}  // namespace shotcraft::model
