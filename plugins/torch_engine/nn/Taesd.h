#pragma once
// TAESD, the tiny autoencoder of Stable Diffusion's latent space (diffusers `AutoencoderTiny`): a plain
// ReLU conv stack with 64 channels, used for per-step live previews and draft decodes.
//   decoder: tanh(z/3)*3 clamp, conv(latent->C), ReLU, then per level: blocks, nearest x2 upsample and a
//            bias-free conv (the last level: blocks and conv(C->3) with bias); output [0,1] mapped to [-1,1].
//   encoder: [-1,1] mapped to [0,1], conv(3->C), then per level a stride-2 bias-free conv (not the first) and
//            blocks, conv(C->latent). Block: conv3x3, ReLU, conv3x3, ReLU, conv3x3, plus the input, ReLU.
// Latents are the sampler's (already multiplied by the SD VAE's scaling factor; TAESD's own factor is 1).
// Parameter names follow the diffusers layout: decoder.layers.N.*, encoder.layers.N.*.
#include <torch/torch.h>

#include <string>
#include <vector>

namespace shotcraft::torch_engine::nn {

struct TaesdConfig {
  int64_t imageChannels = 3;
  int64_t latentChannels = 4;
  int64_t channels = 64;                              // every level (block_out_channels entries are equal)
  std::vector<int64_t> encoderBlocks{1, 3, 3, 3};     // num_encoder_blocks
  std::vector<int64_t> decoderBlocks{3, 3, 3, 1};     // num_decoder_blocks
  double scalingFactor = 1.0;                         // latents are divided by it before decoding
  bool withEncoder = true;                            // false: a decoder-only TAESD (preview use)

  int64_t upscaleFactor() const { return int64_t{1} << (decoderBlocks.size() - 1); }
  bool validate(std::string* error) const;
  // diffusers AutoencoderTiny config.json; other act_fn/upsample_fn or unequal channels are rejected by name.
  static bool fromFile(const std::string& path, TaesdConfig* out, std::string* error);
};

class TaesdBlockImpl : public torch::nn::Module {
 public:
  explicit TaesdBlockImpl(int64_t channels);
  torch::Tensor forward(const torch::Tensor& x);

 private:
  torch::nn::Sequential m_conv{nullptr};
};
TORCH_MODULE(TaesdBlock);

class TaesdImpl : public torch::nn::Module {
 public:
  explicit TaesdImpl(const TaesdConfig& config);
  const TaesdConfig& config() const { return m_config; }
  bool hasEncoder() const { return !m_encoder.is_empty(); }
  // The "decoder" / "encoder" sub-modules (parameters layers.N.*), for loaders of the original layout.
  torch::nn::Module& decoderModule() { return *m_decoderRoot; }
  torch::nn::Module* encoderModule() { return m_encoderRoot.get(); }
  int64_t decoderLayerCount() const { return int64_t(m_decoder->size()); }
  int64_t encoderLayerCount() const { return m_encoder.is_empty() ? 0 : int64_t(m_encoder->size()); }

  // Sampler latent [N,L,h,w] -> image [N,3,f*h,f*w] in [-1,1] (f = 8 for the SD layout).
  torch::Tensor decode(const torch::Tensor& latents);
  // Image [N,3,H,W] in [-1,1] -> sampler latent [N,L,H/f,W/f]. Needs the encoder.
  torch::Tensor encode(const torch::Tensor& image);

 private:
  TaesdConfig m_config;
  torch::nn::Sequential m_decoder{nullptr};
  torch::nn::Sequential m_encoder{nullptr};
  std::shared_ptr<torch::nn::Module> m_decoderRoot, m_encoderRoot;
};
TORCH_MODULE(Taesd);

}  // namespace shotcraft::torch_engine::nn
