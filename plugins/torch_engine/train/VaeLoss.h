#pragma once
// The autoencoder's training loss. Reconstruction is L1 + MSE averaged over the image's elements; the KL term is
// the posterior's KL divergence from N(0, 1) summed over the latent elements and divided by the same image
// element count. That is Stable Diffusion's balance (its loss sums both over their elements, KL weighted 1e-6)
// scaled by a constant: a KL summed per image next to a per-element mean (the first shotcraft-tiny VAE did this)
// weighs it ~10^5 times more, pulls the posterior towards N(0, 1) and leaves the latents little of the picture.
#include <torch/torch.h>

#include "plugins/torch_engine/nn/Vae.h"

namespace shotcraft::torch_engine::train {

struct VaeLossTerms {
  torch::Tensor reconstruction;  // L1 + MSE, mean over image elements
  torch::Tensor kl;              // KL(posterior || N(0,1)) summed over latents / image elements
};

inline VaeLossTerms vaeLoss(const torch::Tensor& recon, const torch::Tensor& image, const nn::VaePosterior& post) {
  VaeLossTerms t;
  t.reconstruction = torch::l1_loss(recon, image) + torch::mse_loss(recon, image);
  t.kl = 0.5 * (post.mean.pow(2) + post.logvar.exp() - 1.0 - post.logvar).sum() / double(image.numel());
  return t;
}

// Gradient difference loss (Mathieu et al. 2016): L1 between the reconstruction's and the image's differences of
// neighbouring pixels, across and down. L1 + MSE alone is lowest for a softened edge wherever the decoder is
// unsure where it lies; this term charges for the lost contrast, so edges and outlines come back sharper.
inline torch::Tensor gradientLoss(const torch::Tensor& recon, const torch::Tensor& image) {
  const auto dx = [](const torch::Tensor& t) { return t.narrow(3, 1, t.size(3) - 1) - t.narrow(3, 0, t.size(3) - 1); };
  const auto dy = [](const torch::Tensor& t) { return t.narrow(2, 1, t.size(2) - 1) - t.narrow(2, 0, t.size(2) - 1); };
  return torch::l1_loss(dx(recon), dx(image)) + torch::l1_loss(dy(recon), dy(image));
}

}  // namespace shotcraft::torch_engine::train
