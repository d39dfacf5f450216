#pragma once
// Euler (diffusers EulerDiscreteScheduler, s_churn = 0: deterministic).
#include "plugins/torch_engine/sampling/SigmaSampler.h"

namespace shotcraft::torch_engine {

class EulerSampler final : public SigmaSampler {
 public:
  explicit EulerSampler(const SchedulerConfig& config) : SigmaSampler("euler", config) {}

 protected:
  SamplerStepOutput stepAt(const torch::Tensor& modelOutput, int absIndex, const torch::Tensor& sample,
                           const torch::Tensor& noise) override;
};

}  // namespace shotcraft::torch_engine
