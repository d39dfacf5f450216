#pragma once
// Base class of the diffusion samplers (diffusers-compatible schedulers).
//
// A sampler owns the timestep / sigma schedule for one request. Typical use by a pipeline:
//   auto sampler = createSampler("euler_a", config, &error);
//   sampler->setSteps(steps, strength, &error);            // strength < 1: img2img, skips the first steps
//   x = img2img ? sampler->noisedLatents(initLatent, noise) : sampler->initialLatents(noise);
//   auto result = sampler->sample(x, denoiser, generatorNoise(gen), callback, &cancel);
// or step-wise (e.g. to inject recorded noise):
//   sampler->resetState();
//   for (int i = 0; i < sampler->callCount(); ++i) {
//     auto out = denoise(sampler->scaleModelInput(x, i), sampler->timesteps()[i]);
//     x = sampler->step(out, i, x, sampler->stepNeedsNoise(i) ? noise_i : torch::Tensor()).prev_sample;
//   }
// Indices are "denoiser call" indices into the active (strength-truncated) schedule; Heun makes 2n-1 calls.
#include <torch/torch.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/engine/CancelToken.h"
#include "plugins/torch_engine/sampling/NoiseSchedule.h"
#include "plugins/torch_engine/sampling/SchedulerConfig.h"

namespace shotcraft::torch_engine {

struct SamplerStepOutput {
  torch::Tensor prev_sample;  // the sample after this step
  torch::Tensor denoised;     // the model's current estimate of the clean latent (for previews)
};

// (scaled model input, timestep) -> raw model output (eps or v, per SchedulerConfig::prediction_type).
using Denoiser = std::function<torch::Tensor(const torch::Tensor& modelInput, double timestep)>;
// Fresh standard-normal noise shaped like `like`, for step `index` of the active schedule.
using NoiseSource = std::function<torch::Tensor(int index, const torch::Tensor& like)>;

struct SamplerProgress {
  int index = 0;  // call index just finished (0-based)
  int count = 0;  // callCount()
  double timestep = 0;
  torch::Tensor sample;
  torch::Tensor denoised;
};
using SamplerCallback = std::function<void(const SamplerProgress&)>;

struct SampleResult {
  torch::Tensor latents;
  bool cancelled = false;
};

// A CPU generator seeded once per request (fixed seed -> bit-identical noise) and a NoiseSource drawing from it
// (on the CPU, then moved to the sample's device/dtype).
torch::Generator makeCpuGenerator(uint64_t seed);
NoiseSource generatorNoise(torch::Generator generator);

class Sampler {
 public:
  virtual ~Sampler() = default;
  Sampler(const Sampler&) = delete;
  Sampler& operator=(const Sampler&) = delete;

  const std::string& id() const { return m_id; }
  const SchedulerConfig& config() const { return m_config; }
  const NoiseSchedule& noiseSchedule() const { return m_schedule; }

  // Builds the schedule for `numSteps` inference steps and resets the state. strength in (0, 1]: 1 = txt2img;
  // below 1 the first steps are skipped the way diffusers' img2img pipelines do. False + message on error.
  bool setSteps(int numSteps, double strength = 1.0, std::string* error = nullptr);

  int numSteps() const { return m_numSteps; }
  int callCount() const { return static_cast<int>(m_timesteps.size()) - m_begin; }
  std::vector<double> timesteps() const;  // active schedule, one per denoiser call
  // The full schedule as diffusers' `scheduler.timesteps` / `scheduler.sigmas` (sigmas empty for DDIM/LCM).
  const std::vector<double>& allTimesteps() const { return m_timesteps; }
  const std::vector<float>& sigmas() const { return m_sigmas; }
  int beginIndex() const { return m_begin; }
  virtual double initNoiseSigma() const { return 1.0; }

  // txt2img start: noise * initNoiseSigma().
  torch::Tensor initialLatents(const torch::Tensor& noise) const;
  // img2img start: the clean latent noised to the first active step (scheduler.add_noise).
  torch::Tensor noisedLatents(const torch::Tensor& clean, const torch::Tensor& noise) const;

  torch::Tensor scaleModelInput(const torch::Tensor& sample, int index) const;
  bool stepNeedsNoise(int index) const;
  // Steps must be taken in order 0..callCount()-1 after setSteps() / resetState().
  SamplerStepOutput step(const torch::Tensor& modelOutput, int index, const torch::Tensor& sample,
                         const torch::Tensor& noise = torch::Tensor());
  void resetState();

  // The whole loop; checks `cancel` before every denoiser call. noise may be empty for samplers that never need it.
  SampleResult sample(torch::Tensor x, const Denoiser& denoiser, const NoiseSource& noise,
                      const SamplerCallback& callback = nullptr, const engine::CancelToken* cancel = nullptr);

 protected:
  Sampler(std::string id, const SchedulerConfig& config);

  TimestepSpacing spacingOr(TimestepSpacing classDefault) const {
    return m_config.timestep_spacing.value_or(classDefault);
  }
  // Fills m_timesteps (and m_sigmas) for the full schedule of numSteps steps.
  virtual bool buildSchedule(int numSteps, std::string* error) = 0;
  // Denoiser calls per step (Heun: 2); used to map strength to a begin index.
  virtual int order() const { return 1; }
  // Sets m_begin from strength (diffusers StableDiffusionImg2ImgPipeline.get_timesteps); LCM overrides.
  virtual bool applyStrength(int numSteps, double strength, std::string* error);
  virtual torch::Tensor scaleInputAt(const torch::Tensor& sample, int /*absIndex*/) const { return sample; }
  virtual bool needsNoiseAt(int /*absIndex*/) const { return false; }
  // Default: DDPM forward process at the integer timestep m_timesteps[absIndex].
  virtual torch::Tensor addNoiseAt(const torch::Tensor& clean, const torch::Tensor& noise, int absIndex) const;
  virtual SamplerStepOutput stepAt(const torch::Tensor& modelOutput, int absIndex, const torch::Tensor& sample,
                                   const torch::Tensor& noise) = 0;
  virtual void resetStateImpl() {}

  // x0 from the model output at alpha_cumprod `alphaProd` (DDIM / LCM parameterisation).
  torch::Tensor predictOriginal(const torch::Tensor& modelOutput, const torch::Tensor& sample, double alphaProd) const;

  std::string m_id;
  SchedulerConfig m_config;
  NoiseSchedule m_schedule;
  std::vector<double> m_timesteps;  // full schedule (float32 or integer values stored as double)
  std::vector<float> m_sigmas;      // full schedule incl. the final 0 (sigma samplers only)
  int m_numSteps = 0;
  int m_begin = 0;
  int m_nextIndex = 0;
};

}  // namespace shotcraft::torch_engine
