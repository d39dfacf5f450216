#pragma once
// The UNet's down, mid and up blocks (diffusers CrossAttnDownBlock2D / DownBlock2D, UNetMidBlock2DCrossAttn,
// CrossAttnUpBlock2D / UpBlock2D), shared by the UNet and the ControlNet's encoder copy.
#include <torch/torch.h>

#include <optional>
#include <vector>

#include "plugins/torch_engine/nn/AttentionTransformer.h"
#include "plugins/torch_engine/nn/Blocks.h"
#include "plugins/torch_engine/nn/ModelConfig.h"

namespace shotcraft::torch_engine::nn {

struct UNetBlockOptions {
  int64_t inChannels = 0;
  int64_t outChannels = 0;
  int64_t prevOutChannels = 0;  // up blocks: channels arriving from the block below
  int64_t tembChannels = 0;
  int64_t layers = 2;            // resnets (up blocks: layers_per_block + 1)
  bool withAttention = false;    // CrossAttn* variant: one Transformer2D after every resnet
  bool withResample = false;     // downsampler / upsampler at the end
  int64_t groups = 32;
  double eps = 1e-5;
  TransformerOptions transformer;  // channels are set from outChannels
};

// resnets.M, [attentions.M], [downsamplers.0]. Every resnet(+attention) output and the downsampler output
// are appended to *skips (the skip connections the up path consumes).
class DownBlockImpl : public torch::nn::Module {
 public:
  explicit DownBlockImpl(const UNetBlockOptions& options);
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& temb, const torch::Tensor& context,
                        std::vector<torch::Tensor>* skips);
  int64_t skipCount() const { return static_cast<int64_t>(m_resnets.size()) + (m_downsample ? 1 : 0); }

  torch::nn::ModuleList resnets{nullptr};
  torch::nn::ModuleList attentions{nullptr};
  torch::nn::ModuleList downsamplers{nullptr};

 private:
  std::vector<ResnetBlock2D> m_resnets;
  std::vector<Transformer2D> m_attentions;
  Downsample2D m_downsample{nullptr};
};
TORCH_MODULE(DownBlock);

// resnets.0, then (attentions.i, resnets.i+1) pairs.
class MidBlockImpl : public torch::nn::Module {
 public:
  // options.layers = number of attention layers (1 for SD); outputScaleFactor = mid_block_scale_factor.
  MidBlockImpl(const UNetBlockOptions& options, double outputScaleFactor);
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& temb, const torch::Tensor& context);

  torch::nn::ModuleList resnets{nullptr};
  torch::nn::ModuleList attentions{nullptr};

 private:
  std::vector<ResnetBlock2D> m_resnets;
  std::vector<Transformer2D> m_attentions;
};
TORCH_MODULE(MidBlock);

// resnets.M (each concatenates one skip: cat([h, skip], 1)), [attentions.M], [upsamplers.0]. Consumes its
// skips from the back of *skips. upsampleSize: spatial size the upsampler must produce (the next skip's).
class UpBlockImpl : public torch::nn::Module {
 public:
  explicit UpBlockImpl(const UNetBlockOptions& options);
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& temb, const torch::Tensor& context,
                        std::vector<torch::Tensor>* skips,
                        std::optional<std::vector<int64_t>> upsampleSize = std::nullopt);

  torch::nn::ModuleList resnets{nullptr};
  torch::nn::ModuleList attentions{nullptr};
  torch::nn::ModuleList upsamplers{nullptr};

 private:
  std::vector<ResnetBlock2D> m_resnets;
  std::vector<Transformer2D> m_attentions;
  Upsample2D m_upsample{nullptr};
};
TORCH_MODULE(UpBlock);

// Block options as diffusers' UNet2DConditionModel derives them from its config.
UNetBlockOptions downBlockOptions(const UNetConfig& config, size_t index);
UNetBlockOptions midBlockOptions(const UNetConfig& config);
UNetBlockOptions upBlockOptions(const UNetConfig& config, size_t index);

}  // namespace shotcraft::torch_engine::nn
