#include "plugins/torch_engine/nn/Attention.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <cmath>

namespace shotcraft::torch_engine::nn {

namespace {

constexpr int64_t kMaxScoreElements = int64_t{1} << 26;  // 256 MB of float32 scores per chunk

// [B, N, H*D] -> [B*H, N, D]
torch::Tensor headsToBatch(const torch::Tensor& x, int64_t heads) {
  const int64_t b = x.size(0), n = x.size(1), d = x.size(2) / heads;
  return x.reshape({b, n, heads, d}).permute({0, 2, 1, 3}).reshape({b * heads, n, d});
}

// [B*H, N, D] -> [B, N, H*D]
torch::Tensor batchToHeads(const torch::Tensor& x, int64_t heads) {
  const int64_t bh = x.size(0), n = x.size(1), d = x.size(2);
  return x.reshape({bh / heads, heads, n, d}).permute({0, 2, 1, 3}).reshape({bh / heads, n, heads * d});
}

// Inference in bf16 on the CPU with long sequences: each worker takes blocks of kQueryBlock queries of one
// head and runs scores, softmax (in float32) and the value product on them alone, so the block's scores stay in
// cache instead of streaming [heads, queries, keys] through memory (measured 1.34 s -> 0.33 s for SD-1.5's
// 4096-token self-attention at batch 2 in bf16 on 2 cores, `bench engine`). The ops inside run
// single-threaded (ATen does not nest parallel regions), which is also why float32, whose matmuls go to the
// system BLAS with its own threads, keeps the batched path.
constexpr int64_t kQueryBlock = 256;
constexpr int64_t kBlockedMinTokens = 1024;

bool useBlockedCpuAttention(const torch::Tensor& q, int64_t nq, int64_t nk) {
  return q.device().is_cpu() && q.scalar_type() == torch::kBFloat16 && !torch::GradMode::is_enabled() &&
         nq >= kBlockedMinTokens && nk >= kBlockedMinTokens;
}

// qb [BH, Nq, D] (already scaled), kt [BH, D, Nk], vb [BH, Nk, Dv] -> [BH, Nq, Dv].
torch::Tensor blockedCpuAttention(const torch::Tensor& qb, const torch::Tensor& kt, const torch::Tensor& vb) {
  const int64_t bh = qb.size(0), nq = qb.size(1);
  torch::Tensor out = torch::empty({bh, nq, vb.size(2)}, vb.options());
  const int64_t blocksPerHead = (nq + kQueryBlock - 1) / kQueryBlock;
  at::parallel_for(0, bh * blocksPerHead, 1, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) {
      const int64_t head = i / blocksPerHead, start = (i % blocksPerHead) * kQueryBlock;
      const int64_t len = std::min(kQueryBlock, nq - start);
      const torch::Tensor scores = torch::mm(qb[head].narrow(0, start, len), kt[head]);
      const torch::Tensor probs = torch::softmax(scores, -1, torch::kFloat32).to(vb.scalar_type());
      torch::Tensor target = out[head].narrow(0, start, len);
      torch::mm_out(target, probs, vb[head]);
    }
  });
  return out;
}

}  // namespace

torch::Tensor attention(const torch::Tensor& q, const torch::Tensor& k, const torch::Tensor& v, int64_t heads,
                        bool upcast) {
  TORCH_CHECK(q.dim() == 3 && k.dim() == 3 && v.dim() == 3, "attention expects [B, N, C] tensors");
  TORCH_CHECK(heads > 0 && q.size(2) % heads == 0, "attention: ", q.size(2), " channels are not divisible by ",
              heads, " heads");
  const int64_t headDim = q.size(2) / heads;
  const double scale = 1.0 / std::sqrt(static_cast<double>(headDim));
  const bool reduced = q.scalar_type() != torch::kFloat32 && q.scalar_type() != torch::kFloat64;
  const bool upcastScores = upcast && reduced;
  const bool upcastSoftmax = reduced && (upcast || q.device().is_cpu());

  torch::Tensor qb = headsToBatch(q, heads);
  torch::Tensor kt = headsToBatch(k, heads).transpose(1, 2);
  torch::Tensor vb = headsToBatch(v, heads);
  if (upcastScores) {
    qb = qb.to(torch::kFloat32);
    kt = kt.to(torch::kFloat32);
  }
  const int64_t bh = qb.size(0), nq = qb.size(1), nk = kt.size(2);
  if (!upcastScores && useBlockedCpuAttention(qb, nq, nk)) {
    return batchToHeads(blockedCpuAttention(qb * scale, kt, vb), heads);
  }
  const int64_t chunk = std::max<int64_t>(1, std::min<int64_t>(nq, kMaxScoreElements / std::max<int64_t>(1, bh * nk)));

  std::vector<torch::Tensor> outputs;
  for (int64_t start = 0; start < nq; start += chunk) {
    const int64_t len = std::min(chunk, nq - start);
    torch::Tensor qc = chunk == nq ? qb : qb.narrow(1, start, len);
    // bmm then scale, rather than baddbmm(empty, beta = 0): no path may read uninitialised scores.
    torch::Tensor scores = torch::bmm(qc, kt).mul_(scale);
    if (upcastSoftmax) scores = scores.to(torch::kFloat32);
    torch::Tensor probs = scores.softmax(-1).to(vb.scalar_type());
    outputs.push_back(torch::bmm(probs, vb));
  }
  torch::Tensor out = outputs.size() == 1 ? outputs[0] : torch::cat(outputs, 1);
  return batchToHeads(out, heads);
}

CrossAttentionImpl::CrossAttentionImpl(const AttentionOptions& o) : m_heads(o.heads), m_upcast(o.upcast) {
  const int64_t headDim = o.headDim > 0 ? o.headDim : o.queryDim / o.heads;
  const int64_t inner = headDim * o.heads;
  const int64_t contextDim = o.contextDim > 0 ? o.contextDim : o.queryDim;
  to_q = register_module("to_q", Linear(o.queryDim, inner, o.qkvBias));
  to_k = register_module("to_k", Linear(contextDim, inner, o.qkvBias));
  to_v = register_module("to_v", Linear(contextDim, inner, o.qkvBias));
  m_out = Linear(inner, o.queryDim);
  to_out = register_module("to_out", torch::nn::ModuleList(m_out, torch::nn::Dropout(0.0)));
}

torch::Tensor CrossAttentionImpl::forward(const torch::Tensor& x, const torch::Tensor& context) {
  const torch::Tensor& ctx = context.defined() ? context : x;
  return m_out(attention(to_q(x), to_k(ctx), to_v(ctx), m_heads, m_upcast));
}

}  // namespace shotcraft::torch_engine::nn
