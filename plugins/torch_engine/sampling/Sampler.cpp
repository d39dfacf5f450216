#include "plugins/torch_engine/sampling/Sampler.h"

#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <cmath>

namespace shotcraft::torch_engine {

torch::Generator makeCpuGenerator(uint64_t seed) { return at::make_generator<at::CPUGeneratorImpl>(seed); }

NoiseSource generatorNoise(torch::Generator generator) {
  return [generator](int /*index*/, const torch::Tensor& like) {
    torch::Tensor noise = at::randn(like.sizes(), generator, torch::TensorOptions().dtype(torch::kFloat32));
    return noise.to(like.device(), like.scalar_type());
  };
}

Sampler::Sampler(std::string id, const SchedulerConfig& config)
    : m_id(std::move(id)), m_config(config), m_schedule(config) {}

bool Sampler::setSteps(int numSteps, double strength, std::string* error) {
  auto fail = [&](const std::string& message) {
    if (error) *error = m_id + ": " + message;
    m_timesteps.clear();
    m_sigmas.clear();
    m_numSteps = 0;
    m_begin = 0;
    return false;
  };
  if (numSteps < 1 || numSteps > m_config.num_train_timesteps) {
    return fail("steps must be in 1.." + std::to_string(m_config.num_train_timesteps) + ", got " +
                std::to_string(numSteps));
  }
  if (!(strength > 0.0 && strength <= 1.0)) return fail("strength must be in (0, 1]");
  m_numSteps = numSteps;
  m_begin = 0;
  std::string message;
  if (!buildSchedule(numSteps, &message)) return fail(message);
  if (!applyStrength(numSteps, strength, &message)) return fail(message);
  resetState();
  return true;
}

bool Sampler::applyStrength(int numSteps, double strength, std::string* error) {
  const int initSteps = std::min(static_cast<int>(numSteps * strength), numSteps);
  const int start = std::max(numSteps - initSteps, 0);
  m_begin = start * order();
  if (m_begin >= static_cast<int>(m_timesteps.size())) {
    if (error) *error = "strength " + std::to_string(strength) + " leaves no step of " + std::to_string(numSteps);
    return false;
  }
  return true;
}

std::vector<double> Sampler::timesteps() const {
  return std::vector<double>(m_timesteps.begin() + m_begin, m_timesteps.end());
}

torch::Tensor Sampler::initialLatents(const torch::Tensor& noise) const { return noise * initNoiseSigma(); }

torch::Tensor Sampler::noisedLatents(const torch::Tensor& clean, const torch::Tensor& noise) const {
  TORCH_CHECK(!m_timesteps.empty(), m_id, ": setSteps() first");
  return addNoiseAt(clean, noise, m_begin);
}

torch::Tensor Sampler::addNoiseAt(const torch::Tensor& clean, const torch::Tensor& noise, int absIndex) const {
  const int t = static_cast<int>(m_timesteps.at(static_cast<size_t>(absIndex)));
  const double alphaProd = m_schedule.alphaCumprod(t);
  return std::sqrt(alphaProd) * clean + std::sqrt(1.0 - alphaProd) * noise;
}

torch::Tensor Sampler::scaleModelInput(const torch::Tensor& sample, int index) const {
  TORCH_CHECK(index >= 0 && index < callCount(), m_id, ": step index ", index, " out of range");
  return scaleInputAt(sample, index + m_begin);
}

bool Sampler::stepNeedsNoise(int index) const {
  TORCH_CHECK(index >= 0 && index < callCount(), m_id, ": step index ", index, " out of range");
  return needsNoiseAt(index + m_begin);
}

SamplerStepOutput Sampler::step(const torch::Tensor& modelOutput, int index, const torch::Tensor& sample,
                                const torch::Tensor& noise) {
  TORCH_CHECK(index >= 0 && index < callCount(), m_id, ": step index ", index, " out of range");
  TORCH_CHECK(index == m_nextIndex, m_id, ": steps must run in order (expected ", m_nextIndex, ", got ", index, ")");
  const int absIndex = index + m_begin;
  TORCH_CHECK(!needsNoiseAt(absIndex) || noise.defined(), m_id, ": step ", index, " needs noise");
  SamplerStepOutput out = stepAt(modelOutput, absIndex, sample, noise);
  ++m_nextIndex;
  return out;
}

void Sampler::resetState() {
  m_nextIndex = 0;
  resetStateImpl();
}

SampleResult Sampler::sample(torch::Tensor x, const Denoiser& denoiser, const NoiseSource& noise,
                             const SamplerCallback& callback, const engine::CancelToken* cancel) {
  resetState();
  const int count = callCount();
  for (int i = 0; i < count; ++i) {
    if (cancel && cancel->isCancelled()) return {x, true};
    const double t = m_timesteps[static_cast<size_t>(i + m_begin)];
    const torch::Tensor modelOutput = denoiser(scaleModelInput(x, i), t);
    torch::Tensor stepNoise;
    if (stepNeedsNoise(i)) {
      TORCH_CHECK(static_cast<bool>(noise), m_id, ": this sampler needs a noise source");
      stepNoise = noise(i, x);
    }
    SamplerStepOutput out = step(modelOutput, i, x, stepNoise);
    x = out.prev_sample;
    if (callback) callback(SamplerProgress{i, count, t, x, out.denoised});
  }
  return {x, false};
}

torch::Tensor Sampler::predictOriginal(const torch::Tensor& modelOutput, const torch::Tensor& sample,
                                       double alphaProd) const {
  const double betaProd = 1.0 - alphaProd;
  if (m_config.prediction_type == PredictionType::VPrediction) {
    return std::sqrt(alphaProd) * sample - std::sqrt(betaProd) * modelOutput;
  }
  return (sample - std::sqrt(betaProd) * modelOutput) / std::sqrt(alphaProd);
}

}  // namespace shotcraft::torch_engine
