#pragma once
// One shot of the storyboard: what to draw (prompt, controls, camera) and how (size, fps, sampler), plus takes.
#include <QString>
#include <cstdint>
#include <vector>

#include "core/model/AspectRatio.h"
#include "core/model/CameraPath.h"
#include "core/model/ControlSettings.h"
#include "core/model/Take.h"

namespace shotcraft::model {

struct Shot {
  QString id;  // stable across reorders and saves ("s01")
  QString title;
  QString prompt;
  QString negative_prompt;
  double duration_s = 3.0;  // > 0, <= 600
  int fps = 12;             // 1..120
  AspectRatio aspect = AspectRatio::Wide16x9;
  int width = 256;  // px, 64..8192, multiple of 8
  int height = 144;
  uint64_t seed = 0;  // 0..2^53-1
  QString sampler = QStringLiteral("euler_a");
  int steps = 8;            // 1..200
  double cfg_scale = 5.0;   // 0..30
  int cadence_frames = 0;   // frames per engine keyframe, 0..240; 0 = the render's default cadence
  ControlSettings controls;
  CameraPath camera;
  QString notes;
  QString dialogue;
  std::vector<Take> takes;
  QString selected_take;  // "" or the id of one of takes

  // "" when valid, else "field: reason" relative to the shot ("duration: must be > 0", "takes[1].id: ...").
  QString validate() const;

  int frameCount() const;  // round(duration_s * fps), at least 1
  const Take* findTake(const QString& takeId) const;
  const Take* selectedTake() const { return findTake(selected_take); }
  QString nextTakeId() const;  // "t01", "t02", ...

  bool operator==(const Shot&) const = default;
};

}  // namespace shotcraft::model
