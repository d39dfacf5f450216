#pragma once
// ControlNetModel (diffusers layout): a copy of the UNet encoder (conv_in, time_embedding, down_blocks,
// mid_block) steered by an embedded control image, emitting residuals for the UNet's skips and mid block.
#include <torch/torch.h>

#include <string>
#include <vector>

#include "plugins/torch_engine/nn/ModelConfig.h"
#include "plugins/torch_engine/nn/UNet.h"
#include "plugins/torch_engine/nn/UNetBlocks.h"

namespace shotcraft::torch_engine::nn {

// controlnet_cond_embedding: conv_in -> SiLU -> per extra channel entry {conv 3x3 -> SiLU, conv 3x3 stride 2
// -> SiLU} -> conv_out (no activation). blocks.{2i, 2i+1} hold each pair.
class ControlNetConditioningEmbeddingImpl : public torch::nn::Module {
 public:
  ControlNetConditioningEmbeddingImpl(int64_t conditioningChannels, const std::vector<int64_t>& channels,
                                      int64_t outChannels);
  torch::Tensor forward(const torch::Tensor& cond);   // conv_out(features(cond))
  torch::Tensor features(const torch::Tensor& cond);  // the last block's SiLU output, what conv_out sees

  Conv2d conv_in{nullptr};
  torch::nn::ModuleList blocks{nullptr};
  Conv2d conv_out{nullptr};

 private:
  std::vector<Conv2d> m_blocks;
};
TORCH_MODULE(ControlNetConditioningEmbedding);

class ControlNetImpl : public torch::nn::Module {
 public:
  // The config must be valid (ControlNetConfig::validate); construction throws c10::Error otherwise.
  explicit ControlNetImpl(const ControlNetConfig& config);

  // sample/timesteps/encoderHiddenStates as for the UNet; cond: control image [B, 3, 8H, 8W] in [0, 1]
  // (RGB; flipped here when the config says "bgr"). Every residual is multiplied by `scale`.
  // trace receives "time_embedding", "conv_in" (of the sample), "controlnet_cond_embedding".
  ControlResiduals forward(const torch::Tensor& sample, const torch::Tensor& timesteps,
                           const torch::Tensor& encoderHiddenStates, const torch::Tensor& cond, double scale = 1.0,
                           Intermediates* trace = nullptr);

  const ControlNetConfig& config() const { return m_config; }

  Conv2d conv_in{nullptr};
  TimestepEmbedding time_embedding{nullptr};
  ControlNetConditioningEmbedding controlnet_cond_embedding{nullptr};
  torch::nn::ModuleList down_blocks{nullptr};
  torch::nn::ModuleList controlnet_down_blocks{nullptr};  // 1x1 "zero" convs, one per UNet skip
  MidBlock mid_block{nullptr};
  Conv2d controlnet_mid_block{nullptr};

 private:
  ControlNetConfig m_config;
  std::vector<DownBlock> m_down;
  std::vector<Conv2d> m_zeroConvs;
};
TORCH_MODULE(ControlNet);

// Builds a ControlNet from a diffusers folder (config.json + diffusion_pytorch_model.safetensors) or from a
// config and a weights file. Never throws.
bool loadControlNet(const std::string& configPath, const std::string& weightsPath, ControlNet* out,
                    std::string* error);
bool loadControlNetFolder(const std::string& folder, ControlNet* out, std::string* error);

}  // namespace shotcraft::torch_engine::nn
