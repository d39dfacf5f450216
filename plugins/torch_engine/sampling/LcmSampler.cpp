#include "plugins/torch_engine/sampling/LcmSampler.h"

#include <cmath>

namespace shotcraft::torch_engine {

bool LcmSampler::buildSchedule(int numSteps, std::string* error) { return buildWithStrength(numSteps, 1.0, error); }

bool LcmSampler::applyStrength(int numSteps, double strength, std::string* error) {
  m_begin = 0;
  return strength >= 1.0 || buildWithStrength(numSteps, strength, error);
}

bool LcmSampler::buildWithStrength(int numSteps, double strength, std::string* error) {
  const int originalSteps = m_config.original_inference_steps;
  if (originalSteps < 1 || originalSteps > m_config.num_train_timesteps) {
    if (error) *error = "original_inference_steps must be in 1..num_train_timesteps";
    return false;
  }
  const int k = m_config.num_train_timesteps / originalSteps;
  const int gridSize = static_cast<int>(originalSteps * strength);
  if (numSteps > originalSteps || gridSize / numSteps < 1) {
    if (error) {
      *error = std::to_string(numSteps) + " steps exceed the " + std::to_string(gridSize) +
               " distillation timesteps available (original_inference_steps x strength)";
    }
    return false;
  }
  // Distillation grid k-1, 2k-1, ..., gridSize*k-1, walked from the top at evenly spaced indices.
  std::vector<double> ts;
  for (int i = 0; i < numSteps; ++i) {
    const int index = static_cast<int>(std::floor(i * (static_cast<double>(gridSize) / numSteps)));
    ts.push_back(static_cast<double>((gridSize - index) * k - 1));
  }
  m_timesteps = std::move(ts);
  m_sigmas.clear();
  return true;
}

bool LcmSampler::needsNoiseAt(int absIndex) const { return absIndex != static_cast<int>(m_timesteps.size()) - 1; }

SamplerStepOutput LcmSampler::stepAt(const torch::Tensor& modelOutput, int absIndex, const torch::Tensor& sample,
                                     const torch::Tensor& noise) {
  const size_t i = static_cast<size_t>(absIndex);
  const int t = static_cast<int>(m_timesteps[i]);
  const bool last = i + 1 >= m_timesteps.size();
  const int prevT = last ? t : static_cast<int>(m_timesteps[i + 1]);
  const double alphaProd = m_schedule.alphaCumprod(t);
  const double alphaProdPrev = m_schedule.alphaCumprod(prevT);

  // Consistency-model boundary condition (sigma_data = 0.5).
  const double sigmaData = 0.5;
  const double scaledT = t * m_config.timestep_scaling;
  const double cSkip = sigmaData * sigmaData / (scaledT * scaledT + sigmaData * sigmaData);
  const double cOut = scaledT / std::sqrt(scaledT * scaledT + sigmaData * sigmaData);

  torch::Tensor x0 = predictOriginal(modelOutput, sample, alphaProd);
  torch::Tensor denoised = cOut * x0 + cSkip * sample;
  if (last) return {denoised, denoised};
  torch::Tensor prev =
      std::sqrt(alphaProdPrev) * denoised + std::sqrt(1.0 - alphaProdPrev) * noise.to(denoised.device(), denoised.scalar_type());
  return {prev, denoised};
}

}  // namespace shotcraft::torch_engine
