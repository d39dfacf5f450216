#pragma once
// DPM-Solver++(2M), diffusers DPMSolverMultistepScheduler(algorithm_type="dpmsolver++", solver_order=2,
// solver_type="midpoint", final_sigmas_type="zero"), optionally with Karras (rho = 7) sigmas.
// The first step and the last step are first order; all others use the previous x0 estimate.
#include "plugins/torch_engine/sampling/Sampler.h"

namespace shotcraft::torch_engine {

class DpmppSampler final : public Sampler {
 public:
  DpmppSampler(const SchedulerConfig& config, bool karras)
      : Sampler(karras ? "dpmpp_2m_karras" : "dpmpp_2m", config), m_karras(karras) {}

 protected:
  bool buildSchedule(int numSteps, std::string* error) override;
  torch::Tensor addNoiseAt(const torch::Tensor& clean, const torch::Tensor& noise, int absIndex) const override;
  SamplerStepOutput stepAt(const torch::Tensor& modelOutput, int absIndex, const torch::Tensor& sample,
                           const torch::Tensor& noise) override;
  void resetStateImpl() override;

 private:
  bool m_karras;
  torch::Tensor m_prevX0;  // x0 estimate of the previous step (empty: none yet)
};

}  // namespace shotcraft::torch_engine
