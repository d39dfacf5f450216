#pragma once
// The torch-free public API of the diffusion engine (DESIGN.md, "The engine").
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/engine/Image.h"

namespace shotcraft::engine {

enum class ControlKind { Depth, Canny, Pose };

// Which of classifier-free guidance's two passes a control acts on (only matters when cfg_scale > 1).
//  - Balanced: the prompt's pass and the negative prompt's pass alike (diffusers' default). The guidance scale
//    does not multiply the control's effect.
//  - ControlFirst: the prompt's pass only; the negative prompt's pass runs without it, so the guidance scale
//    multiplies the control's effect (A1111's "ControlNet is more important"; diffusers' rule for a ControlNet
//    whose config sets global_pool_conditions).
//  - Auto: what the ControlNet's config.json asks for: ControlFirst when it sets global_pool_conditions or
//    "shotcraft_control_mode": "control_first" (our own ControlNets do, docs/training.md), else Balanced.
enum class ControlMode { Auto, Balanced, ControlFirst };

struct ControlInput {
  ControlKind kind = ControlKind::Depth;
  Image image;                 // the control map (depth, edges, skeleton), any size; resized to the output
  float weight = 1.0f;         // 0..2
  float start = 0.0f;          // fraction of the schedule where the control starts acting
  float end = 1.0f;            // ... and stops
  ControlMode mode = ControlMode::Auto;
};

// JSON / CLI names: "auto", "balanced", "control_first".
const char* controlModeName(ControlMode mode);
std::optional<ControlMode> controlModeFromName(const std::string& name);

struct LoraRef {
  std::string path;
  float weight = 1.0f;
};

struct GenerationRequest {
  std::string prompt;
  std::string negative_prompt;
  int width = 512;
  int height = 512;
  int steps = 20;
  float cfg_scale = 7.0f;
  // 0..1: rescaled classifier-free guidance (Lin et al. 2023, section 3.4; diffusers' guidance_rescale). The guided
  // prediction is scaled back to the prompt pass's standard deviation and blended with the plain guided one by this
  // fraction; it tames the over-exposure that a high cfg_scale causes, most on zero-terminal-SNR models. 0 = off.
  float guidance_rescale = 0.0f;
  std::string sampler = "euler_a";   // see samplerNames()
  uint64_t seed = 0;
  std::optional<Image> init_image;   // img2img when set
  float strength = 0.75f;            // img2img: fraction of the schedule that is re-noised
  std::vector<ControlInput> controls;
  std::vector<LoraRef> loras;
  bool preview_every_step = true;
};

struct Progress {
  int step = 0;          // 1-based step just finished
  int total = 0;
  double step_ms = 0.0;  // wall time of that step
  Image preview;         // cheap decode of the current latent (empty if previews are off)
};

struct Timings {
  double text_ms = 0, sample_ms = 0, decode_ms = 0, total_ms = 0;
};

struct GenerationResult {
  bool ok = false;
  bool cancelled = false;
  std::string error;   // one line a person can act on, when !ok
  Image image;
  Timings timings;
};

using ProgressCallback = std::function<void(const Progress&)>;

}  // namespace shotcraft::engine
