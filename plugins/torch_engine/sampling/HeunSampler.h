#pragma once
// Heun's 2nd-order method (diffusers HeunDiscreteScheduler): each step but the last makes two denoiser calls
// (Euler predictor, trapezoidal corrector); the final step to sigma 0 is a plain Euler step.
// The call schedule is t0, t1, t1, t2, t2, ..., t_{n-1}, t_{n-1}: 2n-1 calls for n steps.
#include "plugins/torch_engine/sampling/SigmaSampler.h"

namespace shotcraft::torch_engine {

class HeunSampler final : public SigmaSampler {
 public:
  explicit HeunSampler(const SchedulerConfig& config) : SigmaSampler("heun", config) {}

 protected:
  bool buildSchedule(int numSteps, std::string* error) override;
  int order() const override { return 2; }
  SamplerStepOutput stepAt(const torch::Tensor& modelOutput, int absIndex, const torch::Tensor& sample,
                           const torch::Tensor& noise) override;
  void resetStateImpl() override;

 private:
  torch::Tensor m_prevDerivative;  // set between the predictor and the corrector call
  torch::Tensor m_prevSample;
  double m_dt = 0.0;
};

}  // namespace shotcraft::torch_engine
