#include "plugins/torch_engine/train/LatentCache.h"

namespace shotcraft::torch_engine::train {

LatentCache::LatentCache(nn::Vae vae, int64_t poolSize) : m_vae(std::move(vae)), m_pool(std::max<int64_t>(0, poolSize)) {
  if (m_pool > 0) m_have.assign(size_t(m_pool), 0);
}

torch::Tensor LatentCache::encodeMoments(const torch::Tensor& rgb) {
  torch::NoGradGuard ng;
  return m_vae->encode(rgb).moments.to(torch::kFloat32).contiguous();
}

torch::Tensor LatentCache::latents(const torch::Tensor& rgb, const std::vector<int64_t>& poolIndex,
                                   torch::Generator generator) {
  torch::NoGradGuard ng;
  const int64_t batch = rgb.size(0);
  torch::Tensor moments;
  if (m_pool == 0) {
    moments = encodeMoments(rgb);
    m_misses += batch;
  } else {
    TORCH_CHECK(int64_t(poolIndex.size()) == batch, "latent cache: ", poolIndex.size(), " pool indices for a batch of ",
                batch);
    std::vector<int64_t> missing;
    for (int64_t i = 0; i < batch; ++i) {
      const int64_t slot = poolIndex[size_t(i)];
      TORCH_CHECK(slot >= 0 && slot < m_pool, "latent cache: pool index ", slot, " outside [0, ", m_pool, ")");
      if (!m_have[size_t(slot)]) missing.push_back(i);
    }
    if (!missing.empty()) {
      const auto rows = torch::tensor(missing, torch::kInt64);
      const torch::Tensor fresh = encodeMoments(rgb.index_select(0, rows));
      if (!m_moments.defined()) {
        auto shape = fresh.sizes().vec();
        shape[0] = m_pool;
        m_moments = torch::zeros(shape, torch::kFloat32);
      }
      for (size_t j = 0; j < missing.size(); ++j) {
        const int64_t slot = poolIndex[size_t(missing[j])];
        m_moments[slot].copy_(fresh[int64_t(j)]);
        m_have[size_t(slot)] = 1;
      }
    }
    m_misses += int64_t(missing.size());
    m_hits += batch - int64_t(missing.size());
    moments = m_moments.index_select(0, torch::tensor(poolIndex, torch::kInt64));
  }
  nn::VaePosterior p;
  const auto halves = moments.chunk(2, 1);
  p.mean = halves[0];
  p.logvar = halves[1].clamp(-30.0, 20.0);
  p.stddev = (0.5 * p.logvar).exp();
  const auto& cfg = m_vae->config();
  return (p.sample(generator) - cfg.shiftFactor) * cfg.scalingFactor;
}

}  // namespace shotcraft::torch_engine::train
