#pragma once
// Shared measures of the storyboard timeline: where time 0 sits, how seconds map to pixels, and the 0.1 s grid
// that edge drags and playhead clicks snap to.
#include <algorithm>
#include <cmath>

#include "core/model/Limits.h"

namespace shotcraft::ui::timeline {

inline constexpr int kContentMargin_px = 14;  // around the ruler and the act bands
inline constexpr int kBandInset_px = 16;      // from a band's (and the ruler's) left edge to time 0
inline constexpr int kTrailing_px = 160;      // room after the last clip to drag it longer
inline constexpr double kDefaultPixelsPerSecond = 60.0;
inline constexpr double kMinPixelsPerSecond = 8.0;
inline constexpr double kMaxPixelsPerSecond = 480.0;
inline constexpr double kZoomStep = 1.25;  // one zoom-in / zoom-out step
inline constexpr double kSnap_s = 0.1;     // the grid for edge drags and the playhead
// The model accepts any duration > 0; on the 0.1 s grid the shortest is one step.
inline constexpr double kMinShotDuration_s = kSnap_s;
inline constexpr double kMaxShotDuration_s = model::limits::kMaxShotDuration_s;

inline double snapSeconds(double seconds) { return std::round(seconds / kSnap_s) * kSnap_s; }

inline double clampDuration(double seconds) {
  return std::clamp(snapSeconds(seconds), kMinShotDuration_s, kMaxShotDuration_s);
}

inline double clampZoom(double pixelsPerSecond) {
  return std::clamp(pixelsPerSecond, kMinPixelsPerSecond, kMaxPixelsPerSecond);
}

}  // namespace shotcraft::ui::timeline
