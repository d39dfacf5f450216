#pragma once
// JSON form of a Shot (with its controls, camera path and takes). Range checks are Shot::validate()'s job;
// reading only checks shapes, types and names, reporting "path.field: reason" through the JsonReader.
#include <QJsonObject>

#include "core/model/JsonReader.h"
#include "core/model/Shot.h"

namespace shotcraft::model {

class ShotJson {
 public:
  static QJsonObject toObject(const Shot& shot);
  // Members absent from `o` (other than the required "id" and "duration") keep their value from `base`.
  static Shot fromObject(const QJsonObject& o, const QString& path, const Shot& base, JsonReader& reader);

  static QJsonObject cameraToObject(const CameraPath& camera);
  static CameraPath cameraFromObject(const QJsonObject& o, const QString& path, JsonReader& reader);
  static QJsonObject controlsToObject(const ControlSettings& controls);
  static ControlSettings controlsFromObject(const QJsonObject& o, const QString& path, JsonReader& reader);
  static QJsonObject takeToObject(const Take& take);
  static Take takeFromObject(const QJsonObject& o, const QString& path, JsonReader& reader);
};

}  // namespace shotcraft::model
