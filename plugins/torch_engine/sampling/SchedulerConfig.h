#pragma once
// Noise-schedule settings of a diffusers `scheduler_config.json` (torch-free).
#include <optional>
#include <string>

namespace shotcraft::torch_engine {

enum class BetaSchedule { ScaledLinear, Linear };
enum class PredictionType { Epsilon, VPrediction };
enum class TimestepSpacing { Leading, Linspace, Trailing };

// A default-constructed config is Stable Diffusion 1.x's scheduler_config.json.
struct SchedulerConfig {
  int num_train_timesteps = 1000;
  double beta_start = 0.00085;
  double beta_end = 0.012;
  BetaSchedule beta_schedule = BetaSchedule::ScaledLinear;
  PredictionType prediction_type = PredictionType::Epsilon;
  // Unset: each sampler uses its diffusers class default (DDIM/LCM "leading", Euler/Heun/DPM++ "linspace").
  std::optional<TimestepSpacing> timestep_spacing;
  int steps_offset = 1;
  bool set_alpha_to_one = false;       // DDIM / LCM: alpha_cumprod "before" step 0
  int original_inference_steps = 50;   // LCM
  double timestep_scaling = 10.0;      // LCM boundary-condition scaling
  // Lin et al. (2023) zero terminal SNR (NoiseSchedule.h, zeroTerminalSnrBetas); v_prediction only.
  bool rescale_betas_zero_snr = false;
};

// Parses the JSON text of a diffusers scheduler_config.json. Keys absent from the text take the diffusers
// class defaults (steps_offset 0, set_alpha_to_one true, epsilon prediction, per-sampler spacing), as
// `Scheduler.from_config` does. Unknown keys are ignored. Returns false with a one-line message on error.
bool parseSchedulerConfig(const std::string& jsonText, SchedulerConfig& out, std::string* error);
bool loadSchedulerConfig(const std::string& path, SchedulerConfig& out, std::string* error);

const char* toString(TimestepSpacing spacing);
const char* toString(PredictionType type);

}  // namespace shotcraft::torch_engine
