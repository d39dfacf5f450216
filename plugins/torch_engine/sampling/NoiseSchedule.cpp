#include "plugins/torch_engine/sampling/NoiseSchedule.h"

#include <torch/torch.h>

#include <algorithm>
#include <cfenv>
#include <cmath>

namespace shotcraft::torch_engine {

torch::Tensor zeroTerminalSnrBetas(const torch::Tensor& betas) {
  const torch::Tensor alphasCumprod = torch::cumprod(1.0 - betas, 0);
  torch::Tensor root = alphasCumprod.sqrt();
  const torch::Tensor first = root[0].clone();
  const torch::Tensor last = root[-1].clone();
  // Shift so the last timestep has no signal left, and scale so the first keeps its own.
  root = (root - last) * (first / (first - last));
  const torch::Tensor rescaled = root.pow(2);
  const torch::Tensor alphas = torch::cat({rescaled.slice(0, 0, 1), rescaled.slice(0, 1) / rescaled.slice(0, 0, -1)});
  return 1.0 - alphas;
}

NoiseSchedule::NoiseSchedule(const SchedulerConfig& config) {
  const int64_t n = config.num_train_timesteps;
  torch::Tensor betas;
  if (config.beta_schedule == BetaSchedule::ScaledLinear) {
    betas = torch::linspace(std::sqrt(config.beta_start), std::sqrt(config.beta_end), n, torch::kFloat32).pow(2);
  } else {
    betas = torch::linspace(config.beta_start, config.beta_end, n, torch::kFloat32);
  }
  if (config.rescale_betas_zero_snr) betas = zeroTerminalSnrBetas(betas);
  const torch::Tensor alphasCumprod = torch::cumprod(1.0 - betas, 0).contiguous();
  // A zero-SNR schedule's last sigma would be infinite: the sigma-space samplers take alphas_cumprod[-1] = 2^-24
  // there (sigma 4096), as diffusers' Euler, Euler ancestral and DPM-Solver schedulers do. alphasCumprod() keeps
  // the exact 0, which DDIM, LCM and training use.
  torch::Tensor forSigmas = alphasCumprod;
  if (config.rescale_betas_zero_snr) {
    forSigmas = alphasCumprod.clone();
    forSigmas[n - 1] = std::ldexp(1.0, -24);
  }
  const torch::Tensor sigmas = ((1 - forSigmas) / forSigmas).pow(0.5).contiguous();
  const torch::Tensor logSigmas = sigmas.log().contiguous();
  auto toVector = [](const torch::Tensor& t) {
    const float* p = t.data_ptr<float>();
    return std::vector<float>(p, p + t.numel());
  };
  m_alphasCumprod = toVector(alphasCumprod);
  m_trainSigmas = toVector(sigmas);
  m_logSigmas = toVector(logSigmas);
}

double NoiseSchedule::sigmaAt(double timestep) const { return numpy_like::interp(timestep, m_trainSigmas); }

double NoiseSchedule::timestepForSigma(double sigma) const {
  const double logSigma = std::log(std::max(sigma, 1e-10));
  const int count = static_cast<int>(m_logSigmas.size());
  // Last index whose log-sigma is <= logSigma (0 when none), clipped so that a right neighbour exists.
  int low = 0;
  for (int i = 0; i < count; ++i) {
    if (logSigma - static_cast<double>(m_logSigmas[static_cast<size_t>(i)]) >= 0) low = i;
  }
  low = std::min(low, count - 2);
  const double lowValue = m_logSigmas[static_cast<size_t>(low)];
  const double highValue = m_logSigmas[static_cast<size_t>(low) + 1];
  const double w = std::clamp((lowValue - logSigma) / (lowValue - highValue), 0.0, 1.0);
  return (1.0 - w) * low + w * (low + 1);
}

namespace numpy_like {

std::vector<double> linspace(double start, double stop, int num) {
  std::vector<double> out;
  if (num <= 0) return out;
  out.resize(static_cast<size_t>(num));
  if (num == 1) {
    out[0] = start;
    return out;
  }
  const double step = (stop - start) / (num - 1);
  for (int i = 0; i < num; ++i) out[static_cast<size_t>(i)] = i * step + start;
  out.back() = stop;
  return out;
}

std::vector<double> arange(double start, double stop, double step) {
  std::vector<double> out;
  const double length = std::ceil((stop - start) / step);
  for (int i = 0; i < static_cast<int>(length); ++i) out.push_back(start + i * step);
  return out;
}

double roundHalfEven(double value) {
  const int previous = std::fegetround();
  std::fesetround(FE_TONEAREST);
  const double rounded = std::nearbyint(value);
  std::fesetround(previous);
  return rounded;
}

double interp(double x, const std::vector<float>& fp) {
  const int count = static_cast<int>(fp.size());
  if (x <= 0.0) return fp.front();
  if (x >= count - 1) return fp.back();
  const int j = static_cast<int>(std::floor(x));
  const double left = fp[static_cast<size_t>(j)];
  if (x == j) return left;
  const double slope = static_cast<double>(fp[static_cast<size_t>(j) + 1]) - left;
  return slope * (x - j) + left;
}

}  // namespace numpy_like

std::vector<double> karrasSigmas(double sigmaMin, double sigmaMax, int count, double rho) {
  const std::vector<double> ramp = numpy_like::linspace(0.0, 1.0, count);
  const double minInvRho = std::pow(sigmaMin, 1.0 / rho);
  const double maxInvRho = std::pow(sigmaMax, 1.0 / rho);
  std::vector<double> out;
  out.reserve(ramp.size());
  for (double r : ramp) out.push_back(std::pow(maxInvRho + r * (minInvRho - maxInvRho), rho));
  return out;
}

}  // namespace shotcraft::torch_engine
