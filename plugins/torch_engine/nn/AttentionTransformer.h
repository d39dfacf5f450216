#pragma once
// The UNet's spatial transformer (diffusers Transformer2DModel) and its parts: GEGLU feed-forward and
// BasicTransformerBlock (self-attention, cross-attention, feed-forward; pre-LayerNorm, residuals).
#include <torch/torch.h>

#include "plugins/torch_engine/nn/Attention.h"

namespace shotcraft::torch_engine::nn {

// GEGLU: "proj" Linear(dim, 2*inner); value, gate = chunk(2); value * gelu(gate) with the exact erf GELU.
class GegluImpl : public torch::nn::Module {
 public:
  GegluImpl(int64_t dim, int64_t inner);
  torch::Tensor forward(const torch::Tensor& x);

  Linear proj{nullptr};
};
TORCH_MODULE(Geglu);

// FeedForward: net.0 = GEGLU(dim, 4*dim), net.1 = Dropout, net.2 = Linear(4*dim, dim).
class FeedForwardImpl : public torch::nn::Module {
 public:
  FeedForwardImpl(int64_t dim, int64_t mult = 4);
  torch::Tensor forward(const torch::Tensor& x);

  torch::nn::ModuleList net{nullptr};

 private:
  Geglu m_geglu{nullptr};
  Linear m_out{nullptr};
};
TORCH_MODULE(FeedForward);

struct TransformerOptions {
  int64_t channels = 0;     // in/out channels of the Transformer2D (= heads * headDim)
  int64_t heads = 8;
  int64_t contextDim = 768;  // cross_attention_dim
  int64_t layers = 1;        // transformer_layers_per_block
  int64_t groups = 32;
  bool linearProjection = false;  // SD2: Linear proj_in/out after flattening; SD1: 1x1 Conv2d before
  bool upcastAttention = false;
};

// norm1 -> attn1 (self) -> +x, norm2 -> attn2 (cross) -> +x, norm3 -> ff -> +x; LayerNorm eps 1e-5.
class BasicTransformerBlockImpl : public torch::nn::Module {
 public:
  BasicTransformerBlockImpl(int64_t dim, int64_t heads, int64_t contextDim, bool upcastAttention);
  // x [B, N, dim], context [B, M, contextDim]
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& context);

  torch::nn::LayerNorm norm1{nullptr};
  CrossAttention attn1{nullptr};
  torch::nn::LayerNorm norm2{nullptr};
  CrossAttention attn2{nullptr};
  torch::nn::LayerNorm norm3{nullptr};
  FeedForward ff{nullptr};
};
TORCH_MODULE(BasicTransformerBlock);

// Transformer2DModel: norm (GroupNorm eps 1e-6), proj_in, transformer_blocks.K, proj_out, + residual.
class Transformer2DImpl : public torch::nn::Module {
 public:
  explicit Transformer2DImpl(const TransformerOptions& options);
  // x [B, C, H, W], context [B, M, contextDim] -> [B, C, H, W]
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& context);
  // The first stages separately (tests): GroupNorm + proj_in, as [B, C, H, W] for the conv projection or
  // [B, H*W, C] for the linear one.
  torch::Tensor projectIn(const torch::Tensor& x);

  torch::nn::GroupNorm norm{nullptr};
  Conv2d proj_in_conv{nullptr};    // registered as "proj_in" when !linearProjection
  Linear proj_in_linear{nullptr};  // registered as "proj_in" when linearProjection
  torch::nn::ModuleList transformer_blocks{nullptr};
  Conv2d proj_out_conv{nullptr};
  Linear proj_out_linear{nullptr};

 private:
  std::vector<BasicTransformerBlock> m_blocks;
};
TORCH_MODULE(Transformer2D);

}  // namespace shotcraft::torch_engine::nn
