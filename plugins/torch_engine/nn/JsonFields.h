#pragma once
// Internal helper for the VAE / CLIP config parsers: typed reads from a QJsonObject that remember the first
// error ("\"key\" must be ..."). Absent or null keys leave the output untouched.
#include <QByteArray>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace shotcraft::torch_engine::nn {

class JsonFields {
 public:
  explicit JsonFields(QJsonObject obj) : m_obj(std::move(obj)) {}

  // Parses `text` as a JSON object; false + *error if it is not one.
  static bool parse(const std::string& text, QJsonObject* out, std::string* error) {
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(text), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
      if (error) *error = "config is not a JSON object: " + parseError.errorString().toStdString();
      return false;
    }
    *out = doc.object();
    return true;
  }
  static bool readFile(const std::string& path, std::string* text, std::string* error) {
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly)) {
      if (error) *error = path + ": cannot open: " + file.errorString().toStdString();
      return false;
    }
    *text = file.readAll().toStdString();
    return true;
  }

  const std::string& error() const { return m_error; }
  bool ok() const { return m_error.empty(); }
  bool has(const char* key) const { return m_obj.contains(key) && !m_obj.value(key).isNull(); }

  void readInt(const char* key, int64_t* out) {
    if (!has(key)) return;
    const QJsonValue v = m_obj.value(key);
    if (!v.isDouble() || std::floor(v.toDouble()) != v.toDouble()) return fail(key, "an integer");
    *out = static_cast<int64_t>(v.toDouble());
  }
  void readDouble(const char* key, double* out) {
    if (!has(key)) return;
    if (!m_obj.value(key).isDouble()) return fail(key, "a number");
    *out = m_obj.value(key).toDouble();
  }
  void readBool(const char* key, bool* out) {
    if (!has(key)) return;
    if (!m_obj.value(key).isBool()) return fail(key, "true or false");
    *out = m_obj.value(key).toBool();
  }
  void readString(const char* key, std::string* out) {
    if (!has(key)) return;
    if (!m_obj.value(key).isString()) return fail(key, "a string");
    *out = m_obj.value(key).toString().toStdString();
  }
  void readIntList(const char* key, std::vector<int64_t>* out) {
    if (!has(key)) return;
    if (!m_obj.value(key).isArray()) return fail(key, "a list of integers");
    std::vector<int64_t> values;
    for (const QJsonValue& v : m_obj.value(key).toArray()) {
      if (!v.isDouble() || std::floor(v.toDouble()) != v.toDouble()) return fail(key, "a list of integers");
      values.push_back(static_cast<int64_t>(v.toDouble()));
    }
    *out = std::move(values);
  }
  void readStringList(const char* key, std::vector<std::string>* out) {
    if (!has(key)) return;
    if (!m_obj.value(key).isArray()) return fail(key, "a list of strings");
    std::vector<std::string> values;
    for (const QJsonValue& v : m_obj.value(key).toArray()) {
      if (!v.isString()) return fail(key, "a list of strings");
      values.push_back(v.toString().toStdString());
    }
    *out = std::move(values);
  }
  void fail(const char* key, const char* what) {
    if (m_error.empty()) m_error = std::string("\"") + key + "\" must be " + what;
  }

 private:
  QJsonObject m_obj;
  std::string m_error;
};

}  // namespace shotcraft::torch_engine::nn
