#include "plugins/torch_engine/sampling/DdimSampler.h"

#include <algorithm>
#include <cmath>

namespace shotcraft::torch_engine {

bool DdimSampler::buildSchedule(int numSteps, std::string* error) {
  const int trainSteps = m_config.num_train_timesteps;
  std::vector<double> ts;
  switch (spacingOr(TimestepSpacing::Leading)) {
    case TimestepSpacing::Linspace:
      for (double t : numpy_like::linspace(0, trainSteps - 1, numSteps)) ts.push_back(numpy_like::roundHalfEven(t));
      std::reverse(ts.begin(), ts.end());
      break;
    case TimestepSpacing::Leading: {
      const int ratio = trainSteps / numSteps;
      for (int i = numSteps - 1; i >= 0; --i) ts.push_back(static_cast<double>(i * ratio + m_config.steps_offset));
      break;
    }
    case TimestepSpacing::Trailing:
      for (double t : numpy_like::arange(trainSteps, 0, -static_cast<double>(trainSteps) / numSteps)) {
        ts.push_back(numpy_like::roundHalfEven(t) - 1);
      }
      break;
  }
  for (double t : ts) {
    if (t < 0 || t >= trainSteps) {
      if (error) *error = "timestep " + std::to_string(t) + " outside the training range (check steps_offset)";
      return false;
    }
  }
  m_timesteps = std::move(ts);
  m_sigmas.clear();
  return true;
}

SamplerStepOutput DdimSampler::stepAt(const torch::Tensor& modelOutput, int absIndex, const torch::Tensor& sample,
                                      const torch::Tensor& /*noise*/) {
  const int t = static_cast<int>(m_timesteps[static_cast<size_t>(absIndex)]);
  // diffusers steps back by a fixed stride, not to the next listed timestep.
  const int prevT = t - m_config.num_train_timesteps / m_numSteps;
  const double alphaProd = m_schedule.alphaCumprod(t);
  const double alphaProdPrev =
      prevT >= 0 ? m_schedule.alphaCumprod(prevT) : (m_config.set_alpha_to_one ? 1.0 : m_schedule.alphaCumprod(0));
  const double betaProd = 1.0 - alphaProd;
  torch::Tensor predOriginal;
  torch::Tensor predEps;
  if (m_config.prediction_type == PredictionType::VPrediction) {
    predOriginal = std::sqrt(alphaProd) * sample - std::sqrt(betaProd) * modelOutput;
    predEps = std::sqrt(alphaProd) * modelOutput + std::sqrt(betaProd) * sample;
  } else {
    predOriginal = (sample - std::sqrt(betaProd) * modelOutput) / std::sqrt(alphaProd);
    predEps = modelOutput;
  }
  torch::Tensor prev = std::sqrt(alphaProdPrev) * predOriginal + std::sqrt(1.0 - alphaProdPrev) * predEps;
  return {prev, predOriginal};
}

}  // namespace shotcraft::torch_engine
