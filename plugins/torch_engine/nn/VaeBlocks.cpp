#include "plugins/torch_engine/nn/VaeBlocks.h"

#include "plugins/torch_engine/nn/Attention.h"
#include "plugins/torch_engine/nn/Norms.h"

namespace shotcraft::torch_engine::nn {

VaeAttentionImpl::VaeAttentionImpl(int64_t channels, int64_t groups, double eps) {
  group_norm = register_module("group_norm", makeGroupNorm(groups, channels, eps));
  to_q = register_module("to_q", Linear(channels, channels));
  to_k = register_module("to_k", Linear(channels, channels));
  to_v = register_module("to_v", Linear(channels, channels));
  m_out = Linear(channels, channels);
  to_out = register_module("to_out", torch::nn::ModuleList(m_out));
}

torch::Tensor VaeAttentionImpl::forward(const torch::Tensor& x) {
  const int64_t b = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
  const torch::Tensor tokens = applyNorm(group_norm, x).reshape({b, c, h * w}).transpose(1, 2);  // [B, HW, C]
  torch::Tensor out = attention(to_q(tokens), to_k(tokens), to_v(tokens), 1, /*upcast=*/true);
  out = m_out(out).transpose(1, 2).reshape({b, c, h, w});
  return out + x;
}

VaeMidBlockImpl::VaeMidBlockImpl(int64_t channels, int64_t groups, double eps, bool addAttention) {
  resnets = register_module("resnets", torch::nn::ModuleList());
  for (int i = 0; i < 2; ++i) {
    ResnetBlockOptions o;
    o.inChannels = channels;
    o.outChannels = channels;
    o.groups = groups;
    o.eps = eps;
    m_resnets.emplace_back(o);
    resnets->push_back(m_resnets.back());
  }
  attentions = register_module("attentions", torch::nn::ModuleList());
  if (addAttention) {
    m_attention = VaeAttention(channels, groups, eps);
    attentions->push_back(m_attention);
  }
}

torch::Tensor VaeMidBlockImpl::forward(const torch::Tensor& x) {
  torch::Tensor h = m_resnets[0]->forward(x);
  if (m_attention) h = m_attention->forward(h);
  return m_resnets[1]->forward(h);
}

VaeResnetStackImpl::VaeResnetStackImpl(int64_t inChannels, int64_t outChannels, int64_t numLayers, int64_t groups,
                                       double eps, Resample resample) {
  resnets = register_module("resnets", torch::nn::ModuleList());
  for (int64_t i = 0; i < numLayers; ++i) {
    ResnetBlockOptions o;
    o.inChannels = i == 0 ? inChannels : outChannels;
    o.outChannels = outChannels;
    o.groups = groups;
    o.eps = eps;
    m_resnets.emplace_back(o);
    resnets->push_back(m_resnets.back());
  }
  if (resample == Resample::Down) {
    m_down = Downsample2D(outChannels, outChannels, 0);  // padding 0 = asymmetric (0,1,0,1) pad
    downsamplers = register_module("downsamplers", torch::nn::ModuleList(m_down));
  } else if (resample == Resample::Up) {
    m_up = Upsample2D(outChannels, outChannels);
    upsamplers = register_module("upsamplers", torch::nn::ModuleList(m_up));
  }
}

torch::Tensor VaeResnetStackImpl::forward(const torch::Tensor& x) {
  torch::Tensor h = x;
  for (auto& resnet : m_resnets) h = resnet->forward(h);
  if (m_down) h = m_down->forward(h);
  if (m_up) h = m_up->forward(h);
  return h;
}

}  // namespace shotcraft::torch_engine::nn
