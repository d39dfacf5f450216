#pragma once
// CLIP text encoder with the transformers CLIPTextModel layout (text_model.embeddings.{token,position}_embedding,
// text_model.encoder.layers.N.{self_attn.{q,k,v,out}_proj, layer_norm1, mlp.fc1, mlp.fc2, layer_norm2},
// text_model.final_layer_norm). Pre-LN transformer with a causal mask and no padding mask (as SD uses it).
// The `text_model.embeddings.position_ids` buffer some files carry is not a module tensor: positions are
// always 0..S-1. Load with loadStateDict(model, file, prefix, true, &error) (StateDict.h accepts position_ids).
#include <torch/torch.h>

#include <vector>

#include "plugins/torch_engine/nn/ClipTextConfig.h"
#include "plugins/torch_engine/nn/Layers.h"

namespace shotcraft::torch_engine::nn {

struct ClipTextOutput {
  torch::Tensor lastHiddenState;             // [B, S, C], after final_layer_norm
  std::vector<torch::Tensor> hiddenStates;   // [0] embeddings, [i] output of layer i (before final_layer_norm)
  torch::Tensor pooled;                      // [B, C]: lastHiddenState at argmax(input_ids) (the first EOS)
};

class ClipEmbeddingsImpl : public torch::nn::Module {
 public:
  explicit ClipEmbeddingsImpl(const ClipTextConfig& config);
  torch::Tensor forward(const torch::Tensor& inputIds);

  Embedding token_embedding{nullptr};
  Embedding position_embedding{nullptr};
};
TORCH_MODULE(ClipEmbeddings);

class ClipAttentionImpl : public torch::nn::Module {
 public:
  explicit ClipAttentionImpl(const ClipTextConfig& config);
  torch::Tensor forward(const torch::Tensor& x);  // causal self-attention, x [B, S, C]

  Linear q_proj{nullptr}, k_proj{nullptr}, v_proj{nullptr}, out_proj{nullptr};

 private:
  int64_t m_heads = 1;
};
TORCH_MODULE(ClipAttention);

class ClipMlpImpl : public torch::nn::Module {
 public:
  explicit ClipMlpImpl(const ClipTextConfig& config);
  torch::Tensor forward(const torch::Tensor& x);

  Linear fc1{nullptr}, fc2{nullptr};

 private:
  ClipActivation m_act = ClipActivation::QuickGelu;
};
TORCH_MODULE(ClipMlp);

class ClipEncoderLayerImpl : public torch::nn::Module {
 public:
  explicit ClipEncoderLayerImpl(const ClipTextConfig& config);
  torch::Tensor forward(const torch::Tensor& x);

  ClipAttention self_attn{nullptr};
  torch::nn::LayerNorm layer_norm1{nullptr};
  ClipMlp mlp{nullptr};
  torch::nn::LayerNorm layer_norm2{nullptr};
};
TORCH_MODULE(ClipEncoderLayer);

// text_model.encoder: holds "layers".
class ClipEncoderImpl : public torch::nn::Module {
 public:
  explicit ClipEncoderImpl(const ClipTextConfig& config);

  torch::nn::ModuleList layers{nullptr};
  std::vector<ClipEncoderLayer> typed;
};
TORCH_MODULE(ClipEncoder);

// text_model
class ClipTextTransformerImpl : public torch::nn::Module {
 public:
  explicit ClipTextTransformerImpl(const ClipTextConfig& config);

  ClipEmbeddings embeddings{nullptr};
  ClipEncoder encoder{nullptr};
  torch::nn::LayerNorm final_layer_norm{nullptr};
};
TORCH_MODULE(ClipTextTransformer);

class ClipTextModelImpl : public torch::nn::Module {
 public:
  // The config must be valid (ClipTextConfig::validate); construction throws c10::Error otherwise.
  explicit ClipTextModelImpl(const ClipTextConfig& config);

  // inputIds [B, S] int64, S <= max_position_embeddings. Runs every layer and returns all hidden states.
  ClipTextOutput forward(const torch::Tensor& inputIds);

  // The UNet conditioning: clipSkip = number of final layers skipped (diffusers `clip_skip`; A1111's
  // "Clip skip 2" is 1 here): final_layer_norm(hidden_states[-(clipSkip + 1)]). Skipped layers are not run.
  torch::Tensor encode(const torch::Tensor& inputIds, int clipSkip = 0);

  const ClipTextConfig& config() const { return m_config; }

  ClipTextTransformer text_model{nullptr};

 private:
  ClipTextConfig m_config;
};
TORCH_MODULE(ClipTextModel);

}  // namespace shotcraft::torch_engine::nn
