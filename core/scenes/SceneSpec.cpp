#include "core/scenes/SceneSpec.h"

#include <algorithm>
#include <array>

#include "core/scenes/Rng.h"

namespace shotcraft::scenes {

namespace {

constexpr std::array<Rgb8, 10> kShirts = {{{196, 52, 48},
                                           {52, 92, 170},
                                           {232, 186, 60},
                                           {70, 140, 80},
                                           {236, 232, 220},
                                           {40, 40, 46},
                                           {222, 120, 50},
                                           {120, 70, 150},
                                           {40, 150, 150},
                                           {150, 40, 80}}};
constexpr std::array<Rgb8, 6> kTrousers = {
    {{40, 50, 80}, {30, 30, 34}, {100, 70, 50}, {110, 110, 116}, {170, 150, 110}, {60, 80, 60}}};
constexpr std::array<Rgb8, 5> kSkins = {{{246, 214, 186}, {228, 184, 150}, {196, 140, 100}, {150, 100, 70},
                                         {100, 66, 48}}};
constexpr std::array<Rgb8, 5> kHair = {{{30, 24, 22}, {90, 60, 40}, {220, 190, 120}, {170, 170, 170}, {160, 70, 40}}};

Palette samplePalette(Rng& rng, SceneType type, TimeOfDay time) {
  const double warmBoost = (time == TimeOfDay::Sunset || time == TimeOfDay::Dawn) ? 1.6 : 1.0;
  const double coolBoost = time == TimeOfDay::Night ? 1.6 : 1.0;
  switch (type) {
    case SceneType::CyberpunkCity: {
      const int i = rng.weighted({6.0, 1.5 * coolBoost, 1.0 * warmBoost});
      return std::array{Palette::Neon, Palette::Cool, Palette::Warm}[size_t(i)];
    }
    case SceneType::City:
    case SceneType::Road:
    case SceneType::Room:
    case SceneType::Office:
      return Palette(rng.weighted({2.0 * warmBoost, 2.0 * coolBoost, 0.8, 1.6, 1.0}));
    default: {
      const int i = rng.weighted({2.0 * warmBoost, 2.0 * coolBoost, 1.6, 1.0});
      return std::array{Palette::Warm, Palette::Cool, Palette::Muted, Palette::Monochrome}[size_t(i)];
    }
  }
}

float sampleYaw(Rng& rng, Pose pose) {
  const float side = rng.chance(0.5) ? 1.0f : -1.0f;
  switch (pose) {
    case Pose::Walking:
    case Pose::Running:
      return rng.chance(0.7) ? side * rng.uniformf(65.0f, 110.0f) : side * rng.uniformf(10.0f, 40.0f);
    case Pose::Turning:
      return side * rng.uniformf(115.0f, 155.0f);
    case Pose::Sitting:
      return rng.chance(0.6) ? side * rng.uniformf(0.0f, 35.0f) : side * rng.uniformf(70.0f, 95.0f);
    default:
      return rng.chance(0.15) ? 180.0f - side * rng.uniformf(0.0f, 25.0f) : side * rng.uniformf(0.0f, 40.0f);
  }
}

FigureSpec sampleFigure(Rng& rng, const SceneSpec& s, float x_lo, float x_hi) {
  FigureSpec f;
  const bool interior = isInterior(s.type);
  f.pose = Pose(rng.weighted({1.0, 1.3, interior ? 0.4 : 1.0, 0.8, interior ? 1.3 : 0.8, 1.0}));
  f.yaw_deg = sampleYaw(rng, f.pose);
  if (f.pose == Pose::Turning) {
    f.head_yaw_deg = (f.yaw_deg > 0 ? -1.0f : 1.0f) * rng.uniformf(70.0f, 100.0f);
  }
  f.phase = rng.uniformf(0.0f, 1.0f);
  f.x_frac = rng.uniformf(x_lo, x_hi);
  // Feet on the ground: below the horizon (outdoors), on the floor (interiors), on the beach (coast).
  const float h = s.horizon_frac;
  float ground_top = h + 0.15f * (1.0f - h);
  if (interior) ground_top = h + 0.22f + 0.1f * (1.0f - h);
  if (s.type == SceneType::Coast) ground_top = h + 0.5f * (1.0f - h);
  f.foot_y_frac = rng.uniformf(ground_top, 0.97f);
  // Perspective: a person as tall as the camera is high has their eyes on the horizon.
  const float k = s.camera == CameraHeight::Low ? 1.45f : (s.camera == CameraHeight::Eye ? 1.0f : 0.62f);
  const float top_extent = f.pose == Pose::ArmsUp ? 1.25f : 1.0f;
  f.height_frac = std::clamp(k * (f.foot_y_frac - h) * rng.uniformf(0.88f, 1.1f), 0.14f, 0.85f);
  f.height_frac = std::min(f.height_frac, (f.foot_y_frac - 0.03f) / top_extent);
  f.shirt = rng.pick(kShirts);
  f.trousers = rng.pick(kTrousers);
  f.skin = rng.pick(kSkins);
  f.hair = rng.pick(kHair);
  return f;
}

}  // namespace

bool isInterior(SceneType type) { return type == SceneType::Room || type == SceneType::Office; }

SceneSpec sampleScene(uint64_t seed) {
  Rng rng(seed, 0x5CE7E);
  SceneSpec s;
  s.seed = seed;
  s.type = SceneType(rng.range(0, kSceneTypeCount - 1));
  s.time = TimeOfDay(rng.weighted({1.0, 1.2, 1.0, 1.0}));
  const bool cyber = s.type == SceneType::CyberpunkCity;
  s.weather = Weather(rng.weighted({4.0, 2.2, cyber ? 3.0 : 1.4, 1.2, cyber ? 0.4 : 1.2}));
  if (s.type == SceneType::Coast && s.weather == Weather::Snow) s.weather = Weather::Cloudy;
  s.palette = samplePalette(rng, s.type, s.time);
  s.camera = CameraHeight(rng.weighted({1.0, 2.0, 1.0}));
  const float base = isInterior(s.type) ? (s.camera == CameraHeight::Low    ? 0.50f
                                            : s.camera == CameraHeight::Eye ? 0.40f
                                                                            : 0.28f)
                                        : (s.camera == CameraHeight::Low    ? 0.64f
                                            : s.camera == CameraHeight::Eye ? 0.50f
                                                                            : 0.36f);
  s.horizon_frac = base + rng.uniformf(-0.04f, 0.04f);

  const int count = rng.weighted({1.0, 1.8, 1.3, 0.9});
  // Spread figures over slots of the width so they rarely stand on top of each other.
  std::array<int, kMaxFigures> slots = {0, 1, 2};
  for (int i = count - 1; i > 0; --i) std::swap(slots[size_t(i)], slots[size_t(rng.range(0, i))]);
  const float slot_w = 0.76f / float(std::max(count, 1));
  for (int i = 0; i < count; ++i) {
    const float lo = 0.12f + slot_w * float(slots[size_t(i)]);
    s.figures.push_back(sampleFigure(rng, s, lo, lo + slot_w));
  }
  std::stable_sort(s.figures.begin(), s.figures.end(),
                   [](const FigureSpec& a, const FigureSpec& b) { return a.foot_y_frac < b.foot_y_frac; });
  return s;
}

const char* timeOfDayName(TimeOfDay t) {
  static constexpr const char* kNames[] = {"dawn", "day", "sunset", "night"};
  return kNames[int(t)];
}
const char* weatherName(Weather w) {
  static constexpr const char* kNames[] = {"clear", "cloudy", "rain", "fog", "snow"};
  return kNames[int(w)];
}
const char* sceneTypeName(SceneType s) {
  static constexpr const char* kNames[] = {"city", "cyberpunk_city", "mountains", "coast",
                                           "forest", "road", "room", "office"};
  return kNames[int(s)];
}
const char* paletteName(Palette p) {
  static constexpr const char* kNames[] = {"warm", "cool", "neon", "muted", "monochrome"};
  return kNames[int(p)];
}
const char* poseName(Pose p) {
  static constexpr const char* kNames[] = {"standing", "walking", "running", "arms_up", "sitting", "turning"};
  return kNames[int(p)];
}
const char* cameraHeightName(CameraHeight c) {
  static constexpr const char* kNames[] = {"low", "eye", "high"};
  return kNames[int(c)];
}

}  // namespace shotcraft::scenes
