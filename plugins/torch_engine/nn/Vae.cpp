#include "plugins/torch_engine/nn/Vae.h"

namespace shotcraft::torch_engine::nn {

torch::Tensor VaePosterior::sample(torch::Generator generator) const {
  const torch::Tensor noise = at::randn(mean.sizes(), generator, torch::TensorOptions().dtype(torch::kFloat32));
  return mean + stddev * noise.to(mean.device(), mean.scalar_type());
}

VaePosterior VaePosterior::fromMoments(const torch::Tensor& moments) {
  VaePosterior p;
  p.moments = moments;
  const std::vector<torch::Tensor> halves = moments.chunk(2, 1);
  p.mean = halves[0];
  p.logvar = halves[1].clamp(-30.0, 20.0);
  p.stddev = torch::exp(0.5 * p.logvar);
  return p;
}

VaeImpl::VaeImpl(const VaeConfig& config) : m_config(config) {
  std::string error;
  TORCH_CHECK(config.validate(&error), error);
  encoder = register_module("encoder", VaeEncoder(config));
  decoder = register_module("decoder", VaeDecoder(config));
  const int64_t latent = config.latentChannels;
  if (config.useQuantConv) quant_conv = register_module("quant_conv", makeConv2d(2 * latent, 2 * latent, 1));
  if (config.usePostQuantConv) {
    post_quant_conv = register_module("post_quant_conv", makeConv2d(latent, latent, 1));
  }
}

VaePosterior VaeImpl::encode(const torch::Tensor& image, Intermediates* trace) {
  TORCH_CHECK(image.dim() == 4 && image.size(1) == m_config.inChannels, "vae encode: expected [B, ",
              m_config.inChannels, ", H, W], got ", image.sizes());
  torch::Tensor moments = encoder->forward(image, trace);
  if (quant_conv) moments = quant_conv(moments);
  if (trace) (*trace)["quant_conv"] = moments;
  return VaePosterior::fromMoments(moments);
}

torch::Tensor VaeImpl::decode(const torch::Tensor& latent, Intermediates* trace) {
  TORCH_CHECK(latent.dim() == 4 && latent.size(1) == m_config.latentChannels, "vae decode: expected [B, ",
              m_config.latentChannels, ", h, w], got ", latent.sizes());
  torch::Tensor z = post_quant_conv ? post_quant_conv(latent) : latent;
  if (trace) (*trace)["post_quant_conv"] = z;
  return decoder->forward(z, trace);
}

torch::Tensor VaeImpl::encodeToLatents(const torch::Tensor& image, std::optional<torch::Generator> generator) {
  const VaePosterior p = encode(image);
  const torch::Tensor z = generator ? p.sample(*generator) : p.mean;
  return (z - m_config.shiftFactor) * m_config.scalingFactor;
}

torch::Tensor VaeImpl::decodeLatents(const torch::Tensor& latents) {
  return decode(latents / m_config.scalingFactor + m_config.shiftFactor);
}

}  // namespace shotcraft::torch_engine::nn
