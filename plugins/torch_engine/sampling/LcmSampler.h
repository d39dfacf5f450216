#pragma once
// Latent Consistency Model sampler (diffusers LCMScheduler): timesteps are picked from the
// original_inference_steps (50) distillation grid; each step predicts x0 with the consistency boundary
// condition and re-noises it to the next timestep with fresh noise (all but the last step).
// img2img shortens the distillation grid by `strength` (as LatentConsistencyModelImg2ImgPipeline does).
#include "plugins/torch_engine/sampling/Sampler.h"

namespace shotcraft::torch_engine {

class LcmSampler final : public Sampler {
 public:
  explicit LcmSampler(const SchedulerConfig& config) : Sampler("lcm", config) {}

 protected:
  bool buildSchedule(int numSteps, std::string* error) override;
  bool applyStrength(int numSteps, double strength, std::string* error) override;
  bool needsNoiseAt(int absIndex) const override;
  SamplerStepOutput stepAt(const torch::Tensor& modelOutput, int absIndex, const torch::Tensor& sample,
                           const torch::Tensor& noise) override;

 private:
  bool buildWithStrength(int numSteps, double strength, std::string* error);
};

}  // namespace shotcraft::torch_engine
