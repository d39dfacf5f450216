#pragma once
// Euler ancestral (diffusers EulerAncestralDiscreteScheduler): every step adds fresh noise * sigma_up.
#include "plugins/torch_engine/sampling/SigmaSampler.h"

namespace shotcraft::torch_engine {

class EulerAncestralSampler final : public SigmaSampler {
 public:
  explicit EulerAncestralSampler(const SchedulerConfig& config) : SigmaSampler("euler_a", config) {}

 protected:
  bool needsNoiseAt(int /*absIndex*/) const override { return true; }
  SamplerStepOutput stepAt(const torch::Tensor& modelOutput, int absIndex, const torch::Tensor& sample,
                           const torch::Tensor& noise) override;
};

}  // namespace shotcraft::torch_engine
