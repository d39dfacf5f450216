#include "core/model/JsonReader.h"

#include <QStringList>
#include <cmath>
#include <limits>

namespace shotcraft::model {

void JsonReader::fail(const QString& path, const QString& reason) {
  if (m_error.isEmpty()) m_error = path.isEmpty() ? reason : path + QStringLiteral(": ") + reason;
}

QString JsonReader::join(const QString& path, const QString& key) {
  return path.isEmpty() ? key : path + QLatin1Char('.') + key;
}

QString JsonReader::index(const QString& path, qsizetype i) { return path + QStringLiteral("[%1]").arg(i); }

QString JsonReader::typeName(const QJsonValue& v) {
  switch (v.type()) {
    case QJsonValue::Null:
      return QStringLiteral("null");
    case QJsonValue::Bool:
      return QStringLiteral("a boolean");
    case QJsonValue::Double:
      return QStringLiteral("a number");
    case QJsonValue::String:
      return QStringLiteral("a string");
    case QJsonValue::Array:
      return QStringLiteral("an array");
    case QJsonValue::Object:
      return QStringLiteral("an object");
    case QJsonValue::Undefined:
      break;
  }
  return QStringLiteral("missing");
}

bool JsonReader::expect(bool ok, const QJsonValue& v, const QString& path, const char* what) {
  if (!ok) fail(path, QStringLiteral("must be %1 (got %2)").arg(QLatin1String(what), typeName(v)));
  return ok;
}

QJsonObject JsonReader::objectValue(const QJsonValue& v, const QString& path) {
  return expect(v.isObject(), v, path, "an object") ? v.toObject() : QJsonObject();
}

QJsonArray JsonReader::arrayValue(const QJsonValue& v, const QString& path) {
  return expect(v.isArray(), v, path, "an array") ? v.toArray() : QJsonArray();
}

QString JsonReader::stringValue(const QJsonValue& v, const QString& path) {
  return expect(v.isString(), v, path, "a string") ? v.toString() : QString();
}

double JsonReader::numberValue(const QJsonValue& v, const QString& path) {
  if (!expect(v.isDouble(), v, path, "a number")) return 0.0;
  const double d = v.toDouble();
  if (!std::isfinite(d)) {
    fail(path, QStringLiteral("must be a finite number"));
    return 0.0;
  }
  return d;
}

int JsonReader::intValue(const QJsonValue& v, const QString& path) {
  if (!expect(v.isDouble(), v, path, "an integer")) return 0;
  const double d = v.toDouble();
  if (!std::isfinite(d) || std::floor(d) != d || d < double(std::numeric_limits<int>::min()) ||
      d > double(std::numeric_limits<int>::max())) {
    fail(path, QStringLiteral("must be an integer"));
    return 0;
  }
  return static_cast<int>(d);
}

uint64_t JsonReader::uintValue(const QJsonValue& v, const QString& path, uint64_t max) {
  if (!expect(v.isDouble(), v, path, "an integer")) return 0;
  const double d = v.toDouble();
  if (!std::isfinite(d) || std::floor(d) != d || d < 0.0 || d > double(max)) {
    fail(path, QStringLiteral("must be an integer in 0..%1").arg(max));
    return 0;
  }
  return static_cast<uint64_t>(d);
}

bool JsonReader::boolValue(const QJsonValue& v, const QString& path) {
  return expect(v.isBool(), v, path, "a boolean") ? v.toBool() : false;
}

bool JsonReader::present(const QJsonObject& o, const QString& path, const QString& key, Presence p) {
  if (!ok()) return false;
  if (o.contains(key)) return true;
  if (p == Presence::Required) fail(join(path, key), QStringLiteral("is required"));
  return false;
}

QJsonObject JsonReader::object(const QJsonObject& o, const QString& path, const QString& key, Presence p) {
  return present(o, path, key, p) ? objectValue(o.value(key), join(path, key)) : QJsonObject();
}

QJsonArray JsonReader::array(const QJsonObject& o, const QString& path, const QString& key, Presence p) {
  return present(o, path, key, p) ? arrayValue(o.value(key), join(path, key)) : QJsonArray();
}

QString JsonReader::string(const QJsonObject& o, const QString& path, const QString& key, Presence p,
                           const QString& fallback) {
  return present(o, path, key, p) ? stringValue(o.value(key), join(path, key)) : fallback;
}

double JsonReader::number(const QJsonObject& o, const QString& path, const QString& key, Presence p,
                          double fallback) {
  return present(o, path, key, p) ? numberValue(o.value(key), join(path, key)) : fallback;
}

std::optional<double> JsonReader::optionalNumber(const QJsonObject& o, const QString& path, const QString& key) {
  if (!present(o, path, key, Presence::Optional) || o.value(key).isNull()) return std::nullopt;
  return numberValue(o.value(key), join(path, key));
}

int JsonReader::integer(const QJsonObject& o, const QString& path, const QString& key, Presence p, int fallback) {
  return present(o, path, key, p) ? intValue(o.value(key), join(path, key)) : fallback;
}

uint64_t JsonReader::unsignedInteger(const QJsonObject& o, const QString& path, const QString& key, Presence p,
                                     uint64_t max, uint64_t fallback) {
  return present(o, path, key, p) ? uintValue(o.value(key), join(path, key), max) : fallback;
}

bool JsonReader::boolean(const QJsonObject& o, const QString& path, const QString& key, Presence p, bool fallback) {
  return present(o, path, key, p) ? boolValue(o.value(key), join(path, key)) : fallback;
}

QStringList JsonReader::stringList(const QJsonObject& o, const QString& path, const QString& key, Presence p) {
  QStringList list;
  const QJsonArray items = array(o, path, key, p);
  for (qsizetype i = 0; i < items.size() && ok(); ++i) list << stringValue(items.at(i), index(join(path, key), i));
  return list;
}

}  // namespace shotcraft::model
