// The UNet/ControlNet stages' finite training pool: scenes repeat per epoch while prompt choices do not, and the
// latent cache returns what a fresh encoding would, encoding each pool item once.
#include <torch/torch.h>

#include <gtest/gtest.h>

#include "plugins/torch_engine/train/LatentCache.h"
#include "plugins/torch_engine/train/ModelFolder.h"
#include "plugins/torch_engine/train/TrainingData.h"

using namespace shotcraft::torch_engine;

namespace {

nn::Vae tinyVae() {
  nn::VaeConfig config;
  std::string error;
  EXPECT_TRUE(nn::VaeConfig::fromJson(train::vaeConfigJson(true, 0.7), &config, &error)) << error;
  torch::manual_seed(3);
  nn::Vae vae(config);
  vae->eval();
  return vae;
}

torch::Generator generator(uint64_t seed) { return at::make_generator<at::CPUGeneratorImpl>(seed); }

}  // namespace

TEST(TrainData, PoolRepeatsScenesEveryEpoch) {
  train::DataSettings s;
  s.seed = 9;
  s.width = 32;
  s.height = 16;
  s.batch = 2;
  s.pool = 4;
  const auto first = train::renderBatch(s, 0);
  const auto second = train::renderBatch(s, 1);
  const auto again = train::renderBatch(s, 2);  // stream items 4,5 = pool slots 0,1
  EXPECT_EQ(first.pool_index, (std::vector<int64_t>{0, 1}));
  EXPECT_EQ(second.pool_index, (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(again.pool_index, first.pool_index);
  EXPECT_TRUE(torch::equal(again.rgb, first.rgb));
  EXPECT_FALSE(torch::equal(second.rgb, first.rgb));
  s.pool = 0;
  EXPECT_EQ(train::renderBatch(s, 2).pool_index, (std::vector<int64_t>{4, 5}));
}

TEST(LatentCache, CachedLatentsEqualAFreshEncodingAndEncodeOnce) {
  nn::Vae vae = tinyVae();
  const torch::Tensor rgb = torch::rand({2, 3, 32, 64}) * 2 - 1;
  torch::Tensor fresh;
  {
    torch::NoGradGuard ng;
    fresh = vae->encodeToLatents(rgb, generator(7));
  }
  train::LatentCache cache(vae, 4);
  const torch::Tensor a = cache.latents(rgb, {3, 1}, generator(7));
  EXPECT_EQ(cache.misses(), 2);
  EXPECT_TRUE(torch::allclose(a, fresh, 1e-5, 1e-6));
  // Cached slots ignore the pixels passed in: only the slot identifies the scene.
  const torch::Tensor b = cache.latents(torch::zeros_like(rgb), {3, 1}, generator(7));
  EXPECT_EQ(cache.hits(), 2);
  EXPECT_TRUE(torch::equal(a, b));
  // A different noise draw gives a different sample of the same posterior.
  EXPECT_FALSE(torch::equal(cache.latents(rgb, {3, 1}, generator(8)), a));
  // Mixed batch: one cached slot, one new.
  const torch::Tensor c = cache.latents(rgb, {3, 0}, generator(7));
  EXPECT_EQ(cache.misses(), 3);
  EXPECT_TRUE(torch::allclose(c, fresh, 1e-5, 1e-6));
  EXPECT_THROW(cache.latents(rgb, {4, 0}, generator(7)), c10::Error);
  // Without a pool every call encodes.
  train::LatentCache stream(vae, 0);
  EXPECT_TRUE(torch::allclose(stream.latents(rgb, {}, generator(7)), fresh, 1e-5, 1e-6));
  EXPECT_EQ(stream.misses(), 2);
}
