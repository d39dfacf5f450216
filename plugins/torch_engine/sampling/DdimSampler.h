#pragma once
// DDIM (eta = 0), diffusers DDIMScheduler. Default spacing "leading" (+steps_offset).
#include "plugins/torch_engine/sampling/Sampler.h"

namespace shotcraft::torch_engine {

class DdimSampler final : public Sampler {
 public:
  explicit DdimSampler(const SchedulerConfig& config) : Sampler("ddim", config) {}

 protected:
  bool buildSchedule(int numSteps, std::string* error) override;
  SamplerStepOutput stepAt(const torch::Tensor& modelOutput, int absIndex, const torch::Tensor& sample,
                           const torch::Tensor& noise) override;
};

}  // namespace shotcraft::torch_engine
