// AutoencoderKL vs diffusers on the tiny random VAE of shared/refs/sd-tiny.
#include <torch/torch.h>

#include <gtest/gtest.h>

#include <ATen/CPUGeneratorImpl.h>

#include <cstdio>

#include "plugins/torch_engine/nn/StateDict.h"
#include "plugins/torch_engine/nn/Vae.h"
#include "tests/torch/RefTestUtil.h"

using namespace shotcraft::torch_engine;
using shotcraft::test::openRef;
using shotcraft::test::refsAvailable;
using shotcraft::test::refsPath;

namespace {

constexpr double kTol = 1e-4;

nn::Vae loadTinyVae() {
  return shotcraft::test::loadRefComponent<nn::VaeConfig, nn::Vae>("vae", "diffusion_pytorch_model.safetensors");
}

}  // namespace

TEST(Vae, ConfigFromTinyModel) {
  if (!refsAvailable()) GTEST_SKIP() << "sd-tiny refs not found";
  nn::VaeConfig c;
  std::string error;
  ASSERT_TRUE(nn::VaeConfig::fromFile(refsPath("sd-tiny/vae/config.json"), &c, &error)) << error;
  EXPECT_EQ(c.blockOutChannels, (std::vector<int64_t>{32, 64}));
  EXPECT_EQ(c.layersPerBlock, 2);
  EXPECT_EQ(c.latentChannels, 4);
  EXPECT_EQ(c.sampleSize, 32);
  EXPECT_DOUBLE_EQ(c.scalingFactor, 0.18215);
  EXPECT_EQ(c.downscaleFactor(), 2);
  EXPECT_FALSE(nn::VaeConfig::fromJson(R"({"block_out_channels": [32, 64], "up_block_types": ["UpDecoderBlock2D", "UpDecoderBlock3D"]})", &c, &error));
  EXPECT_NE(error.find("UpDecoderBlock3D"), std::string::npos) << error;
  EXPECT_FALSE(nn::VaeConfig::fromJson(R"({"block_out_channels": [30, 64]})", &c, &error));
  EXPECT_FALSE(nn::VaeConfig::fromJson(R"({"layers_per_block": "two"})", &c, &error));
  EXPECT_NE(error.find("layers_per_block"), std::string::npos) << error;
}

TEST(Vae, StrictLoadNamesAllDiffusersKeys) {
  if (!refsAvailable()) GTEST_SKIP() << "sd-tiny refs not found";
  nn::VaeConfig config;
  std::string error;
  ASSERT_TRUE(nn::VaeConfig::fromFile(refsPath("sd-tiny/vae/config.json"), &config, &error)) << error;
  nn::Vae vae(config);
  auto weights = openRef("vae/diffusion_pytorch_model.safetensors");
  ASSERT_NE(weights, nullptr);
  EXPECT_EQ(vae->named_parameters().size(), weights->names().size());
  EXPECT_TRUE(nn::loadStateDict(*vae, *weights, "", true, &error)) << error;
  // A model with one more resnet per block must not load strictly.
  config.layersPerBlock = 3;
  nn::Vae bigger(config);
  EXPECT_FALSE(nn::loadStateDict(*bigger, *weights, "", true, &error));
  EXPECT_FALSE(error.empty());
}

TEST(Vae, EncodeMatchesDiffusers) {
  if (!refsAvailable()) GTEST_SKIP() << "sd-tiny refs not found";
  torch::NoGradGuard noGrad;
  nn::Vae vae = loadTinyVae();
  auto io = openRef("io_vae.safetensors");
  ASSERT_NE(io, nullptr);
  nn::Intermediates trace;
  const nn::VaePosterior p = vae->encode(io->tensor("image"), &trace);
  SHOTCRAFT_EXPECT_CLOSE("moments", p.moments, io->tensor("moments"), kTol);
  SHOTCRAFT_EXPECT_CLOSE("mean", p.mean, io->tensor("mean"), kTol);
  SHOTCRAFT_EXPECT_CLOSE("logvar", p.logvar, io->tensor("logvar"), kTol);
  SHOTCRAFT_EXPECT_CLOSE("std", p.stddev, io->tensor("std"), kTol);
  for (const char* key : {"encoder.conv_in", "encoder.down_blocks.0", "encoder.down_blocks.1", "encoder.mid_block",
                          "encoder", "quant_conv"}) {
    ASSERT_TRUE(trace.count(key)) << key;
    SHOTCRAFT_EXPECT_CLOSE(key, trace[key], io->tensor(std::string("intermediate.") + key), kTol);
  }
  // Pipeline helper: scaled posterior mean; a seeded sample is reproducible and differs from the mean.
  const torch::Tensor latents = vae->encodeToLatents(io->tensor("image"));
  EXPECT_LE(shotcraft::test::maxAbsDiff(latents, io->tensor("mean") * 0.18215), 1e-5);
  const torch::Tensor s1 = p.sample(at::make_generator<at::CPUGeneratorImpl>(7));
  const torch::Tensor s2 = p.sample(at::make_generator<at::CPUGeneratorImpl>(7));
  EXPECT_TRUE(torch::equal(s1, s2));
  EXPECT_GT(shotcraft::test::maxAbsDiff(s1, p.mean), 1e-3);
}

TEST(Vae, DecodeMatchesDiffusers) {
  if (!refsAvailable()) GTEST_SKIP() << "sd-tiny refs not found";
  torch::NoGradGuard noGrad;
  nn::Vae vae = loadTinyVae();
  auto io = openRef("io_vae.safetensors");
  ASSERT_NE(io, nullptr);
  nn::Intermediates trace;
  const torch::Tensor decoded = vae->decode(io->tensor("latent"), &trace);
  SHOTCRAFT_EXPECT_CLOSE("decoded", decoded, io->tensor("decoded"), kTol);
  for (const char* key : {"post_quant_conv", "decoder.conv_in", "decoder.mid_block", "decoder.up_blocks.1"}) {
    ASSERT_TRUE(trace.count(key)) << key;
    SHOTCRAFT_EXPECT_CLOSE(key, trace[key], io->tensor(std::string("intermediate.") + key), kTol);
  }
  // decodeLatents divides by the scaling factor first.
  const torch::Tensor viaScaled = vae->decodeLatents(io->tensor("latent") * 0.18215);
  EXPECT_LE(shotcraft::test::maxAbsDiff(viaScaled, io->tensor("decoded")), kTol);
  // Odd latent sizes work (no multiple-of-8 requirement in the decoder).
  EXPECT_EQ(vae->decode(torch::zeros({1, 4, 5, 3})).sizes(), (std::vector<int64_t>{1, 3, 10, 6}));
}
