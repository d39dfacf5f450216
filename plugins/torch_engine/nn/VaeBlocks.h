#pragma once
// The blocks of diffusers' AutoencoderKL (Encoder / Decoder) that the UNet does not share: the single-head
// mid-block self-attention with its own GroupNorm, the attention-free mid block and the down / up blocks.
// Module names follow diffusers (resnets.N, attentions.0.{group_norm,to_q,to_k,to_v,to_out.0},
// downsamplers.0.conv, upsamplers.0.conv) so a diffusers VAE state dict loads by name.
#include <torch/torch.h>

#include <vector>

#include "plugins/torch_engine/nn/Blocks.h"
#include "plugins/torch_engine/nn/Layers.h"

namespace shotcraft::torch_engine::nn {

// diffusers Attention(heads = 1, norm_num_groups, residual_connection, bias) on an image:
// x + to_out(softmax(q k^T / sqrt(C)) v) over the H*W positions of GroupNorm(x).
class VaeAttentionImpl : public torch::nn::Module {
 public:
  VaeAttentionImpl(int64_t channels, int64_t groups, double eps);
  torch::Tensor forward(const torch::Tensor& x);

  torch::nn::GroupNorm group_norm{nullptr};
  Linear to_q{nullptr};
  Linear to_k{nullptr};
  Linear to_v{nullptr};
  torch::nn::ModuleList to_out{nullptr};  // [0] Linear(C, C)

 private:
  Linear m_out{nullptr};
};
TORCH_MODULE(VaeAttention);

// UNetMidBlock2D without time embedding: resnets.0 -> [attentions.0] -> resnets.1.
class VaeMidBlockImpl : public torch::nn::Module {
 public:
  VaeMidBlockImpl(int64_t channels, int64_t groups, double eps, bool addAttention);
  torch::Tensor forward(const torch::Tensor& x);

  torch::nn::ModuleList resnets{nullptr};
  torch::nn::ModuleList attentions{nullptr};

 private:
  std::vector<ResnetBlock2D> m_resnets;
  VaeAttention m_attention{nullptr};
};
TORCH_MODULE(VaeMidBlock);

// DownEncoderBlock2D (numLayers resnets, optional asymmetric-pad downsampler) or UpDecoderBlock2D
// (numLayers resnets, optional nearest-2x upsampler).
class VaeResnetStackImpl : public torch::nn::Module {
 public:
  enum class Resample { None, Down, Up };
  VaeResnetStackImpl(int64_t inChannels, int64_t outChannels, int64_t numLayers, int64_t groups, double eps,
                     Resample resample);
  torch::Tensor forward(const torch::Tensor& x);

  torch::nn::ModuleList resnets{nullptr};
  torch::nn::ModuleList downsamplers{nullptr};
  torch::nn::ModuleList upsamplers{nullptr};

 private:
  std::vector<ResnetBlock2D> m_resnets;
  Downsample2D m_down{nullptr};
  Upsample2D m_up{nullptr};
};
TORCH_MODULE(VaeResnetStack);

}  // namespace shotcraft::torch_engine::nn
