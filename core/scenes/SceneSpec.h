#pragma once
// What one procedural storyboard frame shows, as plain values sampled from a seed. The renderer
// (SceneRenderer.h) draws a SceneSpec at any size; the prompt writers (Prompt.h) describe it. Because
// every attribute is known, a model trained on these frames can be scored on them (time of day, scene
// type, number of figures, palette, poses).
//
// Determinism: sampleScene(seed) uses only shotcraft::scenes::Rng (raw 64-bit draws of std::mt19937_64,
// which the C++ standard fixes bit for bit) and our own arithmetic on them, so a seed gives the same
// SceneSpec with every standard library.
#include <cstdint>
#include <string>
#include <vector>

namespace shotcraft::scenes {

enum class TimeOfDay { Dawn, Day, Sunset, Night };
enum class Weather { Clear, Cloudy, Rain, Fog, Snow };
enum class SceneType { City, CyberpunkCity, Mountains, Coast, Forest, Road, Room, Office };
// The colour grade over the whole frame; the dominant look an evaluator can measure.
enum class Palette { Warm, Cool, Neon, Muted, Monochrome };
enum class Pose { Standing, Walking, Running, ArmsUp, Sitting, Turning };
// Camera height sets the horizon line and how tall figures stand against it.
enum class CameraHeight { Low, Eye, High };

inline constexpr int kTimeOfDayCount = 4;
inline constexpr int kWeatherCount = 5;
inline constexpr int kSceneTypeCount = 8;
inline constexpr int kPaletteCount = 5;
inline constexpr int kPoseCount = 6;
inline constexpr int kCameraHeightCount = 3;
inline constexpr int kMaxFigures = 3;

struct Rgb8 {
  uint8_t r = 0, g = 0, b = 0;
  bool operator==(const Rgb8&) const = default;
};

struct FigureSpec {
  Pose pose = Pose::Standing;
  float yaw_deg = 0.0f;       // body turn: 0 faces the camera, 90 faces screen-right, 180 faces away
  float head_yaw_deg = 0.0f;  // head turn relative to the body (non-zero when Turning)
  float phase = 0.0f;         // gait phase in [0, 1) for walking/running; arm variation otherwise
  float x_frac = 0.5f;        // feet centre, fraction of the frame width
  float foot_y_frac = 0.9f;   // ground contact, fraction of the frame height (below the horizon)
  float height_frac = 0.5f;   // standing height (sole to crown), fraction of the frame height
  Rgb8 shirt, trousers, skin, hair;
  bool operator==(const FigureSpec&) const = default;
};

struct SceneSpec {
  uint64_t seed = 0;  // also drives layout details (buildings, trees, clouds) when rendering
  TimeOfDay time = TimeOfDay::Day;
  Weather weather = Weather::Clear;
  SceneType type = SceneType::City;
  Palette palette = Palette::Muted;
  CameraHeight camera = CameraHeight::Eye;
  float horizon_frac = 0.55f;  // horizon (outdoors) or wall/floor line (interiors), fraction of height
  std::vector<FigureSpec> figures;  // 0..kMaxFigures, sorted far to near (by foot_y_frac)
  bool operator==(const SceneSpec&) const = default;
};

bool isInterior(SceneType type);

// Samples every attribute from the seed (weighted so all values occur; some pairings are preferred,
// e.g. neon palettes in cyberpunk cities, no snow at the coast).
SceneSpec sampleScene(uint64_t seed);

// Stable lower-case ASCII names, used in dataset JSON ("dawn", "cyberpunk_city", "arms_up", ...).
const char* timeOfDayName(TimeOfDay t);
const char* weatherName(Weather w);
const char* sceneTypeName(SceneType s);
const char* paletteName(Palette p);
const char* poseName(Pose p);
const char* cameraHeightName(CameraHeight c);

}  // namespace shotcraft::scenes
