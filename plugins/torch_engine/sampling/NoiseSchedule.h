#pragma once
// The discrete DDPM noise schedule (betas -> alphas_cumprod -> sigmas) and the numpy-exact helpers the
// diffusers schedulers use to space timesteps, so that timesteps and sigmas match them bit for bit.
#include <torch/torch.h>

#include <vector>

#include "plugins/torch_engine/sampling/SchedulerConfig.h"

namespace shotcraft::torch_engine {

class NoiseSchedule {
 public:
  explicit NoiseSchedule(const SchedulerConfig& config);

  int size() const { return static_cast<int>(m_alphasCumprod.size()); }
  // float32, computed with the same torch ops as diffusers (linspace, square, cumprod).
  const std::vector<float>& alphasCumprod() const { return m_alphasCumprod; }
  // sqrt((1 - ac) / ac) per training timestep, float32 like diffusers; increasing with t. With
  // rescale_betas_zero_snr the last one is 4096 (alphas_cumprod taken as 2^-24 there, as diffusers does).
  const std::vector<float>& trainSigmas() const { return m_trainSigmas; }
  const std::vector<float>& logSigmas() const { return m_logSigmas; }
  double alphaCumprod(int timestep) const { return m_alphasCumprod.at(static_cast<size_t>(timestep)); }

  // np.interp(t, arange(N), trainSigmas)
  double sigmaAt(double timestep) const;
  // diffusers `_sigma_to_t`: log-sigma interpolation back to a (fractional) timestep.
  double timestepForSigma(double sigma) const;

 private:
  std::vector<float> m_alphasCumprod;
  std::vector<float> m_trainSigmas;
  std::vector<float> m_logSigmas;
};

// Lin et al. (2023), "Common diffusion noise schedules and sample steps are flawed", algorithm 1 (diffusers'
// `rescale_betas_zero_snr`): the betas rescaled so that sqrt(alphas_cumprod) falls linearly onto 0 at the last
// timestep (zero terminal SNR, so training sees pure noise there, as sampling starts from it) and keeps its first
// value. float32, the same torch ops as diffusers.
torch::Tensor zeroTerminalSnrBetas(const torch::Tensor& betas);

namespace numpy_like {
std::vector<double> linspace(double start, double stop, int num);  // endpoint=True
std::vector<double> arange(double start, double stop, double step);
double roundHalfEven(double value);                                 // np.round
double interp(double x, const std::vector<float>& fp);             // np.interp(x, arange(len(fp)), fp)
}  // namespace numpy_like

// Karras et al. (2022) sigmas, rho = 7, from sigmaMax down to sigmaMin (n values, float64).
std::vector<double> karrasSigmas(double sigmaMin, double sigmaMax, int count, double rho = 7.0);

}  // namespace shotcraft::torch_engine
