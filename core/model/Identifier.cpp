#include "core/model/Identifier.h"

namespace shotcraft::model {

QString checkIdentifier(const QString& id) {
  if (id.isEmpty()) return QStringLiteral("must not be empty");
  if (id.size() > 64) return QStringLiteral("must be at most 64 characters");
  for (const QChar ch : id) {
    const char16_t u = ch.unicode();
    const bool ok = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '_' || u == '-';
    if (!ok) return QStringLiteral("must use only letters, digits, '_' and '-'");
  }
  return {};
}

}  // namespace shotcraft::model
