#pragma once
// The cheap per-step preview: a linear latent -> RGB projection (a 1x1 "decoder"), upsampled to the output
// size. Weights come from the model folder's preview/latent_rgb.json when present (our training fits them by
// least squares against the VAE), else the Stable Diffusion 1.x/2.x factors for 4-channel latents.
#include <torch/torch.h>

#include <string>

#include "core/engine/Image.h"

namespace shotcraft::torch_engine {

class LinearPreviewDecoder {
 public:
  LinearPreviewDecoder();  // SD-family 4-channel factors
  // Reads {"weight": [[r,g,b] per latent channel], "bias": [r,g,b]}. False + *error if malformed.
  bool load(const std::string& jsonPath, std::string* error);
  bool save(const std::string& jsonPath, std::string* error) const;

  // Least-squares fit of RGB in [-1,1] ([N,3,H,W], downsampled to the latent grid) from latents [N,C,h,w].
  static LinearPreviewDecoder fit(const torch::Tensor& latents, const torch::Tensor& images);

  int latentChannels() const { return int(m_weight.size(0)); }
  // latent [1,C,h,w] (unscaled, as the sampler holds it) -> RGB8 image of width x height.
  Image decode(const torch::Tensor& latent, int width, int height) const;
  // The same projection as a tensor in [-1,1], [N,3,h,w] (for tests and the fit).
  torch::Tensor project(const torch::Tensor& latent) const;

 private:
  torch::Tensor m_weight;  // [C,3] float32
  torch::Tensor m_bias;    // [3]
};

// [N,3,H,W] float image in [-1,1] (first batch item) -> RGB8.
Image tensorToImage(const torch::Tensor& image);
// RGB8 -> [1,3,H,W] float32 in [-1,1].
torch::Tensor imageToTensor(const Image& image);

}  // namespace shotcraft::torch_engine
