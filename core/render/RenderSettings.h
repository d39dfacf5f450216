#pragma once
// How a shot is rendered: the caller's choices (draft or final, cadence, strengths, in-between method) and the
// rules that turn a shot's size and steps into what the engine is asked for in each mode.
#include <QJsonObject>
#include <QString>
#include <optional>

namespace shotcraft::model {
struct Shot;
}

namespace shotcraft::render {

// Bumped whenever a change to the renderer changes the frames it draws (it is part of every cache key).
inline constexpr int kRendererVersion = 1;

// A take whose flicker figure (RenderResult::flicker, mean absolute error in 0..255 between each frame and its
// flow-warped neighbour) is above this gets a warning. Smooth flow-interpolated motion measures about 1..4;
// unsteady keyframes that pop from one to the next measure 8 and more.
inline constexpr double kFlickerWarningThreshold = 6.0;

// Draft: low resolution and few steps for a quick look. Final: the shot's size and steps, each keyframe
// drawn as a draft first and then refined at full size by img2img ("hires fix").
enum class RenderMode { Draft, Final };

// How frames between two keyframes are made.
enum class InbetweenMethod {
  FlowBlend,  // DIS optical flow between the two keyframes, both warped toward time t and blended by t
  EbSynth,    // each keyframe carried along the flow of the shot's control image sequence, blended by t;
              // falls back to FlowBlend when the shot has no control sequence
};

// Seed of keyframe k: always the shot's seed (steady texture), or seed + k (fresh noise each keyframe).
enum class SeedSchedule { Fixed, Increment };

// OpenCV DIS presets (cv::DISOpticalFlow::PRESET_FAST / PRESET_MEDIUM).
enum class FlowPreset { Fast, Medium };

struct RenderSettings {
  // Frames per keyframe for shots without their own (model::Shot::cadence_frames == 0).
  int cadence_frames = 4;
  // img2img strength for keyframe k > 0 (the warped previous keyframe is re-noised this much).
  double keyframe_strength = 0.45;
  SeedSchedule seed_schedule = SeedSchedule::Fixed;
  // Match each keyframe's LAB mean/std to the first keyframe's.
  bool colour_coherence = true;
  InbetweenMethod inbetween = InbetweenMethod::FlowBlend;
  FlowPreset flow_preset = FlowPreset::Medium;
  // How much nearer layers of the depth map move more than far ones (0 = flat warp; 1 = nearest pixels move
  // 1.5x and farthest 0.5x the flat amount).
  double parallax_gain = 1.0;
  // Final mode: img2img strength of the full-size refinement of each upscaled draft keyframe.
  double hires_strength = 0.35;
  // Draft mode: the most denoising steps (the shot's steps when it asks for fewer).
  int draft_max_steps = 6;
  // Names the model in the cache key, next to the engine's own model name (the CLI passes the model folder's
  // name). Empty: only the engine's model name.
  QString model_id;

  // "" when valid, else "field: reason".
  QString validate() const;
  // Every field that changes the frames, for the cache key.
  QJsonObject toJson() const;
  // These settings as they apply to `shot`: its own cadence, when it has one, replaces cadence_frames.
  RenderSettings forShot(const model::Shot& shot) const;
};

struct FrameSize {
  int width = 0;
  int height = 0;
  bool operator==(const FrameSize&) const = default;
};

// Draft size rule: half the shot's size, raised until the longer side is at least 128 px and the shorter at
// least 64 px, never larger than the shot, both sides rounded to multiples of 8 (256x144 -> 128x72,
// 1280x720 -> 640x360, 128x72 -> 128x72).
FrameSize draftSize(int width, int height);
// Draft steps rule: min(steps, maxSteps), at least 1.
int draftSteps(int steps, int maxSteps);

// The size and steps the engine draws keyframes at for `mode` (draft: the rules above; final: the shot's).
FrameSize renderSize(const model::Shot& shot, RenderMode mode);
int renderSteps(const model::Shot& shot, RenderMode mode, const RenderSettings& settings);

QString renderModeName(RenderMode mode);  // "draft", "final"

}  // namespace shotcraft::render
