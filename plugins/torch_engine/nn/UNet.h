#pragma once
// UNet2DConditionModel (Stable Diffusion 1.x / 2.x) with diffusers parameter names.
#include <torch/torch.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "plugins/torch_engine/nn/ModelConfig.h"
#include "plugins/torch_engine/nn/TextTimeEmbedding.h"
#include "plugins/torch_engine/nn/UNetBlocks.h"

namespace shotcraft::torch_engine::nn {

// Residuals a ControlNet adds to the UNet's skip connections (one per skip, in push order) and to the mid-block
// output. Several ControlNets are combined by summing their residuals (see add()).
struct ControlResiduals {
  std::vector<torch::Tensor> down;
  torch::Tensor mid;
  bool empty() const { return down.empty() && !mid.defined(); }
  void add(const ControlResiduals& other);
};

// Named intermediate tensors a forward pass can record (tests, debugging).
using Intermediates = std::map<std::string, torch::Tensor>;

class UNetImpl : public torch::nn::Module {
 public:
  // The config must be valid (UNetConfig::validate); construction throws c10::Error otherwise.
  explicit UNetImpl(const UNetConfig& config);

  // sample [B, in, H, W]; timesteps: float (fractional allowed) or integer, shape [B], [1] or []; encoder
  // hidden states [B, tokens, cross_attention_dim]. Returns [B, out, H, W]. H and W need not be multiples
  // of 2^levels. trace, when given, receives "time_proj", "time_embedding", "conv_in", "down_blocks.i",
  // "mid_block", "up_blocks.i", "conv_norm_out".
  torch::Tensor forward(const torch::Tensor& sample, const torch::Tensor& timesteps,
                        const torch::Tensor& encoderHiddenStates, const ControlResiduals* control = nullptr,
                        Intermediates* trace = nullptr);

  // Sinusoidal + MLP embedding of the timesteps broadcast to the batch, in the model's dtype: [B, 4*C0].
  torch::Tensor embedTimesteps(const torch::Tensor& timesteps, int64_t batch, Intermediates* trace = nullptr);
  // The embedding every resnet block gets: embedTimesteps plus, with addition_embed_type "text", the pooled prompt
  // (add_embedding). trace gets "add_embedding" too.
  torch::Tensor embed(const torch::Tensor& timesteps, const torch::Tensor& encoderHiddenStates, int64_t batch,
                      Intermediates* trace = nullptr);

  const UNetConfig& config() const { return m_config; }

  Conv2d conv_in{nullptr};
  TimestepEmbedding time_embedding{nullptr};
  TextTimeEmbedding add_embedding{nullptr};  // only with addition_embed_type "text"
  torch::nn::ModuleList down_blocks{nullptr};
  MidBlock mid_block{nullptr};
  torch::nn::ModuleList up_blocks{nullptr};
  torch::nn::GroupNorm conv_norm_out{nullptr};
  Conv2d conv_out{nullptr};

 private:
  UNetConfig m_config;
  std::vector<DownBlock> m_down;
  std::vector<UpBlock> m_up;
};
TORCH_MODULE(UNet);

// Timesteps as a float32 [batch] tensor on `device`: accepts [], [1] or [batch], float or integer.
torch::Tensor broadcastTimesteps(const torch::Tensor& timesteps, int64_t batch, const torch::Device& device);

// Builds a UNet from a diffusers unet/ folder (config.json + diffusion_pytorch_model.safetensors) or from a
// config and a weights file with an optional key prefix. Never throws.
bool loadUNet(const std::string& configPath, const std::string& weightsPath, const std::string& prefix, UNet* out,
              std::string* error);
bool loadUNetFolder(const std::string& folder, UNet* out, std::string* error);

}  // namespace shotcraft::torch_engine::nn
