#pragma once
// One of the three acts: an editable title and an ordered list of shots.
#include <QString>
#include <vector>

#include "core/model/Shot.h"

namespace shotcraft::model {

struct Act {
  QString title;
  std::vector<Shot> shots;

  double duration_s() const {
    double total = 0.0;
    for (const Shot& s : shots) total += s.duration_s;
    return total;
  }
  bool operator==(const Act&) const = default;
};

}  // namespace shotcraft::model
