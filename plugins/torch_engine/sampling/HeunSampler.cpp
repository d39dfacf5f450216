#include "plugins/torch_engine/sampling/HeunSampler.h"

namespace shotcraft::torch_engine {

bool HeunSampler::buildSchedule(int numSteps, std::string* error) {
  if (!SigmaSampler::buildSchedule(numSteps, error)) return false;
  // sigmas [s0, s1, s1, ..., s_{n-1}, s_{n-1}, 0, 0, 0] and timesteps [t0, t1, t1, ..., t_{n-1}, t_{n-1}].
  std::vector<float> sigmas{m_sigmas.front()};
  for (size_t i = 1; i < m_sigmas.size(); ++i) sigmas.insert(sigmas.end(), 2, m_sigmas[i]);
  sigmas.push_back(m_sigmas.back());
  std::vector<double> ts{m_timesteps.front()};
  for (size_t i = 1; i < m_timesteps.size(); ++i) ts.insert(ts.end(), 2, m_timesteps[i]);
  m_sigmas = std::move(sigmas);
  m_timesteps = std::move(ts);
  return true;
}

void HeunSampler::resetStateImpl() {
  m_prevDerivative = torch::Tensor();
  m_prevSample = torch::Tensor();
  m_dt = 0.0;
}

SamplerStepOutput HeunSampler::stepAt(const torch::Tensor& modelOutput, int absIndex, const torch::Tensor& sample,
                                      const torch::Tensor& /*noise*/) {
  if (!m_prevDerivative.defined()) {  // predictor: Euler step from sigma to sigmaNext
    const double sigma = sigmaAt(absIndex);
    const double sigmaNext = sigmaAt(absIndex + 1);
    torch::Tensor x0 = predictOriginalAt(modelOutput, sample, sigma);
    torch::Tensor derivative = (sample - x0) / sigma;
    const double dt = sigmaNext - sigma;
    torch::Tensor prev = sample + derivative * dt;
    if (sigmaNext > 0.0) {  // a corrector call follows
      m_prevDerivative = derivative;
      m_prevSample = sample;
      m_dt = dt;
    }
    return {prev, x0};
  }
  // corrector: average the slopes at both ends, restart from the predictor's input
  const double sigmaNext = sigmaAt(absIndex);
  torch::Tensor x0 = predictOriginalAt(modelOutput, sample, sigmaNext);
  torch::Tensor derivative = ((sample - x0) / sigmaNext + m_prevDerivative) / 2.0;
  torch::Tensor prev = m_prevSample + derivative * m_dt;
  resetStateImpl();
  return {prev, x0};
}

}  // namespace shotcraft::torch_engine
