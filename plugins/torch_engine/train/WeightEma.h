#pragma once
// An exponential moving average of a module's weights, kept in a second module of the same shape (the "shadow"),
// as diffusion models are usually sampled from: after each optimizer step every shadow parameter becomes
// d * shadow + (1 - d) * weight, with d = min(decay, (1 + step) / (10 + step)) so that the first steps' average
// follows the weights instead of the random init. Buffers are copied, not averaged. The shadow is an ordinary
// module, so a checkpoint saves and resumes it under its own prefix.
#include <torch/torch.h>

#include <cstdint>
#include <vector>

namespace shotcraft::torch_engine::train {

class WeightEma {
 public:
  // Copies `source`'s parameters and buffers into `shadow`; both must have the same names and shapes (throws
  // std::invalid_argument otherwise). `decay` in [0, 1).
  WeightEma(torch::nn::Module& source, torch::nn::Module& shadow, double decay);

  // The decay used after optimizer step `step` (0-based).
  double decayAt(int64_t step) const;

  // Folds the source's current weights into the shadow; call after optimizer step `step`.
  void update(int64_t step);

 private:
  double m_decay;
  std::vector<torch::Tensor> m_source, m_shadow;              // parameters, in named_parameters order
  std::vector<torch::Tensor> m_sourceBuffers, m_shadowBuffers;
};

}  // namespace shotcraft::torch_engine::train
