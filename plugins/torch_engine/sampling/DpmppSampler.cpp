#include "plugins/torch_engine/sampling/DpmppSampler.h"

#include <algorithm>
#include <cmath>

namespace shotcraft::torch_engine {
namespace {

// VP parameterisation of a sigma: alpha_t = 1 / sqrt(sigma^2 + 1), sigma_t = sigma * alpha_t.
struct VpPoint {
  double alpha;
  double sigma;
  double lambda;  // log(alpha) - log(sigma); +inf at sigma 0
};

VpPoint vpPoint(double sigma) {
  const double alpha = 1.0 / std::sqrt(sigma * sigma + 1.0);
  const double sigmaT = sigma * alpha;
  return {alpha, sigmaT, std::log(alpha) - std::log(sigmaT)};
}

}  // namespace

bool DpmppSampler::buildSchedule(int numSteps, std::string* error) {
  const int trainSteps = m_config.num_train_timesteps;
  const int lastTimestep = trainSteps;  // lambda_min_clipped = -inf clips nothing
  std::vector<double> ts;
  switch (spacingOr(TimestepSpacing::Linspace)) {
    case TimestepSpacing::Linspace: {
      std::vector<double> grid = numpy_like::linspace(0, lastTimestep - 1, numSteps + 1);
      for (int i = numSteps; i >= 1; --i) ts.push_back(numpy_like::roundHalfEven(grid[static_cast<size_t>(i)]));
      break;
    }
    case TimestepSpacing::Leading: {
      const int ratio = lastTimestep / (numSteps + 1);
      for (int i = numSteps; i >= 1; --i) ts.push_back(static_cast<double>(i * ratio + m_config.steps_offset));
      break;
    }
    case TimestepSpacing::Trailing:
      for (double t : numpy_like::arange(lastTimestep, 0, -static_cast<double>(trainSteps) / numSteps)) {
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
  m_sigmas.clear();
  if (m_karras) {
    const std::vector<float>& train = m_schedule.trainSigmas();
    const std::vector<double> sigmas = karrasSigmas(train.front(), train.back(), numSteps);
    ts.clear();
    for (double s : sigmas) {
      ts.push_back(numpy_like::roundHalfEven(m_schedule.timestepForSigma(s)));
      m_sigmas.push_back(static_cast<float>(s));
    }
  } else {
    for (double t : ts) m_sigmas.push_back(static_cast<float>(m_schedule.sigmaAt(t)));
  }
  m_sigmas.push_back(0.0f);
  m_timesteps = std::move(ts);
  return true;
}

void DpmppSampler::resetStateImpl() { m_prevX0 = torch::Tensor(); }

torch::Tensor DpmppSampler::addNoiseAt(const torch::Tensor& clean, const torch::Tensor& noise, int absIndex) const {
  const VpPoint p = vpPoint(m_sigmas.at(static_cast<size_t>(absIndex)));
  return p.alpha * clean + p.sigma * noise;
}

SamplerStepOutput DpmppSampler::stepAt(const torch::Tensor& modelOutput, int absIndex, const torch::Tensor& sample,
                                       const torch::Tensor& /*noise*/) {
  const size_t i = static_cast<size_t>(absIndex);
  const VpPoint s0 = vpPoint(m_sigmas[i]);
  const VpPoint t = vpPoint(m_sigmas[i + 1]);
  torch::Tensor x0 = m_config.prediction_type == PredictionType::VPrediction
                         ? s0.alpha * sample - s0.sigma * modelOutput
                         : (sample - s0.sigma * modelOutput) / s0.alpha;
  const double h = t.lambda - s0.lambda;
  const double expm = std::exp(-h) - 1.0;  // exp(-h) - 1; -1 when stepping to sigma 0
  const bool lastStep = absIndex == static_cast<int>(m_timesteps.size()) - 1;
  torch::Tensor prev;
  if (!m_prevX0.defined() || lastStep) {
    prev = (t.sigma / s0.sigma) * sample - (t.alpha * expm) * x0;
  } else {
    const VpPoint s1 = vpPoint(m_sigmas[i - 1]);
    const double r0 = (s0.lambda - s1.lambda) / h;
    torch::Tensor d1 = (1.0 / r0) * (x0 - m_prevX0);
    prev = (t.sigma / s0.sigma) * sample - (t.alpha * expm) * x0 - 0.5 * (t.alpha * expm) * d1;
  }
  m_prevX0 = x0;
  return {prev, x0};
}

}  // namespace shotcraft::torch_engine
