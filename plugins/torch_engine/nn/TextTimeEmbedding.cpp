#include "plugins/torch_engine/nn/TextTimeEmbedding.h"

#include <cmath>

#include "plugins/torch_engine/nn/Norms.h"

namespace shotcraft::torch_engine::nn {

AttentionPoolingImpl::AttentionPoolingImpl(int64_t heads, int64_t dim) : m_heads(heads) {
  TORCH_CHECK(heads > 0 && dim % heads == 0, "attention pooling: ", dim, " channels do not split into ", heads,
              " heads");
  positional_embedding =
      register_parameter("positional_embedding", torch::randn({1, dim}) / std::sqrt(double(dim)));
  k_proj = register_module("k_proj", Linear(dim, dim));
  q_proj = register_module("q_proj", Linear(dim, dim));
  v_proj = register_module("v_proj", Linear(dim, dim));
}

torch::Tensor AttentionPoolingImpl::forward(const torch::Tensor& x) {
  TORCH_CHECK(x.dim() == 3, "attention pooling expects [B, tokens, dim], got ", x.sizes());
  const int64_t b = x.size(0);
  const int64_t dim = x.size(2);
  const int64_t headDim = dim / m_heads;
  const torch::Tensor query = x.mean(1, /*keepdim=*/true) + positional_embedding.to(x.scalar_type());
  const torch::Tensor tokens = torch::cat({query, x}, 1);  // [B, 1 + tokens, dim]
  const auto split = [&](const torch::Tensor& t) { return t.view({b, -1, m_heads, headDim}).transpose(1, 2); };
  const torch::Tensor q = split(q_proj(query));   // [B, heads, 1, headDim]
  const torch::Tensor k = split(k_proj(tokens));  // [B, heads, 1 + tokens, headDim]
  const torch::Tensor v = split(v_proj(tokens));
  // Softmax in float32 whatever the activations' type (diffusers does the same).
  const torch::Tensor logits = torch::matmul(q, k.transpose(-1, -2)) / std::sqrt(double(headDim));
  const torch::Tensor weights = torch::softmax(logits.to(torch::kFloat32), -1).to(v.scalar_type());
  return torch::matmul(weights, v).reshape({b, dim});  // [B, heads, 1, headDim] -> heads concatenated
}

TextTimeEmbeddingImpl::TextTimeEmbeddingImpl(int64_t encoderDim, int64_t timeEmbedDim, int64_t heads) {
  norm1 = register_module("norm1", torch::nn::LayerNorm(torch::nn::LayerNormOptions({encoderDim})));
  pool = register_module("pool", AttentionPooling(heads, encoderDim));
  proj = register_module("proj", Linear(encoderDim, timeEmbedDim));
  norm2 = register_module("norm2", torch::nn::LayerNorm(torch::nn::LayerNormOptions({timeEmbedDim})));
}

torch::Tensor TextTimeEmbeddingImpl::forward(const torch::Tensor& hiddenStates) {
  return applyNorm(norm2, proj(pool(applyNorm(norm1, hiddenStates))));
}

void TextTimeEmbeddingImpl::zeroOutput() {
  torch::NoGradGuard noGrad;
  norm2->weight.zero_();
  norm2->bias.zero_();
}

}  // namespace shotcraft::torch_engine::nn
