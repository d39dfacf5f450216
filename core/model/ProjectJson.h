#pragma once
// project.json <-> Project. Reading never trusts the input: every problem comes back as one line naming
// the field path ("acts[1].shots[3].duration: must be > 0"), and the output project is only written on success.
#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include "core/model/Project.h"

namespace shotcraft::model {

class ProjectJson {
 public:
  static QJsonObject toObject(const Project& project);
  static QByteArray toJson(const Project& project);  // indented UTF-8

  // Parses and validates. Errors: not JSON (Qt's message and the byte offset), too deeply nested,
  // schema newer than Project::kSchemaVersion, wrong "app", wrong types, missing or out-of-range fields.
  static bool fromJson(const QByteArray& bytes, Project* out, QString* error);
  static bool fromObject(const QJsonObject& root, Project* out, QString* error);
};

}  // namespace shotcraft::model
