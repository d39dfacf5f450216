#include "plugins/torch_engine/nn/AttentionTransformer.h"

#include "plugins/torch_engine/nn/Blocks.h"
#include "plugins/torch_engine/nn/Norms.h"

namespace shotcraft::torch_engine::nn {

namespace {

torch::nn::LayerNorm makeLayerNorm(int64_t dim) {
  return torch::nn::LayerNorm(torch::nn::LayerNormOptions({dim}).eps(1e-5));
}

}  // namespace

GegluImpl::GegluImpl(int64_t dim, int64_t inner) {
  proj = register_module("proj", Linear(dim, inner * 2));
}

torch::Tensor GegluImpl::forward(const torch::Tensor& x) {
  auto parts = proj(x).chunk(2, -1);
  return parts[0] * torch::gelu(parts[1]);  // default approximate="none": exact erf GELU
}

FeedForwardImpl::FeedForwardImpl(int64_t dim, int64_t mult) {
  m_geglu = Geglu(dim, dim * mult);
  m_out = Linear(dim * mult, dim);
  net = register_module("net", torch::nn::ModuleList(m_geglu, torch::nn::Dropout(0.0), m_out));
}

torch::Tensor FeedForwardImpl::forward(const torch::Tensor& x) { return m_out(m_geglu(x)); }

BasicTransformerBlockImpl::BasicTransformerBlockImpl(int64_t dim, int64_t heads, int64_t contextDim,
                                                     bool upcastAttention) {
  AttentionOptions self{.queryDim = dim, .contextDim = 0, .heads = heads, .upcast = upcastAttention};
  AttentionOptions cross{.queryDim = dim, .contextDim = contextDim, .heads = heads, .upcast = upcastAttention};
  norm1 = register_module("norm1", makeLayerNorm(dim));
  attn1 = register_module("attn1", CrossAttention(self));
  norm2 = register_module("norm2", makeLayerNorm(dim));
  attn2 = register_module("attn2", CrossAttention(cross));
  norm3 = register_module("norm3", makeLayerNorm(dim));
  ff = register_module("ff", FeedForward(dim));
}

torch::Tensor BasicTransformerBlockImpl::forward(const torch::Tensor& x, const torch::Tensor& context) {
  torch::Tensor h = attn1(applyNorm(norm1, x)) + x;
  h = attn2(applyNorm(norm2, h), context) + h;
  return ff(applyNorm(norm3, h)) + h;
}

Transformer2DImpl::Transformer2DImpl(const TransformerOptions& o) {
  const int64_t c = o.channels;
  norm = register_module("norm", makeGroupNorm(o.groups, c, 1e-6));
  if (o.linearProjection) {
    proj_in_linear = register_module("proj_in", Linear(c, c));
  } else {
    proj_in_conv = register_module("proj_in", makeConv2d(c, c, 1));
  }
  transformer_blocks = register_module("transformer_blocks", torch::nn::ModuleList());
  for (int64_t i = 0; i < o.layers; ++i) {
    m_blocks.push_back(BasicTransformerBlock(c, o.heads, o.contextDim, o.upcastAttention));
    transformer_blocks->push_back(m_blocks.back());
  }
  if (o.linearProjection) {
    proj_out_linear = register_module("proj_out", Linear(c, c));
  } else {
    proj_out_conv = register_module("proj_out", makeConv2d(c, c, 1));
  }
}

torch::Tensor Transformer2DImpl::projectIn(const torch::Tensor& x) {
  torch::Tensor h = applyNorm(norm, x);
  if (proj_in_conv) return proj_in_conv(h);
  const int64_t b = x.size(0), c = x.size(1), hw = x.size(2) * x.size(3);
  return proj_in_linear(h.permute({0, 2, 3, 1}).reshape({b, hw, c}));
}

torch::Tensor Transformer2DImpl::forward(const torch::Tensor& x, const torch::Tensor& context) {
  const int64_t b = x.size(0), c = x.size(1), height = x.size(2), width = x.size(3);
  torch::Tensor h = projectIn(x);
  if (proj_in_conv) h = h.permute({0, 2, 3, 1}).reshape({b, height * width, c});
  for (auto& block : m_blocks) h = block(h, context);
  if (proj_out_linear) {
    h = proj_out_linear(h).reshape({b, height, width, c}).permute({0, 3, 1, 2}).contiguous();
  } else {
    h = proj_out_conv(h.reshape({b, height, width, c}).permute({0, 3, 1, 2}).contiguous());
  }
  return h + x;
}

}  // namespace shotcraft::torch_engine::nn
