#pragma once
// The frozen VAE's posterior moments of the training pool, encoded once per pool item and reused every epoch.
// Encoding 32 frames at 256x144 costs more than the UNet's own training step on a 2-core CPU, so the UNet and
// ControlNet stages train on a finite pool of scenes (DataSettings::pool) whose moments are kept here. A fresh
// latent sample (mean + std * noise) is still drawn per use, so epochs do not repeat latents exactly.
// Deterministic: the moments of an item depend only on its image, so a resumed run re-encodes what it needs
// and sees the same values as an uninterrupted one.
#include <torch/torch.h>

#include <cstdint>
#include <vector>

#include "plugins/torch_engine/nn/Vae.h"

namespace shotcraft::torch_engine::train {

class LatentCache {
 public:
  // `vae` is the frozen fp32 VAE (a bf16 encoder was tried: 5% RMS latent error on a tiny VAE for a 1.5x
  // speed-up of a one-off cost, not worth it). `poolSize` 0 keeps nothing (stream data).
  LatentCache(nn::Vae vae, int64_t poolSize);

  // Scaled latents [B,C,h,w] float32 of a batch: rgb [B,3,H,W] in [-1,1], poolIndex[i] the pool slot of item i
  // (ignored when the pool size is 0). Items not cached yet are encoded (only those rows); the posterior sample's
  // noise is drawn from `generator` for every item in batch order.
  torch::Tensor latents(const torch::Tensor& rgb, const std::vector<int64_t>& poolIndex, torch::Generator generator);

  int64_t hits() const { return m_hits; }
  int64_t misses() const { return m_misses; }

 private:
  torch::Tensor encodeMoments(const torch::Tensor& rgb);

  nn::Vae m_vae;
  int64_t m_pool = 0;
  torch::Tensor m_moments;      // [pool, 2C, h, w] float32, allocated on first use
  std::vector<uint8_t> m_have;  // per pool slot
  int64_t m_hits = 0;
  int64_t m_misses = 0;
};

}  // namespace shotcraft::torch_engine::train
