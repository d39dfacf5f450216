#pragma once
// diffusers Encoder / Decoder of AutoencoderKL (module names as in diffusers: conv_in, down_blocks.N /
// up_blocks.N, mid_block, conv_norm_out, conv_out).
#include <torch/torch.h>

#include <map>
#include <string>
#include <vector>

#include "plugins/torch_engine/nn/VaeBlocks.h"
#include "plugins/torch_engine/nn/VaeConfig.h"

namespace shotcraft::torch_engine::nn {

using Intermediates = std::map<std::string, torch::Tensor>;

class VaeEncoderImpl : public torch::nn::Module {
 public:
  explicit VaeEncoderImpl(const VaeConfig& config);
  // image [B, in, H, W] -> [B, 2 * latent, H / f, W / f]; trace keys "encoder.conv_in", "encoder.down_blocks.N",
  // "encoder.mid_block", "encoder".
  torch::Tensor forward(const torch::Tensor& image, Intermediates* trace = nullptr);

  Conv2d conv_in{nullptr};
  torch::nn::ModuleList down_blocks{nullptr};
  VaeMidBlock mid_block{nullptr};
  torch::nn::GroupNorm conv_norm_out{nullptr};
  Conv2d conv_out{nullptr};

 private:
  std::vector<VaeResnetStack> m_down;
};
TORCH_MODULE(VaeEncoder);

class VaeDecoderImpl : public torch::nn::Module {
 public:
  explicit VaeDecoderImpl(const VaeConfig& config);
  // latent [B, latent, h, w] -> [B, out, h * f, w * f]; trace keys "decoder.conv_in", "decoder.mid_block",
  // "decoder.up_blocks.N".
  torch::Tensor forward(const torch::Tensor& latent, Intermediates* trace = nullptr);

  Conv2d conv_in{nullptr};
  VaeMidBlock mid_block{nullptr};
  torch::nn::ModuleList up_blocks{nullptr};
  torch::nn::GroupNorm conv_norm_out{nullptr};
  Conv2d conv_out{nullptr};

 private:
  std::vector<VaeResnetStack> m_up;
};
TORCH_MODULE(VaeDecoder);

}  // namespace shotcraft::torch_engine::nn
