#pragma once
// Typed reads from QJson values that remember the first problem as "field.path: reason".
// Every getter returns a fallback after a problem, so a loader can read on and check ok() at the end.
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <cstdint>
#include <optional>

namespace shotcraft::model {

enum class Presence { Required, Optional };

class JsonReader {
 public:
  bool ok() const { return m_error.isEmpty(); }
  const QString& error() const { return m_error; }
  void fail(const QString& path, const QString& reason);  // keeps the first error only

  static QString join(const QString& path, const QString& key);  // ("a", "b") -> "a.b"; ("", "b") -> "b"
  static QString index(const QString& path, qsizetype i);        // ("a", 3) -> "a[3]"

  // Values. `path` names the value in messages.
  QJsonObject objectValue(const QJsonValue& v, const QString& path);
  QJsonArray arrayValue(const QJsonValue& v, const QString& path);
  QString stringValue(const QJsonValue& v, const QString& path);
  double numberValue(const QJsonValue& v, const QString& path);  // finite
  int intValue(const QJsonValue& v, const QString& path);        // integral, fits an int
  uint64_t uintValue(const QJsonValue& v, const QString& path, uint64_t max);  // integral, 0..max
  bool boolValue(const QJsonValue& v, const QString& path);

  // Object members: a missing Required member is an error; a missing Optional member gives `fallback`.
  QJsonObject object(const QJsonObject& o, const QString& path, const QString& key, Presence p);
  QJsonArray array(const QJsonObject& o, const QString& path, const QString& key, Presence p);
  QString string(const QJsonObject& o, const QString& path, const QString& key, Presence p,
                 const QString& fallback = {});
  double number(const QJsonObject& o, const QString& path, const QString& key, Presence p, double fallback = 0.0);
  std::optional<double> optionalNumber(const QJsonObject& o, const QString& path, const QString& key);
  int integer(const QJsonObject& o, const QString& path, const QString& key, Presence p, int fallback = 0);
  uint64_t unsignedInteger(const QJsonObject& o, const QString& path, const QString& key, Presence p, uint64_t max,
                           uint64_t fallback = 0);
  bool boolean(const QJsonObject& o, const QString& path, const QString& key, Presence p, bool fallback = false);
  QStringList stringList(const QJsonObject& o, const QString& path, const QString& key, Presence p);

  static QString typeName(const QJsonValue& v);  // "string", "number", "object", ...

 private:
  bool present(const QJsonObject& o, const QString& path, const QString& key, Presence p);
  bool expect(bool ok, const QJsonValue& v, const QString& path, const char* what);

  QString m_error;
};

}  // namespace shotcraft::model
