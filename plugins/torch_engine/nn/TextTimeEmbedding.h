#pragma once
// diffusers' `addition_embed_type: "text"` (TextTimeEmbedding): the prompt's hidden states pooled by one
// attention query into a vector that is added to the UNet's time embedding, so every resnet block sees the whole
// prompt, not only the levels that have cross-attention. Parameter names as diffusers':
// add_embedding.{norm1, pool.{positional_embedding, q_proj, k_proj, v_proj}, proj, norm2}.
#include <torch/torch.h>

#include "plugins/torch_engine/nn/Layers.h"

namespace shotcraft::torch_engine::nn {

// Attention pooling with a single query: the query token is the mean of the sequence plus a learned position
// embedding; it attends over itself and the sequence; returns the query's output [B, dim] (heads concatenated).
class AttentionPoolingImpl : public torch::nn::Module {
 public:
  AttentionPoolingImpl(int64_t heads, int64_t dim);
  torch::Tensor forward(const torch::Tensor& x);  // x [B, tokens, dim]

  torch::Tensor positional_embedding;  // [1, dim]
  Linear k_proj{nullptr};
  Linear q_proj{nullptr};
  Linear v_proj{nullptr};

 private:
  int64_t m_heads;
};
TORCH_MODULE(AttentionPooling);

// LayerNorm -> AttentionPooling -> Linear(dim, timeEmbedDim) -> LayerNorm. forward: [B, tokens, dim] ->
// [B, timeEmbedDim].
class TextTimeEmbeddingImpl : public torch::nn::Module {
 public:
  TextTimeEmbeddingImpl(int64_t encoderDim, int64_t timeEmbedDim, int64_t heads);
  torch::Tensor forward(const torch::Tensor& hiddenStates);
  // Zeroes norm2's scale and shift, so the embedding adds nothing until it is trained: a UNet trained without it
  // can take it on and start from where it was (`train unet --set init=...`).
  void zeroOutput();

  torch::nn::LayerNorm norm1{nullptr};
  AttentionPooling pool{nullptr};
  Linear proj{nullptr};
  torch::nn::LayerNorm norm2{nullptr};
};
TORCH_MODULE(TextTimeEmbedding);

}  // namespace shotcraft::torch_engine::nn
