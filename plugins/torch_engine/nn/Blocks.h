#pragma once
// Building blocks shared by the UNet, the ControlNet and the VAE. Module and parameter names follow the
// diffusers layout exactly, so a diffusers state dict loads by name (see StateDict.h).
#include <torch/torch.h>

#include <optional>
#include <vector>

#include "plugins/torch_engine/nn/Layers.h"

namespace shotcraft::torch_engine::nn {

// Sinusoidal timestep embedding (diffusers get_timestep_embedding / LDM timestep_embedding):
// freqs = exp(-ln(10000) * i / (half - shift)), args = t[:,None] * freqs, output [sin, cos] or, with
// flipSinToCos, [cos, sin]. Timesteps may be fractional; they are never rounded. Returns float32 [B, dim].
torch::Tensor timestepEmbedding(const torch::Tensor& timesteps, int64_t dim, bool flipSinToCos = true,
                                double downscaleFreqShift = 0.0, double maxPeriod = 10000.0);

// time_embedding.{linear_1, linear_2}: Linear -> SiLU -> Linear.
class TimestepEmbeddingImpl : public torch::nn::Module {
 public:
  TimestepEmbeddingImpl(int64_t inChannels, int64_t embedDim);
  torch::Tensor forward(const torch::Tensor& x);

  Linear linear_1{nullptr};
  Linear linear_2{nullptr};
};
TORCH_MODULE(TimestepEmbedding);

struct ResnetBlockOptions {
  int64_t inChannels = 0;
  int64_t outChannels = 0;    // 0 = inChannels
  int64_t tembChannels = 0;   // 0 = no time_emb_proj (VAE)
  int64_t groups = 32;
  double eps = 1e-5;
  double outputScaleFactor = 1.0;
};

// ResnetBlock2D: norm1, conv1, [time_emb_proj], norm2, conv2, [conv_shortcut (1x1) when in != out].
// out = (shortcut(x) + conv2(SiLU(norm2(conv1(SiLU(norm1(x))) + proj(SiLU(temb)))))) / outputScaleFactor
class ResnetBlock2DImpl : public torch::nn::Module {
 public:
  explicit ResnetBlock2DImpl(const ResnetBlockOptions& options);
  // temb may be undefined when tembChannels == 0.
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& temb = {});

  torch::nn::GroupNorm norm1{nullptr};
  Conv2d conv1{nullptr};
  Linear time_emb_proj{nullptr};
  torch::nn::GroupNorm norm2{nullptr};
  Conv2d conv2{nullptr};
  Conv2d conv_shortcut{nullptr};

 private:
  double m_outputScaleFactor = 1.0;
};
TORCH_MODULE(ResnetBlock2D);

// Downsample2D: "conv" 3x3 stride 2. padding 1 (UNet); padding 0 means the VAE encoder's asymmetric
// F.pad(x, (0,1,0,1)) followed by an unpadded conv.
class Downsample2DImpl : public torch::nn::Module {
 public:
  Downsample2DImpl(int64_t channels, int64_t outChannels, int64_t padding);
  torch::Tensor forward(const torch::Tensor& x);

  Conv2d conv{nullptr};

 private:
  int64_t m_padding = 1;
};
TORCH_MODULE(Downsample2D);

// Upsample2D: nearest 2x (or to outputSize) then "conv" 3x3 padding 1.
class Upsample2DImpl : public torch::nn::Module {
 public:
  Upsample2DImpl(int64_t channels, int64_t outChannels);
  torch::Tensor forward(const torch::Tensor& x, std::optional<std::vector<int64_t>> outputSize = std::nullopt);

  Conv2d conv{nullptr};
};
TORCH_MODULE(Upsample2D);

// Small helpers for module construction.
Conv2d makeConv2d(int64_t in, int64_t out, int64_t kernel, int64_t stride = 1, int64_t padding = -1);
torch::nn::GroupNorm makeGroupNorm(int64_t groups, int64_t channels, double eps);

}  // namespace shotcraft::torch_engine::nn
