#pragma once
// Shot and take ids: short strings that are safe as folder names ("s01", "t3", "a1b2-c3").
#include <QString>

namespace shotcraft::model {

// "" when `id` is 1..64 characters of [A-Za-z0-9_-], else the reason.
QString checkIdentifier(const QString& id);

// The next id with `prefix` after the largest "<prefix><number>" among `used` ("s" + {"s01","s07"} -> "s08").
template <typename Range>
QString nextIdentifier(const QString& prefix, const Range& used) {
  int maxNumber = 0;
  for (const QString& id : used) {
    if (!id.startsWith(prefix)) continue;
    bool ok = false;
    const int n = id.mid(prefix.size()).toInt(&ok);
    if (ok && n > maxNumber && n < 100000000) maxNumber = n;
  }
  return prefix + QStringLiteral("%1").arg(maxNumber + 1, 2, 10, QLatin1Char('0'));
}

}  // namespace shotcraft::model
