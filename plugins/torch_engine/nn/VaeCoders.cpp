#include "plugins/torch_engine/nn/VaeCoders.h"

#include "plugins/torch_engine/nn/Autocast.h"
#include "plugins/torch_engine/nn/Norms.h"

namespace shotcraft::torch_engine::nn {

namespace {

// The convolutions between the image's 3 channels and the outer level run in their weights' own type, outside
// CPU autocast: under bf16 autocast (train vae) Debian 12's oneDNN 2.6 AMX kernels returned non-finite weight
// gradients for these full-resolution 3-channel convolutions ("loss is not finite at step 1", as with the
// ControlNet's conditioning embedding, ControlNet.cpp). Without autocast this is the plain convolution.
torch::Tensor imageSideConv(Conv2d& conv, const torch::Tensor& x) {
  const AutocastPause ownPrecision;
  return conv(x.to(conv->weight.scalar_type()));
}

}  // namespace

using Resample = VaeResnetStackImpl::Resample;

VaeEncoderImpl::VaeEncoderImpl(const VaeConfig& c) {
  const std::vector<int64_t>& channels = c.blockOutChannels;
  conv_in = register_module("conv_in", makeConv2d(c.inChannels, channels.front(), 3));
  down_blocks = register_module("down_blocks", torch::nn::ModuleList());
  int64_t in = channels.front();
  for (size_t i = 0; i < channels.size(); ++i) {
    const bool last = i + 1 == channels.size();
    m_down.emplace_back(in, channels[i], c.layersPerBlock, c.normNumGroups, c.normEps,
                        last ? Resample::None : Resample::Down);
    down_blocks->push_back(m_down.back());
    in = channels[i];
  }
  mid_block = register_module("mid_block", VaeMidBlock(channels.back(), c.normNumGroups, c.normEps,
                                                       c.midBlockAddAttention));
  conv_norm_out = register_module("conv_norm_out", makeGroupNorm(c.normNumGroups, channels.back(), c.normEps));
  conv_out = register_module("conv_out", makeConv2d(channels.back(), 2 * c.latentChannels, 3));
}

torch::Tensor VaeEncoderImpl::forward(const torch::Tensor& image, Intermediates* trace) {
  torch::Tensor h = imageSideConv(conv_in, image);
  if (trace) (*trace)["encoder.conv_in"] = h;
  for (size_t i = 0; i < m_down.size(); ++i) {
    h = m_down[i]->forward(h);
    if (trace) (*trace)["encoder.down_blocks." + std::to_string(i)] = h;
  }
  h = mid_block(h);
  if (trace) (*trace)["encoder.mid_block"] = h;
  h = conv_out(torch::silu(applyNorm(conv_norm_out, h)));
  if (trace) (*trace)["encoder"] = h;
  return h;
}

VaeDecoderImpl::VaeDecoderImpl(const VaeConfig& c) {
  const std::vector<int64_t> channels(c.blockOutChannels.rbegin(), c.blockOutChannels.rend());  // deepest first
  conv_in = register_module("conv_in", makeConv2d(c.latentChannels, channels.front(), 3));
  mid_block = register_module("mid_block", VaeMidBlock(channels.front(), c.normNumGroups, c.normEps,
                                                       c.midBlockAddAttention));
  up_blocks = register_module("up_blocks", torch::nn::ModuleList());
  int64_t in = channels.front();
  for (size_t i = 0; i < channels.size(); ++i) {
    const bool last = i + 1 == channels.size();
    m_up.emplace_back(in, channels[i], c.layersPerBlock + 1, c.normNumGroups, c.normEps,
                      last ? Resample::None : Resample::Up);
    up_blocks->push_back(m_up.back());
    in = channels[i];
  }
  conv_norm_out = register_module("conv_norm_out", makeGroupNorm(c.normNumGroups, channels.back(), c.normEps));
  conv_out = register_module("conv_out", makeConv2d(channels.back(), c.outChannels, 3));
}

torch::Tensor VaeDecoderImpl::forward(const torch::Tensor& latent, Intermediates* trace) {
  torch::Tensor h = conv_in(latent);
  if (trace) (*trace)["decoder.conv_in"] = h;
  h = mid_block(h);
  if (trace) (*trace)["decoder.mid_block"] = h;
  for (size_t i = 0; i < m_up.size(); ++i) {
    h = m_up[i]->forward(h);
    if (trace) (*trace)["decoder.up_blocks." + std::to_string(i)] = h;
  }
  return imageSideConv(conv_out, torch::silu(applyNorm(conv_norm_out, h)));
}

}  // namespace shotcraft::torch_engine::nn
