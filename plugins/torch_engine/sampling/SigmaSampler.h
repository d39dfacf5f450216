#pragma once
// Common base of the k-diffusion style samplers working on sigma = sqrt((1 - ac) / ac): Euler, Euler ancestral,
// Heun (diffusers Euler/EulerAncestral/HeunDiscreteScheduler). Default spacing "linspace"; the model input is
// scaled by 1 / sqrt(sigma^2 + 1); x_T = noise * sigma_max.
#include "plugins/torch_engine/sampling/Sampler.h"

namespace shotcraft::torch_engine {

class SigmaSampler : public Sampler {
 public:
  double initNoiseSigma() const override;

 protected:
  using Sampler::Sampler;

  bool buildSchedule(int numSteps, std::string* error) override;
  torch::Tensor scaleInputAt(const torch::Tensor& sample, int absIndex) const override;
  torch::Tensor addNoiseAt(const torch::Tensor& clean, const torch::Tensor& noise, int absIndex) const override;

  double sigmaAt(int absIndex) const { return m_sigmas.at(static_cast<size_t>(absIndex)); }
  // x0 estimate at noise level sigma (eps or v parameterisation).
  torch::Tensor predictOriginalAt(const torch::Tensor& modelOutput, const torch::Tensor& sample, double sigma) const;
};

}  // namespace shotcraft::torch_engine
