#pragma once
// Project-wide defaults that new shots start from.
#include <QString>

#include "core/model/AspectRatio.h"

namespace shotcraft::model {

struct RenderDefaults {
  int fps = 12;
  AspectRatio aspect = AspectRatio::Wide16x9;
  int width = 256;  // the embedded shotcraft-tiny model draws at 256x144
  int height = 144;
  QString model = QStringLiteral("shotcraft-tiny");
  QString sampler = QStringLiteral("euler_a");
  int steps = 8;
  double cfg_scale = 5.0;

  // "" when valid, else "field: reason" (same ranges as a shot's).
  QString validate() const;
  bool operator==(const RenderDefaults&) const = default;
};

}  // namespace shotcraft::model
