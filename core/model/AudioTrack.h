#pragma once
// The project's music or voice track for the animatic.
#include <QString>

namespace shotcraft::model {

struct AudioTrack {
  QString path;          // relative to the project's assets/
  double offset_s = 0.0;  // track time at the start of the first shot (may be negative)
  double gain_db = 0.0;   // -60..+24

  // "" when valid, else "field: reason".
  QString validate() const;
  bool operator==(const AudioTrack&) const = default;
};

}  // namespace shotcraft::model
