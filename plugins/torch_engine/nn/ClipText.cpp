#include "plugins/torch_engine/nn/ClipText.h"

#include <cmath>
#include <limits>

namespace shotcraft::torch_engine::nn {

namespace {

torch::nn::LayerNorm makeLayerNorm(int64_t channels, double eps) {
  return torch::nn::LayerNorm(torch::nn::LayerNormOptions({channels}).eps(eps));
}

}  // namespace

ClipEmbeddingsImpl::ClipEmbeddingsImpl(const ClipTextConfig& c) {
  token_embedding = register_module("token_embedding", Embedding(c.vocabSize, c.hiddenSize));
  position_embedding =
      register_module("position_embedding", Embedding(c.maxPositionEmbeddings, c.hiddenSize));
}

torch::Tensor ClipEmbeddingsImpl::forward(const torch::Tensor& inputIds) {
  const int64_t seq = inputIds.size(1);
  const torch::Tensor positions = torch::arange(seq, torch::TensorOptions().dtype(torch::kInt64).device(inputIds.device()));
  return token_embedding(inputIds) + position_embedding(positions).unsqueeze(0);
}

ClipAttentionImpl::ClipAttentionImpl(const ClipTextConfig& c) : m_heads(c.numAttentionHeads) {
  q_proj = register_module("q_proj", Linear(c.hiddenSize, c.hiddenSize));
  k_proj = register_module("k_proj", Linear(c.hiddenSize, c.hiddenSize));
  v_proj = register_module("v_proj", Linear(c.hiddenSize, c.hiddenSize));
  out_proj = register_module("out_proj", Linear(c.hiddenSize, c.hiddenSize));
}

torch::Tensor ClipAttentionImpl::forward(const torch::Tensor& x) {
  const int64_t b = x.size(0), s = x.size(1), c = x.size(2), d = c / m_heads;
  auto split = [&](const torch::Tensor& t) {  // [B, S, H*D] -> [B*H, S, D]
    return t.reshape({b, s, m_heads, d}).transpose(1, 2).reshape({b * m_heads, s, d});
  };
  // transformers scales the queries before the product.
  const torch::Tensor q = split(q_proj(x) * (1.0 / std::sqrt(static_cast<double>(d))));
  const torch::Tensor k = split(k_proj(x));
  const torch::Tensor v = split(v_proj(x));
  torch::Tensor scores = torch::bmm(q, k.transpose(1, 2));
  const torch::Tensor future =
      torch::ones({s, s}, torch::TensorOptions().dtype(torch::kBool).device(x.device())).triu(1);
  scores = scores.masked_fill(future, -std::numeric_limits<float>::infinity());
  const bool reduced = scores.scalar_type() != torch::kFloat32 && scores.scalar_type() != torch::kFloat64;
  torch::Tensor probs = reduced ? torch::softmax(scores.to(torch::kFloat32), -1).to(scores.scalar_type())
                                : torch::softmax(scores, -1);
  torch::Tensor out = torch::bmm(probs, v).reshape({b, m_heads, s, d}).transpose(1, 2).reshape({b, s, c});
  return out_proj(out);
}

ClipMlpImpl::ClipMlpImpl(const ClipTextConfig& c) : m_act(c.hiddenAct) {
  fc1 = register_module("fc1", Linear(c.hiddenSize, c.intermediateSize));
  fc2 = register_module("fc2", Linear(c.intermediateSize, c.hiddenSize));
}

torch::Tensor ClipMlpImpl::forward(const torch::Tensor& x) {
  torch::Tensor h = fc1(x);
  h = m_act == ClipActivation::QuickGelu ? h * torch::sigmoid(1.702 * h) : torch::gelu(h);
  return fc2(h);
}

ClipEncoderLayerImpl::ClipEncoderLayerImpl(const ClipTextConfig& c) {
  self_attn = register_module("self_attn", ClipAttention(c));
  layer_norm1 = register_module("layer_norm1", makeLayerNorm(c.hiddenSize, c.layerNormEps));
  mlp = register_module("mlp", ClipMlp(c));
  layer_norm2 = register_module("layer_norm2", makeLayerNorm(c.hiddenSize, c.layerNormEps));
}

torch::Tensor ClipEncoderLayerImpl::forward(const torch::Tensor& x) {
  torch::Tensor h = x + self_attn(layer_norm1(x));
  return h + mlp(layer_norm2(h));
}

ClipEncoderImpl::ClipEncoderImpl(const ClipTextConfig& c) {
  layers = register_module("layers", torch::nn::ModuleList());
  for (int64_t i = 0; i < c.numHiddenLayers; ++i) {
    typed.emplace_back(c);
    layers->push_back(typed.back());
  }
}

ClipTextTransformerImpl::ClipTextTransformerImpl(const ClipTextConfig& c) {
  embeddings = register_module("embeddings", ClipEmbeddings(c));
  encoder = register_module("encoder", ClipEncoder(c));
  final_layer_norm = register_module("final_layer_norm", makeLayerNorm(c.hiddenSize, c.layerNormEps));
}

ClipTextModelImpl::ClipTextModelImpl(const ClipTextConfig& config) : m_config(config) {
  std::string error;
  TORCH_CHECK(config.validate(&error), error);
  text_model = register_module("text_model", ClipTextTransformer(config));
}

namespace {

void checkIds(const torch::Tensor& ids, const ClipTextConfig& c) {
  TORCH_CHECK(ids.dim() == 2 && ids.scalar_type() == torch::kInt64, "text encoder: expected int64 [B, S] ids, got ",
              ids.scalar_type(), " ", ids.sizes());
  TORCH_CHECK(ids.size(1) >= 1 && ids.size(1) <= c.maxPositionEmbeddings, "text encoder: ", ids.size(1),
              " tokens, at most ", c.maxPositionEmbeddings);
  TORCH_CHECK(ids.numel() == 0 || (ids.min().item<int64_t>() >= 0 && ids.max().item<int64_t>() < c.vocabSize),
              "text encoder: token id outside the vocabulary of ", c.vocabSize);
}

}  // namespace

ClipTextOutput ClipTextModelImpl::forward(const torch::Tensor& inputIds) {
  checkIds(inputIds, m_config);
  ClipTextOutput out;
  torch::Tensor h = text_model->embeddings(inputIds);
  out.hiddenStates.push_back(h);
  for (auto& layer : text_model->encoder->typed) {
    h = layer(h);
    out.hiddenStates.push_back(h);
  }
  out.lastHiddenState = text_model->final_layer_norm(h);
  const torch::Tensor eos = inputIds.argmax(-1).to(h.device());
  const torch::Tensor rows = torch::arange(inputIds.size(0), torch::TensorOptions().dtype(torch::kInt64).device(h.device()));
  out.pooled = out.lastHiddenState.index({rows, eos});
  return out;
}

torch::Tensor ClipTextModelImpl::encode(const torch::Tensor& inputIds, int clipSkip) {
  checkIds(inputIds, m_config);
  TORCH_CHECK(clipSkip >= 0 && clipSkip < m_config.numHiddenLayers, "text encoder: clip skip ", clipSkip,
              " must be in 0..", m_config.numHiddenLayers - 1);
  torch::Tensor h = text_model->embeddings(inputIds);
  const size_t layersToRun = text_model->encoder->typed.size() - static_cast<size_t>(clipSkip);
  for (size_t i = 0; i < layersToRun; ++i) h = text_model->encoder->typed[i](h);
  return text_model->final_layer_norm(h);
}

}  // namespace shotcraft::torch_engine::nn
