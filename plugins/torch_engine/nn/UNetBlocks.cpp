#include "plugins/torch_engine/nn/UNetBlocks.h"

namespace shotcraft::torch_engine::nn {

namespace {

ResnetBlock2D makeResnet(const UNetBlockOptions& o, int64_t in, int64_t out, double outputScaleFactor = 1.0) {
  ResnetBlockOptions r;
  r.inChannels = in;
  r.outChannels = out;
  r.tembChannels = o.tembChannels;
  r.groups = o.groups;
  r.eps = o.eps;
  r.outputScaleFactor = outputScaleFactor;
  return ResnetBlock2D(r);
}

Transformer2D makeTransformer(const UNetBlockOptions& o) {
  TransformerOptions t = o.transformer;
  t.channels = o.outChannels;
  t.groups = o.groups;
  return Transformer2D(t);
}

}  // namespace

DownBlockImpl::DownBlockImpl(const UNetBlockOptions& o) {
  resnets = register_module("resnets", torch::nn::ModuleList());
  if (o.withAttention) attentions = register_module("attentions", torch::nn::ModuleList());
  for (int64_t i = 0; i < o.layers; ++i) {
    m_resnets.push_back(makeResnet(o, i == 0 ? o.inChannels : o.outChannels, o.outChannels));
    resnets->push_back(m_resnets.back());
    if (o.withAttention) {
      m_attentions.push_back(makeTransformer(o));
      attentions->push_back(m_attentions.back());
    }
  }
  if (o.withResample) {
    m_downsample = Downsample2D(o.outChannels, o.outChannels, 1);
    downsamplers = register_module("downsamplers", torch::nn::ModuleList(m_downsample));
  }
}

torch::Tensor DownBlockImpl::forward(const torch::Tensor& x, const torch::Tensor& temb, const torch::Tensor& context,
                                     std::vector<torch::Tensor>* skips) {
  torch::Tensor h = x;
  for (size_t i = 0; i < m_resnets.size(); ++i) {
    h = m_resnets[i](h, temb);
    if (!m_attentions.empty()) h = m_attentions[i](h, context);
    skips->push_back(h);
  }
  if (m_downsample) {
    h = m_downsample(h);
    skips->push_back(h);
  }
  return h;
}

MidBlockImpl::MidBlockImpl(const UNetBlockOptions& o, double outputScaleFactor) {
  resnets = register_module("resnets", torch::nn::ModuleList());
  attentions = register_module("attentions", torch::nn::ModuleList());
  m_resnets.push_back(makeResnet(o, o.inChannels, o.inChannels, outputScaleFactor));
  resnets->push_back(m_resnets.back());
  UNetBlockOptions same = o;
  same.outChannels = o.inChannels;
  for (int64_t i = 0; i < o.layers; ++i) {
    m_attentions.push_back(makeTransformer(same));
    attentions->push_back(m_attentions.back());
    m_resnets.push_back(makeResnet(o, o.inChannels, o.inChannels, outputScaleFactor));
    resnets->push_back(m_resnets.back());
  }
}

torch::Tensor MidBlockImpl::forward(const torch::Tensor& x, const torch::Tensor& temb, const torch::Tensor& context) {
  torch::Tensor h = m_resnets[0](x, temb);
  for (size_t i = 0; i < m_attentions.size(); ++i) {
    h = m_attentions[i](h, context);
    h = m_resnets[i + 1](h, temb);
  }
  return h;
}

UpBlockImpl::UpBlockImpl(const UNetBlockOptions& o) {
  resnets = register_module("resnets", torch::nn::ModuleList());
  if (o.withAttention) attentions = register_module("attentions", torch::nn::ModuleList());
  for (int64_t i = 0; i < o.layers; ++i) {
    const int64_t skipChannels = i == o.layers - 1 ? o.inChannels : o.outChannels;
    const int64_t resnetIn = i == 0 ? o.prevOutChannels : o.outChannels;
    m_resnets.push_back(makeResnet(o, resnetIn + skipChannels, o.outChannels));
    resnets->push_back(m_resnets.back());
    if (o.withAttention) {
      m_attentions.push_back(makeTransformer(o));
      attentions->push_back(m_attentions.back());
    }
  }
  if (o.withResample) {
    m_upsample = Upsample2D(o.outChannels, o.outChannels);
    upsamplers = register_module("upsamplers", torch::nn::ModuleList(m_upsample));
  }
}

torch::Tensor UpBlockImpl::forward(const torch::Tensor& x, const torch::Tensor& temb, const torch::Tensor& context,
                                   std::vector<torch::Tensor>* skips, std::optional<std::vector<int64_t>> upsampleSize) {
  torch::Tensor h = x;
  for (size_t i = 0; i < m_resnets.size(); ++i) {
    TORCH_CHECK(!skips->empty(), "UNet up block: no skip connection left");
    h = torch::cat({h, skips->back()}, 1);
    skips->pop_back();
    h = m_resnets[i](h, temb);
    if (!m_attentions.empty()) h = m_attentions[i](h, context);
  }
  if (m_upsample) h = m_upsample(h, std::move(upsampleSize));
  return h;
}

namespace {

UNetBlockOptions baseOptions(const UNetConfig& c, size_t configIndex) {
  UNetBlockOptions o;
  o.tembChannels = c.timeEmbedDim();
  o.groups = c.normNumGroups;
  o.eps = c.normEps;
  o.transformer.heads = c.numAttentionHeads.at(configIndex);
  o.transformer.contextDim = c.crossAttentionDim.at(configIndex);
  o.transformer.layers = c.transformerLayersPerBlock.at(configIndex);
  o.transformer.linearProjection = c.useLinearProjection;
  o.transformer.upcastAttention = c.upcastAttention;
  return o;
}

}  // namespace

UNetBlockOptions downBlockOptions(const UNetConfig& c, size_t i) {
  UNetBlockOptions o = baseOptions(c, i);
  o.inChannels = i == 0 ? c.blockOutChannels[0] : c.blockOutChannels[i - 1];
  o.outChannels = c.blockOutChannels[i];
  o.layers = c.layersPerBlock;
  o.withAttention = c.downBlockTypes.at(i) == "CrossAttnDownBlock2D";
  o.withResample = i + 1 < c.blockOutChannels.size();
  return o;
}

UNetBlockOptions midBlockOptions(const UNetConfig& c) {
  UNetBlockOptions o = baseOptions(c, c.blockOutChannels.size() - 1);
  o.inChannels = c.blockOutChannels.back();
  o.outChannels = o.inChannels;
  o.layers = 1;
  o.withAttention = true;
  return o;
}

UNetBlockOptions upBlockOptions(const UNetConfig& c, size_t i) {
  const size_t n = c.blockOutChannels.size();
  const size_t reversed = n - 1 - i;  // up block i mirrors down block n-1-i
  UNetBlockOptions o = baseOptions(c, reversed);
  o.prevOutChannels = i == 0 ? c.blockOutChannels.back() : c.blockOutChannels[reversed + 1];
  o.outChannels = c.blockOutChannels[reversed];
  o.inChannels = c.blockOutChannels[reversed == 0 ? 0 : reversed - 1];
  o.layers = c.layersPerBlock + 1;
  o.withAttention = c.upBlockTypes.at(i) == "CrossAttnUpBlock2D";
  o.withResample = i + 1 < n;
  return o;
}

}  // namespace shotcraft::torch_engine::nn
