#pragma once
// AutoencoderKL (the Stable Diffusion VAE) with diffusers parameter names: encoder.*, quant_conv,
// post_quant_conv, decoder.*. Load weights with loadStateDict(vae, file, "", true, &error) (StateDict.h).
#include <torch/torch.h>

#include <optional>

#include "plugins/torch_engine/nn/VaeCoders.h"
#include "plugins/torch_engine/nn/VaeConfig.h"

namespace shotcraft::torch_engine::nn {

// The diagonal Gaussian the encoder predicts (diffusers DiagonalGaussianDistribution).
struct VaePosterior {
  torch::Tensor moments;  // [B, 2 * latent, h, w] = quant_conv(encoder(image))
  torch::Tensor mean;     // first half of the moments
  torch::Tensor logvar;   // second half, clamped to [-30, 20]
  torch::Tensor stddev;   // exp(0.5 * logvar)
  // mean + stddev * N(0, 1), the noise drawn on the CPU from `generator` (reproducible per seed).
  torch::Tensor sample(torch::Generator generator) const;
  static VaePosterior fromMoments(const torch::Tensor& moments);
};

class VaeImpl : public torch::nn::Module {
 public:
  // The config must be valid (VaeConfig::validate); construction throws c10::Error otherwise.
  explicit VaeImpl(const VaeConfig& config);

  // image [B, in, H, W] in [-1, 1] (H, W multiples of downscaleFactor()). trace adds "quant_conv" and the
  // encoder keys of VaeEncoderImpl::forward.
  VaePosterior encode(const torch::Tensor& image, Intermediates* trace = nullptr);
  // Raw latent (no scaling) [B, latent, h, w] -> image [B, out, h * f, w * f], roughly in [-1, 1]. trace adds
  // "post_quant_conv" and the decoder keys.
  torch::Tensor decode(const torch::Tensor& latent, Intermediates* trace = nullptr);

  // Pipeline helpers: UNet latents = (z - shift) * scaling, with z the posterior mean, or a sample of it
  // when a generator is given; decodeLatents undoes the scaling before decoding.
  torch::Tensor encodeToLatents(const torch::Tensor& image, std::optional<torch::Generator> generator = std::nullopt);
  torch::Tensor decodeLatents(const torch::Tensor& latents);

  const VaeConfig& config() const { return m_config; }

  VaeEncoder encoder{nullptr};
  VaeDecoder decoder{nullptr};
  Conv2d quant_conv{nullptr};
  Conv2d post_quant_conv{nullptr};

 private:
  VaeConfig m_config;
};
TORCH_MODULE(Vae);

}  // namespace shotcraft::torch_engine::nn
