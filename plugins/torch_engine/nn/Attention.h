#pragma once
// Multi-head attention: the one `attention()` function every model calls (so it can be optimised in one
// place), and the diffusers `Attention` module with to_q / to_k / to_v / to_out.0.
#include <torch/torch.h>

#include "plugins/torch_engine/nn/Layers.h"

namespace shotcraft::torch_engine::nn {

// q [B, Nq, H*D], k and v [B, Nk, H*D] -> [B, Nq, H*D]: softmax(q k^T / sqrt(D)) v per head.
// upcast: scores and softmax in float32 (diffusers upcast_attention, needed by SD 2.1 in half precision);
// reduced-precision scores are always softmaxed in float32 on the CPU. Queries are processed in chunks so
// the score matrix stays below about 256 MB.
torch::Tensor attention(const torch::Tensor& q, const torch::Tensor& k, const torch::Tensor& v, int64_t heads,
                        bool upcast = false);

struct AttentionOptions {
  int64_t queryDim = 0;
  int64_t contextDim = 0;  // 0 = self-attention (keys/values from the query input)
  int64_t heads = 1;
  int64_t headDim = 0;     // 0 = queryDim / heads
  bool qkvBias = false;    // UNet: false; VAE mid-block attention: true
  bool upcast = false;
};

// diffusers Attention (processor AttnProcessor): to_q, to_k, to_v, to_out.0 (Linear, with bias).
class CrossAttentionImpl : public torch::nn::Module {
 public:
  explicit CrossAttentionImpl(const AttentionOptions& options);
  // x [B, N, queryDim]; context [B, M, contextDim] or undefined for self-attention.
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& context = {});

  Linear to_q{nullptr};
  Linear to_k{nullptr};
  Linear to_v{nullptr};
  torch::nn::ModuleList to_out{nullptr};  // [0] Linear(inner, queryDim), [1] Dropout (no parameters)

 private:
  int64_t m_heads = 1;
  bool m_upcast = false;
  Linear m_out{nullptr};
};
TORCH_MODULE(CrossAttention);

}  // namespace shotcraft::torch_engine::nn
