#include "plugins/torch_engine/sampling/SigmaSampler.h"

#include <algorithm>
#include <cmath>

namespace shotcraft::torch_engine {

bool SigmaSampler::buildSchedule(int numSteps, std::string* error) {
  const int trainSteps = m_config.num_train_timesteps;
  std::vector<double> ts;
  switch (spacingOr(TimestepSpacing::Linspace)) {
    case TimestepSpacing::Linspace:
      for (double t : numpy_like::linspace(0, trainSteps - 1, numSteps)) ts.push_back(static_cast<float>(t));
      std::reverse(ts.begin(), ts.end());
      break;
    case TimestepSpacing::Leading: {
      const int ratio = trainSteps / numSteps;
      for (int i = numSteps - 1; i >= 0; --i) ts.push_back(static_cast<double>(i * ratio + m_config.steps_offset));
      break;
    }
    case TimestepSpacing::Trailing:
      for (double t : numpy_like::arange(trainSteps, 0, -static_cast<double>(trainSteps) / numSteps)) {
        ts.push_back(static_cast<float>(numpy_like::roundHalfEven(t) - 1));
      }
      break;
  }
  for (double t : ts) {
    if (t < 0 || t >= trainSteps) {
      if (error) *error = "timestep " + std::to_string(t) + " outside the training range (check steps_offset)";
      return false;
    }
  }
  m_sigmas.clear();
  for (double t : ts) m_sigmas.push_back(static_cast<float>(m_schedule.sigmaAt(t)));
  m_sigmas.push_back(0.0f);
  m_timesteps = std::move(ts);
  return true;
}

double SigmaSampler::initNoiseSigma() const {
  if (m_sigmas.empty()) return 1.0;
  const double maxSigma = *std::max_element(m_sigmas.begin(), m_sigmas.end());
  const TimestepSpacing spacing = spacingOr(TimestepSpacing::Linspace);
  if (spacing == TimestepSpacing::Linspace || spacing == TimestepSpacing::Trailing) return maxSigma;
  return std::sqrt(maxSigma * maxSigma + 1.0);
}

torch::Tensor SigmaSampler::scaleInputAt(const torch::Tensor& sample, int absIndex) const {
  const double sigma = sigmaAt(absIndex);
  return sample / std::sqrt(sigma * sigma + 1.0);
}

torch::Tensor SigmaSampler::addNoiseAt(const torch::Tensor& clean, const torch::Tensor& noise, int absIndex) const {
  return clean + noise * sigmaAt(absIndex);
}

torch::Tensor SigmaSampler::predictOriginalAt(const torch::Tensor& modelOutput, const torch::Tensor& sample,
                                              double sigma) const {
  if (m_config.prediction_type == PredictionType::VPrediction) {
    return modelOutput * (-sigma / std::sqrt(sigma * sigma + 1.0)) + sample / (sigma * sigma + 1.0);
  }
  return sample - sigma * modelOutput;
}

}  // namespace shotcraft::torch_engine
