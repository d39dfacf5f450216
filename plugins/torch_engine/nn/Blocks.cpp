#include "plugins/torch_engine/nn/Blocks.h"

#include <cmath>

#include "plugins/torch_engine/nn/Norms.h"

namespace shotcraft::torch_engine::nn {

namespace F = torch::nn::functional;

Conv2d makeConv2d(int64_t in, int64_t out, int64_t kernel, int64_t stride, int64_t padding) {
  if (padding < 0) padding = kernel / 2;
  return Conv2d(Conv2dSpec{in, out, kernel, stride, padding, true});
}

namespace {

template <typename Norm>
torch::Tensor normInWeightType(Norm& norm, const torch::Tensor& x) {
  const auto weightType = norm->weight.defined() ? norm->weight.scalar_type() : x.scalar_type();
  if (x.scalar_type() == weightType) return norm(x);
  return norm(x.to(weightType)).to(x.scalar_type());
}

}  // namespace

torch::Tensor applyNorm(torch::nn::GroupNorm& norm, const torch::Tensor& x) {
  return normInWeightType(norm, x);
}
torch::Tensor applyNorm(torch::nn::LayerNorm& norm, const torch::Tensor& x) {
  return normInWeightType(norm, x);
}

torch::nn::GroupNorm makeGroupNorm(int64_t groups, int64_t channels, double eps) {
  return torch::nn::GroupNorm(torch::nn::GroupNormOptions(groups, channels).eps(eps));
}

torch::Tensor timestepEmbedding(const torch::Tensor& timesteps, int64_t dim, bool flipSinToCos,
                                double downscaleFreqShift, double maxPeriod) {
  TORCH_CHECK(timesteps.dim() == 1, "timesteps must be a 1-D tensor, got ", timesteps.sizes());
  const int64_t half = dim / 2;
  // Same operation order as the reference so float32 rounding matches.
  torch::Tensor exponent =
      torch::arange(0, half, torch::TensorOptions().dtype(torch::kFloat32).device(timesteps.device())) *
      (-std::log(maxPeriod));
  exponent = exponent / (static_cast<double>(half) - downscaleFreqShift);
  torch::Tensor args = timesteps.to(torch::kFloat32).unsqueeze(1) * exponent.exp().unsqueeze(0);
  torch::Tensor emb =
      flipSinToCos ? torch::cat({args.cos(), args.sin()}, -1) : torch::cat({args.sin(), args.cos()}, -1);
  if (dim % 2 == 1) emb = F::pad(emb, F::PadFuncOptions({0, 1}));
  return emb;
}

TimestepEmbeddingImpl::TimestepEmbeddingImpl(int64_t inChannels, int64_t embedDim) {
  linear_1 = register_module("linear_1", Linear(inChannels, embedDim));
  linear_2 = register_module("linear_2", Linear(embedDim, embedDim));
}

torch::Tensor TimestepEmbeddingImpl::forward(const torch::Tensor& x) {
  return linear_2(torch::silu(linear_1(x)));
}

ResnetBlock2DImpl::ResnetBlock2DImpl(const ResnetBlockOptions& o) : m_outputScaleFactor(o.outputScaleFactor) {
  const int64_t out = o.outChannels > 0 ? o.outChannels : o.inChannels;
  norm1 = register_module("norm1", makeGroupNorm(o.groups, o.inChannels, o.eps));
  conv1 = register_module("conv1", makeConv2d(o.inChannels, out, 3));
  if (o.tembChannels > 0) time_emb_proj = register_module("time_emb_proj", Linear(o.tembChannels, out));
  norm2 = register_module("norm2", makeGroupNorm(o.groups, out, o.eps));
  conv2 = register_module("conv2", makeConv2d(out, out, 3));
  if (o.inChannels != out) conv_shortcut = register_module("conv_shortcut", makeConv2d(o.inChannels, out, 1));
}

torch::Tensor ResnetBlock2DImpl::forward(const torch::Tensor& x, const torch::Tensor& temb) {
  torch::Tensor h = conv1(torch::silu(applyNorm(norm1, x)));
  if (time_emb_proj && temb.defined()) h = h + time_emb_proj(torch::silu(temb)).unsqueeze(-1).unsqueeze(-1);
  h = conv2(torch::silu(applyNorm(norm2, h)));
  torch::Tensor shortcut = conv_shortcut ? conv_shortcut(x) : x;
  torch::Tensor out = shortcut + h;
  if (m_outputScaleFactor != 1.0) out = out / m_outputScaleFactor;
  return out;
}

Downsample2DImpl::Downsample2DImpl(int64_t channels, int64_t outChannels, int64_t padding) : m_padding(padding) {
  conv = register_module("conv", makeConv2d(channels, outChannels, 3, 2, padding));
}

torch::Tensor Downsample2DImpl::forward(const torch::Tensor& x) {
  if (m_padding == 0) return conv(F::pad(x, F::PadFuncOptions({0, 1, 0, 1}).mode(torch::kConstant).value(0)));
  return conv(x);
}

Upsample2DImpl::Upsample2DImpl(int64_t channels, int64_t outChannels) {
  conv = register_module("conv", makeConv2d(channels, outChannels, 3));
}

torch::Tensor Upsample2DImpl::forward(const torch::Tensor& x, std::optional<std::vector<int64_t>> outputSize) {
  // Nearest upsampling lacks bfloat16 kernels on some builds: interpolate in float32 there.
  const bool upcast = x.scalar_type() == torch::kBFloat16;
  torch::Tensor in = upcast ? x.to(torch::kFloat32) : x.contiguous();
  auto options = F::InterpolateFuncOptions().mode(torch::kNearest);
  if (outputSize) {
    options.size(*outputSize);
  } else {
    options.scale_factor(std::vector<double>{2.0, 2.0});
  }
  torch::Tensor h = F::interpolate(in, options);
  if (upcast) h = h.to(x.scalar_type());
  return conv(h);
}

}  // namespace shotcraft::torch_engine::nn
