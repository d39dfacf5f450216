#pragma once
// Easing curves applied to a camera-path segment's parameter u in [0, 1] (closed forms, see ease()).
#include <QString>
#include <optional>

namespace shotcraft::model {

enum class Easing {
  Linear,     // u
  EaseIn,     // u^2
  EaseOut,    // 1 - (1 - u)^2
  EaseInOut,  // 3u^2 - 2u^3 (smoothstep)
  Hold,       // 0 until the segment ends: the value holds, then jumps at the next keyframe
};

// Eased parameter for u; u is clamped to [0, 1] first.
double ease(Easing easing, double u);

// JSON names: "linear", "ease-in", "ease-out", "ease-in-out", "hold".
QString easingName(Easing easing);
std::optional<Easing> easingFromName(const QString& name);

}  // namespace shotcraft::model
