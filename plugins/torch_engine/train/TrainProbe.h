#pragma once
// `train probe`: eval's learned attribute probe (core/eval/ProbeNet.h), trained on generator frames of the
// training split with their ground truth, and exported with its batch norms folded into the convolutions.
#include <torch/torch.h>

#include "core/eval/ProbeNet.h"

namespace shotcraft::torch_engine::train {

struct ProbeNetworkOutput {
  torch::Tensor logits;   // [B, config.headOutputs()] (FigureCount's slot is unused)
  torch::Tensor density;  // [B, H/8, W/8], >= 0; its sum over a frame is the figure count
};

// The network core/eval/ProbeNet runs, in libtorch: conv 3x3 (no bias) + batch norm + ReLU per block.
class ProbeNetworkImpl : public torch::nn::Module {
 public:
  explicit ProbeNetworkImpl(const eval::ProbeNetConfig& config);
  // x: [B, 3, 144, 256] in [-1, 1].
  ProbeNetworkOutput forward(const torch::Tensor& x);
  // The weights with each batch norm's running statistics folded into its convolution (eval mode).
  eval::ProbeNetWeights exportWeights() const;
  const eval::ProbeNetConfig& config() const { return m_config; }

 private:
  eval::ProbeNetConfig m_config;
  std::vector<torch::nn::Conv2d> m_convs;
  std::vector<torch::nn::BatchNorm2d> m_norms;
  torch::nn::Conv2d m_density{nullptr};
  torch::nn::Linear m_heads{nullptr};
};
TORCH_MODULE(ProbeNetwork);

}  // namespace shotcraft::torch_engine::train
