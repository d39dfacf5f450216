#include "core/model/RelativePath.h"

#include <QStringList>

namespace shotcraft::model {

QString checkRelativePath(const QString& path) {
  if (path.isEmpty()) return QStringLiteral("must not be empty");
  if (path.size() > 1024) return QStringLiteral("must be at most 1024 characters");
  if (path.startsWith(QLatin1Char('/')) || path.contains(QLatin1Char('\\')) ||
      (path.size() >= 2 && path.at(1) == QLatin1Char(':'))) {
    return QStringLiteral("must be a relative path with '/' separators");
  }
  for (const QChar ch : path) {
    if (ch.unicode() < 0x20) return QStringLiteral("must not contain control characters");
  }
  const QStringList parts = path.split(QLatin1Char('/'));
  for (const QString& part : parts) {
    if (part == QLatin1String("..")) return QStringLiteral("must not contain '..'");
    if (part.isEmpty() || part == QLatin1String(".")) return QStringLiteral("must not contain empty or '.' parts");
  }
  return {};
}

}  // namespace shotcraft::model
