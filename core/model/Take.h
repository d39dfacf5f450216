#pragma once
// One rendered result of a shot. Frames live in the project's takes/<frames>/ folder.
#include <QDateTime>
#include <QString>
#include <optional>

namespace shotcraft::model {

struct Take {
  QString id;                     // unique within its shot, e.g. "t1"
  QDateTime created;              // UTC; stored as ISO 8601
  QString render_hash;            // hash of every render input (cache key)
  QString frames;                 // folder relative to takes/
  std::optional<double> flicker;  // temporal flicker figure (lower is steadier), when measured

  // "" when valid, else "field: reason".
  QString validate() const;
  bool operator==(const Take&) const = default;
};

}  // namespace shotcraft::model
